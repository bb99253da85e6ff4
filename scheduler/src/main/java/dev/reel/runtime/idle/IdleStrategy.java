package dev.reel.runtime.idle;

/**
 * What a worker does after a duty cycle that found no work.
 *
 * <p>Contract: {@link #idle} is called with the number of consecutive empty cycles (1, 2, ...), and
 * the count restarts after any cycle that did work. An implementation spins, yields, or calls
 * {@link Parker#park}; parking is the only choice that frees the core, and the runtime wakes a
 * parked worker as soon as one of its components has work (no lost wake-ups), so a long park costs
 * latency only for timers, never for messages. Implementations are stateless or per worker.
 */
@FunctionalInterface
public interface IdleStrategy {
    void idle(int idleRounds, Parker parker);

    /** Burns the core for the lowest latency. */
    static IdleStrategy busySpin() {
        return (n, p) -> Thread.onSpinWait();
    }

    /** Gives the core to other threads but stays runnable. */
    static IdleStrategy yielding() {
        return (n, p) -> Thread.yield();
    }

    /** Parks at once: lowest CPU, wake-up costs a few microseconds. */
    static IdleStrategy parking() {
        return (n, p) -> p.park(BackoffIdleStrategy.DEFAULT_MAX_PARK_NANOS);
    }

    /** Spin, then yield, then park: the default. */
    static IdleStrategy backoff() {
        return new BackoffIdleStrategy();
    }

    /** By name: spin, yield, park, backoff. */
    static IdleStrategy named(String name) {
        return switch (name) {
            case "spin" -> busySpin();
            case "yield" -> yielding();
            case "park" -> parking();
            case "backoff" -> backoff();
            default -> throw new IllegalArgumentException("unknown idle strategy '" + name + "' (spin, yield, park, backoff)");
        };
    }
}
