package dev.reel.media.frame;

import dev.reel.runtime.buffer.AbstractRefCounted;

/**
 * A reference-counted, timestamped Java shell around one native FFmpeg struct (AVFrame, AVPacket)
 * that is reused: the last release clears the struct (returning its buffers to their owners) and puts the
 * shell back in its {@link ShellPool}, so steady state allocates no Java or native shells.
 * Reference counting and leak tracking are {@link AbstractRefCounted}'s. Release may happen on
 * any thread; everything else belongs to the holder.
 *
 * @param <T> the concrete shell type
 */
public abstract class PooledShell<T extends PooledShell<T>> extends AbstractRefCounted {
    private final ShellPool<T> pool;
    /** Set by the subclass when it loads its native struct; reset on clear. */
    long pts;
    Rational timeBase = Rational.UNKNOWN;

    PooledShell(ShellPool<T> pool) {
        this.pool = pool;
    }

    /** Presentation timestamp in {@link #timeBase()} units, or {@link Rational#NO_PTS}. */
    public final long pts() {
        return pts;
    }

    public final Rational timeBase() {
        return timeBase;
    }

    /** pts in seconds (NaN without timestamp). */
    public final double seconds() {
        return timeBase.seconds(pts);
    }

    /** Drops the native buffer references and resets the Java fields, keeping the native struct. */
    abstract void clear();

    /** Frees the native struct: the shell is never used again. */
    abstract void freeNative();

    @SuppressWarnings("unchecked")
    @Override
    protected final void deallocate() {
        clear();
        timeBase = Rational.UNKNOWN;
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
}
