package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * A decoded picture shared by reference: an owned {@code AVFrame} whose pixel buffers are
 * reference counted by FFmpeg (usually the decoder's buffer pool), so passing, cropping and
 * encoding it copies no pixels.
 *
 * <p>Lifecycle: created with one reference; {@link #retain()} / {@link #release()} as for every
 * runtime message. The last release unreferences the buffers (returning them to their pool) and
 * returns this shell to a small pool, so steady state allocates no Java or native frame shells.
 * Receivers never write to a frame: {@link #plane} views are read-only; use
 * {@link #writableCopy()} for a private copy. Views are valid only while a reference is held.
 *
 * <p>Not thread-safe for mutation; {@code release()} may happen on any thread.
 */
public final class VideoFrame extends FrameShell<VideoFrame> {
    static {
        Natives.load();
    }

    /** Most free shells kept for reuse. */
    private static final int DEFAULT_POOLED_SHELLS = 512;
    private static final ShellPool<VideoFrame> POOL = new ShellPool<>(DEFAULT_POOLED_SHELLS, VideoFrame::new);

    private int width;
    private int height;
    private int format;
    private long duration;
    private boolean key;
    private PixelFormats.Info info;

    private VideoFrame() {
        super(POOL);
    }

    /**
     * Takes over the buffer references of {@code src} (which is left blank, ready for reuse, as
     * after {@code av_frame_unref}). This is how decoders hand out frames without copying.
     */
    public static VideoFrame adopt(AVFrame src, Rational timeBase) {
        requireFrame(src);
        VideoFrame v = POOL.obtain();
        v.moveFrom(src);
        return v.load(timeBase);
    }

    /** A new reference to the buffers of {@code src}, which stays untouched. */
    public static VideoFrame reference(AVFrame src, Rational timeBase) {
        requireFrame(src);
        return shellReferencing(src).load(timeBase);
    }

    /** A pooled shell holding new references to {@code src}'s buffers, not yet loaded. */
    private static VideoFrame shellReferencing(AVFrame src) {
        VideoFrame v = POOL.obtain();
        v.referenceTo(src, "cannot reference frame");
        return v;
    }

    /** A frame with new, exclusively owned (writable) buffers; pixels uninitialised. */
    public static VideoFrame allocate(int width, int height, int pixelFormat) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad frame size " + width + "x" + height);
        }
        PixelFormats.info(pixelFormat);
        VideoFrame v = POOL.obtain();
        v.frame.format(pixelFormat).width(width).height(height);
        int r = av_frame_get_buffer(v.frame, 0);
        if (r < 0) {
            v.release();
            throw MediaException.of("cannot allocate " + width + "x" + height + " frame", r);
        }
        v.frame.pts(AV_NOPTS_VALUE);
        return v.load(Rational.UNKNOWN);
    }

    private static void requireFrame(AVFrame src) {
        if (src == null || src.isNull()) {
            throw new IllegalArgumentException("null AVFrame");
        }
        if (src.buf(0) == null || src.buf(0).isNull() || src.width() <= 0 || src.height() <= 0 || src.format() < 0) {
            throw new IllegalArgumentException("AVFrame holds no reference-counted picture");
        }
    }

    private VideoFrame load(Rational tb) {
        try {
            info = PixelFormats.info(frame.format());
            if (frame.crop_left() != 0 || frame.crop_top() != 0 || frame.crop_right() != 0 || frame.crop_bottom() != 0) {
                // Keep the invariant "crop fields are zero": later crops compose on data pointers.
                int r = av_frame_apply_cropping(frame, AV_FRAME_CROP_UNALIGNED);
                if (r < 0) {
                    throw MediaException.of("cannot apply frame cropping", r);
                }
            }
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        width = frame.width();
        height = frame.height();
        format = frame.format();
        pts = frame.pts();
        duration = frame.duration();
        key = (frame.flags() & FLAG_KEY) != 0;
        timeBase = tb == null ? Rational.UNKNOWN : tb;
        return this;
    }

    /** AV_FRAME_FLAG_KEY (a macro, so not in the generated bindings). */
    public static final int FLAG_KEY = 1 << 1;
    /** AV_FRAME_FLAG_CORRUPT. */
    public static final int FLAG_CORRUPT = 1;

    @Override
    void clear() {
        super.clear();
        info = null;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** An AV_PIX_FMT_* value; see {@link PixelFormats}. */
    public int pixelFormat() {
        return format;
    }

    public String pixelFormatName() {
        return PixelFormats.name(format);
    }

    /** Duration in {@link #timeBase()} units, 0 if unknown. */
    public long duration() {
        return duration;
    }

    public boolean keyFrame() {
        return key;
    }

    /** True if the decoder flagged this picture as damaged (shown anyway: decode what can be decoded). */
    public boolean corrupt() {
        return (frame.flags() & FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0;
    }

    public int planes() {
        return info == null ? 0 : info.planes();
    }

    /** Bytes between the starts of two rows of plane {@code i}. */
    public int linesize(int i) {
        checkLive();
        checkPlane(i);
        return frame.linesize(i);
    }

    /** Rows in plane {@code i} (chroma planes of subsampled formats are shorter). */
    public int planeHeight(int i) {
        checkPlane(i);
        return PixelFormats.planeHeight(info, i, height);
    }

    /**
     * A read-only view of plane {@code i}: row {@code r} starts at {@code r * linesize(i)}.
     * No copy; valid while a reference to this frame is held.
     */
    public ByteBuffer plane(int i) {
        return view(i).asReadOnlyBuffer();
    }

    /**
     * A writable view of plane {@code i}, only for a frame this caller exclusively owns
     * (count one, buffers not shared: a {@link #writableCopy()} or {@link #allocate}d frame).
     */
    public ByteBuffer mutablePlane(int i) {
        checkExclusive("frame buffers are shared; use writableCopy()");
        return view(i);
    }

    private ByteBuffer view(int i) {
        checkLive();
        checkPlane(i);
        int ls = frame.linesize(i);
        if (ls <= 0) {
            throw new UnsupportedOperationException("negative linesize (bottom-up picture)");
        }
        long size;
        if (info.palette() && i == 1) {
            size = 256 * 4;
        } else {
            int rows = PixelFormats.planeHeight(info, i, height);
            int rowBytes = av_image_get_linesize(format, width, i);
            size = (long) ls * (rows - 1) + rowBytes;
        }
        BytePointer p = frame.data(i);
        if (p == null || p.isNull()) {
            throw new IllegalStateException("plane " + i + " has no data");
        }
        return p.capacity(size).asByteBuffer();
    }

    private void checkPlane(int i) {
        if (info == null) {
            throw new IllegalStateException("VideoFrame used after release");
        }
        int n = info.palette() ? 2 : info.planes();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("plane " + i + " of " + n);
        }
    }

    /**
     * A new frame showing the rectangle ({@code x}, {@code y}, {@code w}, {@code h}) of this one,
     * referencing the same buffers (no pixel copy). {@code x} and {@code y} are rounded down to
     * the chroma grid (even for 4:2:0) so colour stays registered with luma.
     */
    public VideoFrame crop(int x, int y, int w, int h) {
        checkLive();
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x > width - w || y > height - h) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y
                    + " outside " + width + "x" + height);
        }
        if (info.special() || info.palette()) {
            throw new UnsupportedOperationException("cannot crop " + pixelFormatName() + " frames");
        }
        int sx = x & ~((1 << info.log2ChromaW()) - 1);
        int sy = y & ~((1 << info.log2ChromaH()) - 1);
        if (sx == 0 && sy == 0 && w == width && h == height) {
            retain();
            return this;
        }
        VideoFrame c = shellReferencing(frame);
        c.frame.crop_left(sx).crop_top(sy).crop_right(width - sx - w).crop_bottom(height - sy - h);
        return c.load(timeBase);
    }

    /**
     * A view of every {@code step}-th row, referencing the same buffers (no pixel copy): the picture
     * squeezed vertically, for analysis downscales where reading every source row would cost more
     * than the analysis itself. The height is kept a multiple of the chroma subsampling, so each
     * view chroma row still belongs to its two view luma rows.
     */
    public VideoFrame everyNthRow(int step) {
        checkLive();
        if (step < 1) {
            throw new IllegalArgumentException("row step " + step);
        }
        if (info.special() || info.palette()) {
            throw new UnsupportedOperationException("cannot subsample " + pixelFormatName() + " frames");
        }
        int sub = 1 << info.log2ChromaH();
        int h = height / step / sub * sub;
        if (step == 1 || h < sub) {
            retain();
            return this;
        }
        VideoFrame c = shellReferencing(frame);
        for (int i = 0; i < info.planes(); i++) {
            c.frame.linesize(i, frame.linesize(i) * step);
        }
        c.frame.height(h);
        return c.load(timeBase);
    }

    /** A deep copy with new, exclusively owned buffers; pts and properties kept. */
    public VideoFrame writableCopy() {
        checkLive();
        VideoFrame c = POOL.obtain();
        c.frame.format(format).width(width).height(height);
        int r = av_frame_get_buffer(c.frame, 0);
        if (r >= 0) {
            r = av_frame_copy(c.frame, frame);
        }
        if (r >= 0) {
            r = av_frame_copy_props(c.frame, frame);
        }
        if (r < 0) {
            c.release();
            throw MediaException.of("cannot copy frame", r);
        }
        return c.load(timeBase);
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " " + (info == null ? "released" : pixelFormatName())
                + " pts=" + pts + " tb=" + timeBase + (key ? " key" : "") + "]";
    }
}
