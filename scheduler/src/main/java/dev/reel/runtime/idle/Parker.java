package dev.reel.runtime.idle;

/** Parks the calling worker until it is woken by new work, a timer, or {@code maxNanos} pass. */
@FunctionalInterface
public interface Parker {
    void park(long maxNanos);
}
