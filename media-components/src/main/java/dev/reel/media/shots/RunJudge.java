package dev.reel.media.shots;

/**
 * Judges a run of skipped frames between two decoded frames: whether it may hide a cut, a flash or the
 * edge of a fade (then it is decoded for real) or a stand-in frame does as well as the real one. Makes
 * the sketches it compares. Single-threaded.
 */
final class RunJudge {
    /** Motion-compensated change (the default detector's cut score) from which a skipped run is decoded. */
    static final double DEFAULT_REFINE_SCORE = 2.0;
    /** How far a run's change must stand out from the change on both sides of it to be decoded. */
    static final double DEFAULT_PEAK_RATIO = 2.0;
    /** Plain motion-compensated mean change (0..255) from which a skipped run may be decoded. */
    static final double DEFAULT_REFINE_CHANGE = 3.0;

    private final boolean enabled;
    private FrameSketch.Grid grid;
    private MotionMatcher matcher;

    /** {@code enabled} false: every frame is decoded, there are no runs to judge (and no sketches made). */
    RunJudge(boolean enabled) {
        this.enabled = enabled;
    }

    /** The sketch of a decoded frame, or null when runs are not judged. */
    FrameSketch sketch(AnalysisFrame a) {
        if (!enabled) {
            return null;
        }
        if (grid == null) {
            grid = FrameSketch.Grid.forFrame(a);
            matcher = new MotionMatcher(grid.cols, grid.rows, 3);
        }
        FrameSketch s = new FrameSketch(grid);
        s.compute(a);
        return s;
    }

    /**
     * True if the run between {@code last} and {@code b} may hide a cut or a flash, which a detector must
     * see at its exact frame, or the edge of a fade from or to a flat picture, where a held frame would turn
     * the fade's first step into a jump: a change of at least {@link #DEFAULT_REFINE_SCORE} to or from a flat
     * picture, or one whose rate (change per unit of time) stands out ({@link #DEFAULT_PEAK_RATIO}x) from the rate
     * on both sides, as a cut must for the default detector to take it (3x its neighbours frame by frame;
     * a cut's change does not grow with the run's length, motion's does). In a dissolve, a fade or steady
     * motion the rate is alike on all sides and a stand-in frame does as well as the real one.
     * {@code beforeLast} and {@code next} (the decoded frames around them) may be null.
     */
    boolean suspect(DecodedRef beforeLast, DecodedRef last, DecodedRef b, DecodedRef next) {
        double step = change(last, b);
        if (step >= DEFAULT_REFINE_SCORE) {
            if (flat(last) || flat(b)) {
                return true; // a fade from or to a flat colour starts or ends here: where fade and cut are told apart
            }
            double before = beforeLast == null ? 0 : rate(beforeLast, last);
            double after = next == null ? 0 : rate(b, next);
            if (step / Math.max(1, b.pts - last.pts) >= DEFAULT_PEAK_RATIO * Math.max(before, after)) {
                return true;
            }
        }
        // The default detector also takes a cut where the plain motion-compensated change stands out (shots of
        // one place and palette, where the cut score stays low): judged the same way, on that change.
        double plain = plain(last, b);
        if (plain < DEFAULT_REFINE_CHANGE) {
            return false;
        }
        double before = beforeLast == null ? 0 : plain(beforeLast, last) / Math.max(1, last.pts - beforeLast.pts);
        double after = next == null ? 0 : plain(b, next) / Math.max(1, next.pts - b.pts);
        return plain / Math.max(1, b.pts - last.pts) >= DEFAULT_PEAK_RATIO * Math.max(before, after);
    }

    /** Mean plain motion-compensated change from decoded frame {@code a} to the next decoded frame {@code b} (kept on b). */
    private double plain(DecodedRef a, DecodedRef b) {
        if (Double.isNaN(b.plainFromPrev)) {
            matcher.matchRaw(a.sketch, b.sketch, 0.5f);
            b.plainFromPrev = matcher.mean;
        }
        return b.plainFromPrev;
    }

    /** A near-uniform picture (black, white, a flat colour): below the detectors' contrast floor. */
    private static boolean flat(DecodedRef r) {
        return r.sketch.thumbStdY < FrameSketch.CONTRAST_FLOOR;
    }

    /** Change per time-base tick: runs of different lengths compare (a dissolve changes with time, a cut does not). */
    private double rate(DecodedRef a, DecodedRef b) {
        return change(a, b) / Math.max(1, b.pts - a.pts);
    }

    /** The default detector's cut score between two decoded frames. */
    private double change(DecodedRef a, DecodedRef b) {
        matcher.matchEnvelope(a.sketch, b.sketch, 0.5f);
        return 100 * matcher.median / Math.max(20f, Math.max(a.sketch.thumbStdY, b.sketch.thumbStdY));
    }
}
