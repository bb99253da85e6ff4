package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;

import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.frame.VideoFramePool;

/**
 * Scales and converts pictures with swscale into pooled output frames (no per-frame
 * allocation after warm-up). Output size follows ffmpeg's scale filter: a dimension of -1 keeps
 * the aspect ratio, -2 keeps it and rounds to an even number (what 4:2:0 encoders need).
 *
 * <p>Also makes small analysis copies: {@link #analysis(int, int)} gives a scaler for e.g.
 * gray8 or rgb24 pictures ~256 px wide with tightly packed rows, for shot detection in Java.
 *
 * <p>Input size and format may change between frames (the context adapts). One thread at a time.
 */
public final class Scaler implements AutoCloseable {
    static {
        Natives.load();
    }

    /** An output size. */
    public record Size(int width, int height) {
    }

    private final int reqWidth;
    private final int reqHeight;
    private final int outFormat;
    private final boolean packed;
    private SwsContext sws;
    private VideoFramePool pool;
    private int lastSrcW = -1;
    private int lastSrcH = -1;

    /**
     * @param width output width, or -1/-2 to derive from height and the input's aspect
     * @param height output height, or -1/-2 likewise
     * @param pixelFormat output AV_PIX_FMT_*, or {@link PixelFormats#NONE} for "same as input"
     */
    public Scaler(int width, int height, int pixelFormat) {
        this(width, height, pixelFormat, SWS_BICUBIC, false);
    }

    /** As above with swscale flags (SWS_BILINEAR, SWS_BICUBIC, SWS_AREA...) and row packing. */
    public Scaler(int width, int height, int pixelFormat, int swsFlags, boolean packedRows) {
        if (width == 0 || height == 0 || width < -2 || height < -2 || (width < 0 && height < 0)) {
            throw new IllegalArgumentException("bad output size " + width + "x" + height);
        }
        this.reqWidth = width;
        this.reqHeight = height;
        this.outFormat = pixelFormat;
        this.packed = packedRows;
        if (pixelFormat != PixelFormats.NONE) {
            PixelFormats.name(pixelFormat);
        }
        sws = sws_alloc_context();
        if (sws == null || sws.isNull()) {
            throw new OutOfMemoryError("sws_alloc_context");
        }
        // Pipeline stages own one core each: no swscale worker threads.
        sws.flags(swsFlags).threads(1);
    }

    /**
     * Analysis copies: {@code width} px wide (e.g. 256), height from the aspect (even),
     * {@code pixelFormat} GRAY8 or RGB24 with tightly packed rows; fast area averaging.
     */
    public static Scaler analysis(int width, int pixelFormat) {
        return new Scaler(width, -2, pixelFormat, SWS_AREA, true);
    }

    /** ffmpeg scale-filter semantics for the output size of a {@code srcW}x{@code srcH} input. */
    public static Size resolve(int srcW, int srcH, int w, int h) {
        int ow = w;
        int oh = h;
        // As libavfilter's ff_scale_eval_dimensions: -n keeps the aspect and rounds to a multiple of n.
        if (ow < 0) {
            int n = -w;
            ow = (int) Math.round((double) oh * srcW / ((double) srcH * n)) * n;
        } else if (oh < 0) {
            int n = -h;
            oh = (int) Math.round((double) ow * srcH / ((double) srcW * n)) * n;
        }
        return new Size(Math.max(w == -2 ? 2 : 1, ow), Math.max(h == -2 ? 2 : 1, oh));
    }

    /** Output size for an input of this size. */
    public Size outputSize(int srcW, int srcH) {
        return resolve(srcW, srcH, reqWidth, reqHeight);
    }

    /**
     * A scaled/converted copy of {@code src} (borrowed; caller releases both). Timestamp, time
     * base, aspect ratio and colour properties are carried over.
     */
    public VideoFrame scale(VideoFrame src) {
        if (sws == null) {
            throw new IllegalStateException("scaler closed");
        }
        VideoFramePool p = pool(src);
        VideoFrame out = p.get();
        try {
            AVFrame in = src.avFrame();
            AVFrame dst = out.avFrame();
            copyColor(in, dst, out.pixelFormat());
            dst.sample_aspect_ratio().num(in.sample_aspect_ratio().num()).den(in.sample_aspect_ratio().den());
            int r = sws_scale_frame(sws, dst, in);
            if (r < 0) {
                throw MediaException.of("cannot scale " + src.width() + "x" + src.height() + " " + src.pixelFormatName()
                        + " to " + out.width() + "x" + out.height() + " " + out.pixelFormatName(), r);
            }
            dst.duration(in.duration());
            out.setPts(src.pts(), src.timeBase());
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** Zero-copy crop followed by {@link #scale}: the usual reframing step. */
    public VideoFrame cropAndScale(VideoFrame src, int x, int y, int w, int h) {
        VideoFrame c = src.crop(x, y, w, h);
        try {
            return scale(c);
        } finally {
            c.release();
        }
    }

    private static void copyColor(AVFrame in, AVFrame out, int outFormat) {
        if (PixelFormats.isRgb(outFormat)) {
            out.color_range(AVCOL_RANGE_JPEG).colorspace(AVCOL_SPC_RGB);
        } else {
            // Same matrix and range as the input: swscale then only resamples.
            out.color_range(in.color_range()).colorspace(in.colorspace());
            out.chroma_location(in.chroma_location());
        }
        out.color_primaries(in.color_primaries()).color_trc(in.color_trc());
    }

    private VideoFramePool pool(VideoFrame src) {
        int fmt = outFormat == PixelFormats.NONE ? src.pixelFormat() : outFormat;
        if (pool != null && lastSrcW == src.width() && lastSrcH == src.height() && pool.pixelFormat() == fmt) {
            return pool;
        }
        Size s = outputSize(src.width(), src.height());
        if (pool == null || pool.width() != s.width() || pool.height() != s.height() || pool.pixelFormat() != fmt) {
            if (pool != null) {
                pool.close();
            }
            pool = new VideoFramePool(s.width(), s.height(), fmt, packed);
        }
        lastSrcW = src.width();
        lastSrcH = src.height();
        return pool;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_free_context(sws);
            sws = null;
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
