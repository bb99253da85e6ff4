package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.reel.media.core.MediaException;

/**
 * A {@link PooledShell} around an owned {@code AVFrame} whose buffers FFmpeg reference counts:
 * what decoded pictures and decoded audio share (taking over or referencing native frames, the
 * single owner's timestamp change, exclusive-write checks, native access).
 *
 * @param <T> the concrete frame type
 */
public abstract class FrameShell<T extends FrameShell<T>> extends PooledShell<T> {
    final AVFrame frame;

    FrameShell(ShellPool<T> pool) {
        super(pool);
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new OutOfMemoryError("av_frame_alloc");
        }
        frame = f;
    }

    @Override
    void clear() {
        av_frame_unref(frame);
    }

    @Override
    final void freeNative() {
        av_frame_free(frame);
    }

    /** Takes over the buffer references of {@code src}, which is left blank (as after av_frame_unref). */
    final void moveFrom(AVFrame src) {
        av_frame_move_ref(frame, src);
    }

    /** New references to {@code src}'s buffers; on failure this shell is released and {@code what} thrown. */
    final void referenceTo(AVFrame src, String what) {
        int r = av_frame_ref(frame, src);
        if (r < 0) {
            release();
            throw MediaException.of(what, r);
        }
    }

    /**
     * Changes the timestamp. Only for the single owner of a frame, before sending it on:
     * a frame that other holders can see must not change.
     */
    public void setPts(long pts, Rational timeBase) {
        checkLive();
        if (refCount() != 1) {
            throw new IllegalStateException("setPts on a shared frame");
        }
        this.pts = pts;
        this.timeBase = timeBase;
        frame.pts(pts);
    }

    /** Fails with {@code message} unless this caller alone holds the frame and its buffers are writable. */
    final void checkExclusive(String message) {
        checkLive();
        if (refCount() != 1 || av_frame_is_writable(frame) == 0) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * The native frame, for native consumers (encoders, swscale, swresample). Read-only access:
     * never unref, modify or free it; the frame may be shared with other holders.
     */
    public AVFrame avFrame() {
        checkLive();
        return frame;
    }
}
