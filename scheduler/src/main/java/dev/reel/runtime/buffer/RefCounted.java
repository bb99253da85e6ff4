package dev.reel.runtime.buffer;

/**
 * A message shared by reference between components.
 *
 * <p>Contract: the producer creates it with a count of one and hands that reference to the runtime
 * when it sends it. Whoever holds a reference either passes it on (send) or calls {@link #release()}.
 * A component that keeps a message past its step, or sends it to several places, calls
 * {@link #retain()} once per extra holder. The last release returns the memory to its pool.
 * Receivers never write to a shared message; a writable copy is always an explicit call on the
 * concrete type.
 */
public interface RefCounted {

    /** Adds one reference and returns this. Throws {@link IllegalStateException} if already freed. */
    RefCounted retain();

    /** Drops one reference; returns true when this was the last one and the memory was freed. */
    boolean release();

    /** The current count, for assertions and stats only. */
    int refCount();

    /** Releases {@code message} if it is reference counted; anything else is left to the GC. */
    static void releaseIfCounted(Object message) {
        if (message instanceof RefCounted) {
            ((RefCounted) message).release();
        }
    }

    /** Retains {@code message} {@code times} more times if it is reference counted. */
    static void retainIfCounted(Object message, int times) {
        if (message instanceof RefCounted) {
            RefCounted rc = (RefCounted) message;
            for (int i = 0; i < times; i++) {
                rc.retain();
            }
        }
    }
}
