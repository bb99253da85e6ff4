package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avutil.AVBufferPool;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * Writable frames of one geometry whose pixel memory comes from an FFmpeg buffer pool: after
 * warm-up, producing a frame (scaler output, analysis copy) allocates nothing. Memory returns to
 * the pool when the last reference to a frame is released, on any thread.
 *
 * <p>{@link #get()} is for one producer thread; closing is safe while frames are still out
 * (the pool is freed when the last buffer comes back).
 */
public final class VideoFramePool implements AutoCloseable {
    static {
        Natives.load();
    }

    private static final int PADDING = 64; // SIMD code may read past the last row

    private final int width;
    private final int height;
    private final int format;
    private final int[] linesizes = new int[4];
    private final long[] offsets = new long[4];
    private final int planes;
    private AVBufferPool pool;
    private final AVFrame scratch;

    /**
     * @param packed true: rows tightly packed (linesize = width x bytes per pixel), handy for
     *     analysis in Java; false: rows aligned to 64 bytes, fastest for SIMD code
     */
    public VideoFramePool(int width, int height, int pixelFormat, boolean packed) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad frame size " + width + "x" + height);
        }
        PixelFormats.Info info = PixelFormats.info(pixelFormat);
        if (info.special() || info.palette()) {
            throw new IllegalArgumentException("cannot pool " + PixelFormats.name(pixelFormat) + " frames");
        }
        this.width = width;
        this.height = height;
        this.format = pixelFormat;
        this.planes = info.planes();
        int alignedWidth = packed ? width : (width + 63) & ~63;
        int r = av_image_fill_linesizes(linesizes, pixelFormat, alignedWidth);
        if (r < 0) {
            throw MediaException.of("bad frame geometry", r);
        }
        long total = 0;
        for (int i = 0; i < planes; i++) {
            offsets[i] = total;
            long size = (long) linesizes[i] * PixelFormats.planeHeight(info, i, height);
            total += packed ? size : (size + 63) & ~63L;
        }
        total += PADDING;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame too large: " + width + "x" + height);
        }
        pool = av_buffer_pool_init(total, (org.bytedeco.ffmpeg.avutil.Alloc_long) null);
        scratch = av_frame_alloc();
        if (pool == null || pool.isNull() || scratch == null || scratch.isNull()) {
            close();
            throw new OutOfMemoryError("av_buffer_pool_init");
        }
    }

    /** A writable frame (count one) with uninitialised pixels; pts unset. */
    public VideoFrame get() {
        if (pool == null) {
            throw new IllegalStateException("pool closed");
        }
        AVBufferRef buf = av_buffer_pool_get(pool);
        if (buf == null || buf.isNull()) {
            throw new OutOfMemoryError("av_buffer_pool_get");
        }
        AVFrame f = scratch;
        f.buf(0, buf);
        BytePointer base = buf.data();
        for (int i = 0; i < 4; i++) {
            if (i < planes) {
                f.data(i, base.position(0).getPointer(offsets[i]));
                f.linesize(i, linesizes[i]);
            } else {
                f.data(i, null);
                f.linesize(i, 0);
            }
        }
        f.extended_data(f.data());
        f.format(format).width(width).height(height).pts(AV_NOPTS_VALUE);
        return VideoFrame.adopt(f, Rational.UNKNOWN);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int pixelFormat() {
        return format;
    }

    @Override
    public void close() {
        if (pool != null) {
            av_buffer_pool_uninit(pool);
            pool = null;
        }
        if (scratch != null && !scratch.isNull()) {
            av_frame_free(scratch);
        }
    }
}
