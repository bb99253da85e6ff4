package dev.reel.media.shots;

import java.util.Objects;

/**
 * A detected (or true) shot change.
 *
 * <p>A cut has {@code startFrame == endFrame ==} the first frame of the new shot and
 * {@code start == end ==} that frame's presentation time. A gradual transition spans
 * {@code startFrame..endFrame}, the first and last frames belonging to it (inclusive), with the
 * presentation times of those two frames. {@code score} is the detector's own measure of strength
 * (its scale depends on the detector).
 */
public record Transition(TransitionType type, long startFrame, long endFrame, double start, double end, double score) {
    public Transition {
        Objects.requireNonNull(type, "type");
        if (startFrame < 0 || endFrame < startFrame) {
            throw new IllegalArgumentException("frames " + startFrame + ".." + endFrame);
        }
        if (type == TransitionType.CUT && endFrame != startFrame) {
            throw new IllegalArgumentException("a cut has one frame");
        }
    }

    public static Transition cut(long frame, double time, double score) {
        return new Transition(TransitionType.CUT, frame, frame, time, time, score);
    }

    public static Transition gradual(TransitionType type, long startFrame, long endFrame, double start, double end, double score) {
        if (type == TransitionType.CUT) {
            throw new IllegalArgumentException("use cut()");
        }
        return new Transition(type, startFrame, endFrame, start, end, score);
    }

    public boolean isCut() { return type == TransitionType.CUT; }

    /** The cut frame (first frame of the new shot), or the first frame of a gradual transition. */
    public long frame() { return startFrame; }

    /** Time of {@link #frame()}. */
    public double time() { return start; }

    /** Number of frames the transition spans (1 for a cut). */
    public long length() { return endFrame - startFrame + 1; }

    public boolean overlaps(long first, long last) { return startFrame <= last && first <= endFrame; }

    @Override
    public String toString() {
        return isCut() ? String.format("cut@%d(%.3fs, %.2f)", startFrame, start, score)
                : String.format("%s@%d-%d(%.3f-%.3fs, %.2f)", type.id(), startFrame, endFrame, start, end, score);
    }
}
