package dev.reel.media.frame;

import java.util.function.Supplier;

import org.jctools.queues.MpmcArrayQueue;

/**
 * The free list of one kind of {@link PooledShell}: shells come back on whichever thread releases
 * them last and are taken by producers on others, so it is a lock-free multi-producer
 * multi-consumer queue (as the runtime's BufferPool). Holds at most its capacity; a shell that
 * does not fit has its native memory freed.
 */
final class ShellPool<T extends PooledShell<T>> {
    private final MpmcArrayQueue<T> free;
    private final Supplier<T> factory;

    /** @param capacity most free shells kept (rounded up to a power of two) */
    ShellPool(int capacity, Supplier<T> factory) {
        this.free = new MpmcArrayQueue<>(capacity);
        this.factory = factory;
    }

    /** A shell with count one: a pooled one if there is one, else a new one. */
    T obtain() {
        for (;;) {
            T shell = free.poll();
            if (shell == null) {
                return factory.get();
            }
            if (shell.reuse()) {
                return shell;
            }
        }
    }

    /** Takes back a cleared shell, or frees it when the pool is full. */
    void giveBack(T shell) {
        if (!free.offer(shell)) {
            shell.freeNative();
        }
    }
}
