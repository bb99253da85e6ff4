package dev.reel.runtime.buffer;

import java.nio.ByteBuffer;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A pool of fixed-size direct buffers: steady state allocates nothing. Buffers are released on any
 * thread (the last reader's), so the free list is a multi-producer multi-consumer queue. A pool keeps
 * at most {@code maxPooled} free buffers; more are left to the GC.
 */
public final class BufferPool {
    public static final int DEFAULT_MAX_POOLED = 64;

    private final int bufferSize;
    private final MpmcArrayQueue<SharedBuffer> free;

    public BufferPool(int bufferSize) {
        this(bufferSize, DEFAULT_MAX_POOLED);
    }

    public BufferPool(int bufferSize, int maxPooled) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("buffer size must be > 0");
        }
        this.bufferSize = bufferSize;
        this.free = new MpmcArrayQueue<>(Math.max(2, maxPooled));
    }

    /** A buffer of {@code length} bytes (at most the pool's buffer size), count one, writable. */
    public SharedBuffer acquire(int length) {
        if (length < 0 || length > bufferSize) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + bufferSize);
        }
        SharedBuffer b = free.poll();
        if (b == null) {
            b = new SharedBuffer(this, ByteBuffer.allocateDirect(bufferSize));
            b.reuseFresh(length);
            return b;
        }
        b.reuse(length);
        return b;
    }

    void giveBack(SharedBuffer b) {
        free.offer(b); // a full free list lets the GC take it
    }

    /** Free buffers waiting for reuse. */
    public int pooled() {
        return free.size();
    }

    public int bufferSize() {
        return bufferSize;
    }
}
