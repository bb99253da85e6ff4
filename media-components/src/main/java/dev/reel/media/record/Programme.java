package dev.reel.media.record;

/** One scheduled programme: wall-clock start and end in microseconds, and a title from outside. */
public record Programme(long startMicros, long endMicros, String title) {
    public Programme {
        if (endMicros <= startMicros) {
            throw new IllegalArgumentException("programme '" + title + "' ends before it starts");
        }
    }

    public boolean covers(long wallMicros) {
        return wallMicros >= startMicros && wallMicros < endMicros;
    }

    /** File name base: start time and the sanitised title (never a path). */
    public String baseName() {
        return RecordClock.compact(startMicros) + "-" + Names.sanitize(title);
    }
}
