package dev.reel.media.shots;

/**
 * Whether skipping pays: over windows of {@value #WINDOW_FRAMES} frames handed out, the second decoder
 * may decode at most {@link #DEFAULT_MAX_REFINED_SHARE} times the frames skipped; beyond
 * that (cut after cut between reference frames, far from key frames) the main decoder decodes
 * everything for {@value #PAUSE_PACKETS} packets, then skips again from a key frame. Single-threaded.
 */
final class SkipBudget {
    /** Most frames the second decoder may decode per frame skipped, over a window. */
    static final double DEFAULT_MAX_REFINED_SHARE = 0.5;
    /** Frames over which the second decoder's share is judged. */
    static final long WINDOW_FRAMES = 300;
    /** Packets decoded in full after a stretch where skipping did not pay. */
    static final long PAUSE_PACKETS = 1500;

    private long windowStart;
    private long windowSkipped;
    private long windowTwiceFrom;
    private long resumeAt = -1;
    private long pauses;

    /**
     * Counts a run of {@code skipped} frames filled; at the end of a window (while skipping) true when the
     * second decoder's work ({@code decodedTwice} so far) outweighed the skipping in it.
     */
    boolean overAfterRun(int skipped, boolean skipping, long emitted, long decodedTwice) {
        windowSkipped += skipped;
        if (!skipping || emitted - windowStart < WINDOW_FRAMES) {
            return false;
        }
        boolean over = decodedTwice - windowTwiceFrom > DEFAULT_MAX_REFINED_SHARE * windowSkipped;
        restart(emitted, decodedTwice);
        return over;
    }

    /** Decoding in full from packet {@code readCount} on, for {@link #PAUSE_PACKETS} packets. */
    void pause(long readCount) {
        resumeAt = readCount + PAUSE_PACKETS;
        pauses++;
    }

    /** True when a pause is over at packet {@code readCount} (skipping resumes at a key frame). */
    boolean resumeDue(long readCount) {
        return resumeAt >= 0 && readCount >= resumeAt;
    }

    /** Skipping resumes: a new window starts. */
    void resume(long emitted, long decodedTwice) {
        resumeAt = -1;
        restart(emitted, decodedTwice);
    }

    /** Every frame is decoded for good: no pause ends. */
    void cancelResume() {
        resumeAt = -1;
    }

    /** Pauses so far. */
    long pauses() {
        return pauses;
    }

    private void restart(long emitted, long decodedTwice) {
        windowStart = emitted;
        windowSkipped = 0;
        windowTwiceFrom = decodedTwice;
    }
}
