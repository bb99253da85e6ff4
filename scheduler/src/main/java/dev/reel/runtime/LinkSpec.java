package dev.reel.runtime;

/**
 * The limits of one link: its capacity in messages and what happens when it is full.
 * Capacities are rounded up to a power of two (JCTools' array queues), and the rounded value is the
 * one reported.
 */
public record LinkSpec(int capacity, Leaky leaky) {
    /**
     * Default capacity. Small on purpose: a link of decoded 1080p frames holds about 3 MB per
     * message, and a few frames of slack are enough to overlap stages.
     */
    public static final int DEFAULT_CAPACITY = 16;

    public static final LinkSpec DEFAULT = new LinkSpec(DEFAULT_CAPACITY, Leaky.NONE);

    public LinkSpec {
        if (capacity < 2 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("link capacity must be 2.." + (1 << 24) + ", got " + capacity);
        }
        if (leaky == null) {
            leaky = Leaky.NONE;
        }
    }

    public static LinkSpec capacity(int capacity) {
        return new LinkSpec(capacity, Leaky.NONE);
    }

    public static LinkSpec leaky(int capacity, Leaky policy) {
        return new LinkSpec(capacity, policy);
    }

    public LinkSpec withLeaky(Leaky policy) {
        return new LinkSpec(capacity, policy);
    }

    /** The capacity the queue really has. */
    public int effectiveCapacity() {
        return Integer.highestOneBit(capacity - 1) << 1;
    }
}
