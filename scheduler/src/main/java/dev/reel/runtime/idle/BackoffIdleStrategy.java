package dev.reel.runtime.idle;

/** Spins for a while (messages are usually microseconds apart under load), then yields, then parks. */
public final class BackoffIdleStrategy implements IdleStrategy {
    public static final int DEFAULT_SPINS = 200;
    public static final int DEFAULT_YIELDS = 50;
    /** Upper bound of one park; wake-ups are signalled, so this only bounds a missed timer. */
    public static final long DEFAULT_MAX_PARK_NANOS = 100_000_000L;

    private final int spins;
    private final int yields;
    private final long maxPark;

    public BackoffIdleStrategy() {
        this(DEFAULT_SPINS, DEFAULT_YIELDS, DEFAULT_MAX_PARK_NANOS);
    }

    public BackoffIdleStrategy(int spins, int yields, long maxParkNanos) {
        this.spins = spins;
        this.yields = yields;
        this.maxPark = maxParkNanos;
    }

    @Override
    public void idle(int idleRounds, Parker parker) {
        if (idleRounds <= spins) {
            Thread.onSpinWait();
        } else if (idleRounds <= spins + yields) {
            Thread.yield();
        } else {
            parker.park(maxPark);
        }
    }
}
