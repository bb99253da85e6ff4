package dev.reel.media.record;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Which jumps of a live source's timestamps start a new timeline (a new segment, marked as a
 * discontinuity), and a log that stays readable when jumps come in floods. A sender restart jumps
 * once; two senders on one address make the timestamps jump on almost every packet, and a new
 * timeline per packet would restart shot detection and cut a segment each time: at most one new
 * timeline per {@link #DEFAULT_MIN_INTERVAL_MICROS}, and one log line per
 * {@link #DEFAULT_LOG_INTERVAL_MICROS} saying how many jumps it did not report. Single-threaded.
 */
final class TimelineBreaks {
    static final long DEFAULT_MIN_INTERVAL_MICROS = 5_000_000;
    static final long DEFAULT_LOG_INTERVAL_MICROS = 60_000_000;

    private final Consumer<String> log;
    private long lastBreak = Long.MIN_VALUE / 2;
    private long lastLog = Long.MIN_VALUE / 2;
    private long unreported;

    TimelineBreaks(Consumer<String> log) {
        this.log = log;
    }

    /** The timestamps jumped by {@code jumpMicros} at {@code now}; true when this starts a new timeline. */
    boolean jumped(long now, long jumpMicros) {
        boolean newTimeline = now - lastBreak >= DEFAULT_MIN_INTERVAL_MICROS;
        if (newTimeline) {
            lastBreak = now;
        }
        if (now - lastLog >= DEFAULT_LOG_INTERVAL_MICROS) {
            String more = unreported == 0 ? ""
                    : String.format(Locale.ROOT, "; %d more jumps since the last report (two senders on one address?)", unreported);
            log.accept(String.format(Locale.ROOT, "source timestamps jumped by %+.1f s (sender restarted?)%s%s", jumpMicros / 1e6,
                    newTimeline ? ": new segment" : "", more));
            lastLog = now;
            unreported = 0;
        } else {
            unreported++;
        }
        return newTimeline;
    }
}
