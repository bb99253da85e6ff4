package dev.reel.media.record;

/**
 * Undoes a stream's timestamp wrap (MPEG-TS counts 33 bits of 90 kHz: it wraps every 26.5 hours),
 * so a live source's timestamps keep rising. Done here, not by FFmpeg: FFmpeg's own correction
 * ({@code correct_ts_overflow}) fixes a reference at the first packet and adds a wrap to every
 * later timestamp below it, so a sender that restarts with lower timestamps gets a wrap added until
 * its timestamps pass that reference, then loses it again: a jump back in the middle of a stream.
 * A jump of less than half the wrap is left as it is (a restart, not a wrap). Single-threaded.
 */
final class TimestampUnwrap {
    private static final long NONE = Long.MIN_VALUE;

    private final long full;
    private final long half;
    private long base;
    private long last = NONE;

    /** For timestamps of {@code bits} bits; 63 or more never wrap. */
    TimestampUnwrap(int bits) {
        this.full = bits > 0 && bits < 63 ? 1L << bits : 0;
        this.half = full / 2;
    }

    /** The unwrapped decode timestamp (the one that advances packet by packet). */
    long decode(long ts) {
        if (full == 0) {
            return ts;
        }
        long u = ts + base;
        if (last != NONE) {
            if (u < last - half) {
                base += full;
                u += full;
            } else if (u > last + half) {
                base -= full;
                u -= full;
            }
        }
        last = u;
        return u;
    }

    /** A presentation timestamp unwrapped next to the packet's unwrapped decode timestamp {@code decoded}. */
    long near(long ts, long decoded) {
        if (full == 0) {
            return ts;
        }
        long u = ts + base;
        if (u < decoded - half) {
            u += full;
        } else if (u > decoded + half) {
            u -= full;
        }
        return u;
    }
}
