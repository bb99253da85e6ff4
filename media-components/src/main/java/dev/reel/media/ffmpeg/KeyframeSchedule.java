package dev.reel.media.ffmpeg;

/**
 * Decides which frames an encoder must make key frames: those at or after each requested time
 * (ffmpeg -force_key_frames) and the one after an explicit request. One thread at a time.
 */
final class KeyframeSchedule {
    /** Slack for times computed from rounded timestamps. */
    private static final double EPSILON_SECONDS = 1e-6;

    private final double[] times;
    private int next;
    private boolean forceNext;

    /** @param sortedSeconds the requested times, ascending */
    KeyframeSchedule(double[] sortedSeconds) {
        this.times = sortedSeconds;
    }

    /** Makes the next frame a key frame. */
    void forceNext() {
        forceNext = true;
    }

    /** True if the frame at {@code seconds} (NaN: unknown) must be a key frame; consumes the requests it meets. */
    boolean isKeyFrame(double seconds) {
        boolean force = forceNext;
        forceNext = false;
        while (next < times.length && !Double.isNaN(seconds) && seconds + EPSILON_SECONDS >= times[next]) {
            force = true;
            next++;
        }
        return force;
    }
}
