package dev.reel.runtime.buffer;

import java.nio.ByteBuffer;

/**
 * A reference-counted block of native memory from a {@link BufferPool}. The producer fills it through
 * {@link #writable()} before sending it; receivers get {@link #view()}, a read-only view without a
 * copy. The last {@link #release()} returns the memory to its pool.
 */
public final class SharedBuffer extends AbstractRefCounted {
    private final BufferPool pool;
    private final ByteBuffer memory;
    private int length;
    private boolean sealed;

    SharedBuffer(BufferPool pool, ByteBuffer memory) {
        this.pool = pool;
        this.memory = memory;
    }

    void reuseFresh(int length) {
        this.length = length;
    }

    void reuse(int length) {
        resurrect();
        this.length = length;
        this.sealed = false;
    }

    /** The writable memory, for the producer only, before the buffer is shared (sent or retained). */
    public ByteBuffer writable() {
        if (sealed || refCount() != 1) {
            throw new IllegalStateException("buffer is shared: ask for writableCopy()");
        }
        ByteBuffer b = memory.duplicate();
        b.clear().limit(length);
        return b;
    }

    /** Marks the buffer as shared: from now on only read-only views exist. */
    public SharedBuffer seal() {
        sealed = true;
        return this;
    }

    /** A read-only view of the contents, sharing the memory. */
    public ByteBuffer view() {
        ByteBuffer b = memory.asReadOnlyBuffer();
        b.clear().limit(length);
        return b;
    }

    public int length() {
        return length;
    }

    /** A new buffer from the same pool holding a copy of the contents, owned by the caller. */
    public SharedBuffer writableCopy() {
        SharedBuffer copy = pool.acquire(length);
        copy.writable().put(view());
        return copy;
    }

    @Override
    protected void deallocate() {
        pool.giveBack(this);
    }

    int capacity() {
        return memory.capacity();
    }
}
