package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;

import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.reel.runtime.buffer.AbstractRefCounted;

/**
 * A reference-counted Java shell around one native FFmpeg struct (AVFrame, AVPacket) that is
 * reused: the last release clears the struct (returning its buffers to their owners) and puts the
 * shell back in its {@link ShellPool}, so steady state allocates no Java or native shells.
 * Reference counting and leak tracking are {@link AbstractRefCounted}'s. Release may happen on
 * any thread; everything else belongs to the holder.
 *
 * @param <T> the concrete shell type
 */
public abstract class PooledShell<T extends PooledShell<T>> extends AbstractRefCounted {
    private final ShellPool<T> pool;

    PooledShell(ShellPool<T> pool) {
        this.pool = pool;
    }

    /** Drops the native buffer references and resets the Java fields, keeping the native struct. */
    abstract void clear();

    /** Frees the native struct: the shell is never used again. */
    abstract void freeNative();

    @SuppressWarnings("unchecked")
    @Override
    protected final void deallocate() {
        clear();
        pool.giveBack((T) this);
    }

    /** Back to count one for a new holder; false (and freed) if someone released it once too often. */
    final boolean reuse() {
        try {
            resurrect();
            return true;
        } catch (IllegalStateException overReleased) {
            // Its count is off: never hand it out again.
            freeNative();
            return false;
        }
    }

    /** Fails when used after the last release (views and native access need a live reference). */
    final void checkLive() {
        if (refCount() <= 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " used after release");
        }
    }

    /** A new native frame struct for a frame shell. */
    static AVFrame allocFrame() {
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new OutOfMemoryError("av_frame_alloc");
        }
        return f;
    }
}
