package dev.reel.runtime;

/**
 * Where a component runs: on a worker chosen by the scheduler's policy, on a given worker, or on a
 * thread of its own (for blocking I/O or native code that blocks).
 */
public record Placement(Kind kind, int worker) {
    public enum Kind { AUTO, PINNED, THREADED }

    public static final Placement AUTO = new Placement(Kind.AUTO, -1);

    public static Placement auto() {
        return AUTO;
    }

    /** On worker {@code index} (modulo the number of workers). */
    public static Placement pin(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
        return new Placement(Kind.PINNED, index);
    }

    public static Placement threaded() {
        return new Placement(Kind.THREADED, -1);
    }
}
