package dev.reel.media.record;

/**
 * The gap open between the last segment closed and the next one: since when, and why. A reason the
 * source gave (it was lost) wins over the guess "no data from the source". Single-threaded.
 */
final class PendingGap {
    static final String NOT_RUNNING = "recorder not running";
    static final String NO_DATA = "no data from the source";

    private Long from;
    private String reason;
    /** Why the source went, when it said so; kept until the next segment opens. */
    private String lostReason;

    /** A restart: the gap runs from the end of the last segment an earlier run wrote. */
    void recorderNotRunning(long fromWall) {
        from = fromWall;
        reason = NOT_RUNNING;
    }

    /** The source said it was lost; the gap that follows carries this reason. */
    void sourceLost(String message) {
        lostReason = "source lost: " + message;
    }

    /** Video stopped at {@code fromWall}: a gap starts there, for the reason the source gave if any. */
    void startAt(long fromWall) {
        from = fromWall;
        reason = lostReason != null ? lostReason : NO_DATA;
    }

    /** Writing failed at {@code atWall}: a gap starts there unless one is already open. */
    void writeFailed(long atWall, String message) {
        if (from == null) {
            from = atWall;
            reason = "could not write: " + message;
        }
    }

    boolean isOpen() {
        return from != null;
    }

    /** Wall-clock start of the open gap; only when {@link #isOpen()}. */
    long from() {
        return from;
    }

    String reason() {
        return reason;
    }

    /** A segment opened: the gap (if any) is recorded, a new one starts with no reason known. */
    void close() {
        from = null;
        reason = null;
        lostReason = null;
    }
}
