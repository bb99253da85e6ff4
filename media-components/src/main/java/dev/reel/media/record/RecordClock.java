package dev.reel.media.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The recording's timeline: every packet's timestamp is seconds since {@link #epochMicros()}, so
 * wall-clock time is {@code epoch + pts}, for video and audio, across reconnects, through decoders
 * and encoders (which keep timestamps). One instance is shared by the components of a recording.
 */
public final class RecordClock {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final long epochMicros;

    /** An epoch at {@code wallMicros}, rounded down to a whole second. */
    public RecordClock(long wallMicros) {
        this.epochMicros = wallMicros - Math.floorMod(wallMicros, 1_000_000L);
    }

    public static RecordClock now() {
        return new RecordClock(nowMicros());
    }

    public static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    public long epochMicros() {
        return epochMicros;
    }

    /** Wall-clock micros of a timeline position in seconds. */
    public long wall(double seconds) {
        return epochMicros + Math.round(seconds * 1e6);
    }

    /** Timeline seconds of a wall-clock time. */
    public double seconds(long wallMicros) {
        return (wallMicros - epochMicros) / 1e6;
    }

    public static Instant instant(long wallMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(wallMicros, 1_000_000L), Math.floorMod(wallMicros, 1_000_000L) * 1000);
    }

    public static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** ISO 8601 UTC with milliseconds, as written to the manifest and playlist. */
    public static String iso(long wallMicros) {
        return DateTimeFormatter.ISO_INSTANT.format(instant(wallMicros / 1000 * 1000).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** Compact UTC form for file names: 20261130T021500Z. */
    public static String compact(long wallMicros) {
        return NAME.format(instant(wallMicros));
    }
}
