package dev.reel.runtime;

/** What a full link does with a new message. Only live capture should choose anything but NONE. */
public enum Leaky {
    /** Never drop: the producer parks until the consumer takes a message. */
    NONE,
    /** Drop the message being sent (GStreamer's leaky=upstream). */
    DROP_NEWEST,
    /** Drop the oldest queued message to make room (GStreamer's leaky=downstream). */
    DROP_OLDEST
}
