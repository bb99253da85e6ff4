package dev.reel.runtime.buffer;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Reference counting with leak tracking; subclasses free their memory in {@link #deallocate()}.
 * Every live instance is registered with {@link LeakTracker} so a test (or the end of a run) can
 * report messages that were never released.
 */
public abstract class AbstractRefCounted implements RefCounted {
    private static final AtomicIntegerFieldUpdater<AbstractRefCounted> REFS =
            AtomicIntegerFieldUpdater.newUpdater(AbstractRefCounted.class, "refs");

    private volatile int refs = 1;
    /** Written when handed out (before the hand-over publishes it), read by whichever thread releases last. */
    private Object leakHandle;

    protected AbstractRefCounted() {
        leakHandle = LeakTracker.track(this);
    }

    /** Called once, on whichever thread drops the last reference. */
    protected abstract void deallocate();

    /** Called when a pooled object is handed out again: count back to one, tracked again. */
    protected final void resurrect() {
        if (!REFS.compareAndSet(this, 0, 1)) {
            throw new IllegalStateException("resurrect of a live object: " + this);
        }
        leakHandle = LeakTracker.retrack(this, leakHandle);
    }

    @Override
    public final RefCounted retain() {
        addRef(1, "retain");
        return this;
    }

    @Override
    public final boolean release() {
        if (addRef(-1, "release") != 1) {
            return false;
        }
        LeakTracker.untrack(leakHandle);
        deallocate();
        return true;
    }

    /**
     * Adds {@code delta} to a live count and returns the count before. Never from zero: a freed
     * object is not revived by a late retain, and a pooled one is not poisoned by a double release.
     */
    private int addRef(int delta, String op) {
        for (;;) {
            int n = refs;
            if (n <= 0) {
                throw new IllegalStateException(op + " after free: " + this);
            }
            if (REFS.compareAndSet(this, n, n + delta)) {
                return n;
            }
        }
    }

    @Override
    public final int refCount() {
        return refs;
    }
}
