package dev.reel.media.record;

/** A change of the source's state, for the manifest's gap list and the log. */
public record SourceEvent(Kind kind, long wallMicros, String message) {
    public enum Kind { CONNECTED, LOST }
}
