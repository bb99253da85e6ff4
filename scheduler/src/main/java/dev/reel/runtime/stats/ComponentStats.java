package dev.reel.runtime.stats;

/** One component's figures at a snapshot. Times in nanoseconds. */
public record ComponentStats(String name, String type, String worker, int core, String state, long messagesIn,
                             long messagesOut, long busyNanos, long starvedNanos, long blockedNanos) {
}
