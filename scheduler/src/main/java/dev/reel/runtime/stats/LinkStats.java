package dev.reel.runtime.stats;

/**
 * One link's figures at a snapshot. Depth is that of the receiving inbox's queue (shared by every
 * link into a fan-in). Time full is how long the producer waited for room, in nanoseconds.
 */
public record LinkStats(String from, String outbox, String to, String inbox, int depth, int capacity, String leaky,
                        long messages, long drops, long fullNanos) {
    public String label() {
        return from + "." + outbox + " -> " + to + "." + inbox;
    }
}
