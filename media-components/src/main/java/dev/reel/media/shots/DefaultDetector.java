package dev.reel.media.shots;

import java.util.List;
import java.util.function.LongToDoubleFunction;

/**
 * reel's default detector: motion-compensated cuts with a local adaptive threshold, a structure check,
 * the flash filter and the minimum shot length, plus gradual transitions ({@link GradualTracker}).
 *
 * <p><b>Cut score.</b> Each 4x4-cell block of the colour thumbnail (about 32 cells on the longer side)
 * of frame t is matched in frame t-1 within +-3 cells; a cell costs only what lies outside the range
 * (min..max) of the 3x3 cells around its match, so any sub-cell shift, slight blur or grain costs
 * nothing. The median block cost, in % of the picture contrast (thumbnail luma std, at least 20), is the
 * score. Motion compensation keeps pans, zooms, shake and moving objects low; the median ignores the
 * minority of blocks uncovered by an object or entering at the edges; the contrast normalisation
 * makes dark and bright material comparable.
 *
 * <p><b>Plain change.</b> The mean block residual of plain motion-compensated matching (no envelope),
 * per frame interval: a repeated frame (a duplicate, or a skipped frame stood in for) changes nothing
 * and the next frame's change is divided among the intervals since.
 *
 * <p><b>Decision</b> at frame t (5 frames of lookahead): score &ge; {@code threshold} and &ge;
 * {@code ratio} x the second largest score of the 5 frames on each side + 0.5 (sustained
 * hard-to-compensate motion raises the neighbours too; the second largest tolerates one outlier, e.g.
 * a flash next to a cut), with a plain change of at least 1.5x its neighbours' second largest; or a
 * plain change &ge; {@code min_change} and &ge; {@code change_ratio} x its neighbours' second largest
 * + 0.5 (between shots of one place and palette the envelope forgives the cut, the plain change does
 * not; such a cut yields to a cut by score within {@code min_shot} after it). Either way the
 * contrast-normalised picture must have changed its structure ({@code min_structure}: an exposure jump
 * or a light switched on is no cut). Then the flash filter (the picture after a burst of up to 0.1 s
 * matches the picture before it, and the two are one shot by the cut score) and the minimum shot
 * length. The last two frames of a stream are decided with 1.5x stricter ratios.
 * A cut waits for an open gradual candidate that may contain it at most {@code CUT_WAIT} frames, so
 * {@link #latencyFrames()} bounds the delay of cuts; gradual transitions are reported when verified
 * (up to about two windows of 64 frames after their end).
 */
final class DefaultDetector extends AbstractDetector implements GradualTracker.Host {
    static final DetectorInfo INFO = info("default",
            "motion-compensated cuts with adaptive threshold, flash filter and minimum shot length, plus dissolves, fades and wipes",
            "threshold",
            ParamSpec.number("threshold", 2.5, 0, 100, "minimum cut score: motion-compensated change beyond the local range, in % of picture contrast"),
            ParamSpec.number("ratio", 3.0, 1, 20, "a cut's score must exceed this times the second largest score of its 5+5 neighbours (+0.5)"),
            ParamSpec.number("min_structure", 5, 0, 100, "minimum change of the contrast-normalised picture (rejects exposure and lighting jumps)"),
            ParamSpec.number("change_ratio", 2.0, 1, 50, "a cut is also a frame whose motion-compensated mean change exceeds this times the second largest of its 5+5 neighbours (+0.5); 50 disables"),
            ParamSpec.number("min_change", 4, 0, 255, "minimum motion-compensated mean change (0..255) of such a cut"),
            ParamSpec.bool("gradual", true, "detect dissolves, fades and wipes"),
            ParamSpec.number("gradual_change", 10, 1, 255, "minimum change (mean absolute thumbnail difference, 0..255) across a gradual transition"),
            ParamSpec.number("gradual_coherence", 0.6, 0.1, 1, "minimum coherence (net change / path length) of a gradual transition"));

    private static final int CONTEXT = 5;
    private static final int HIST = 16;
    /** A cut found by its score must still change at least this times its neighbours' second largest plain change. */
    private static final double CHANGE_SUPPORT = 1.5;
    /** Plain change (0..255) below which a frame repeats the one before. */
    private static final double HELD_CHANGE = 0.05;
    /** Longest run of repeated frames taken as repeats (frame-rate conversion, skipped frames stood in for). */
    private static final int MAX_REPEATS = 3;
    /** How unevenly a neighbour's change over repeated frames may have been spread (see {@link #rate}). */
    private static final double UNEVEN = 1.5;
    /** Ratios to the neighbours are this much higher for the last two frames (no neighbours after them). */
    private static final double LAST_FRAMES_STRICT = 1.5;

    private final double threshold, ratio, minStructure, changeRatio, minChange;
    private final GradualTracker tracker;
    private final double[] score = new double[HIST];
    private final double[] change = new double[HIST];
    /** A cut found by plain change alone waits (at most CUT_WAIT frames, within min_shot) for a cut by score. */
    private long weakSeq = -1;
    private double weakScore;

    DefaultDetector(Params p) {
        super(p, GradualTracker.RING_NEEDED);
        threshold = p.num("threshold");
        ratio = p.num("ratio");
        minStructure = p.num("min_structure");
        changeRatio = p.num("change_ratio");
        minChange = p.num("min_change");
        tracker = p.bool("gradual") ? new GradualTracker(this, p.num("gradual_change"), p.num("gradual_coherence")) : null;
    }

    @Override
    protected int candidateDelay() { return CONTEXT; }

    @Override
    protected long horizon() {
        long h = seq - CONTEXT;
        if (weakSeq >= 0) {
            h = Math.min(h, weakSeq);
        }
        return tracker == null ? h : Math.min(h, tracker.openFrom());
    }

    @Override
    public List<String> metricNames() {
        return List.of("cut_score", "context", "structure", "mc_mean", "luma_mean", "luma_std",
                "change_8", "coherence_8", "change_16", "coherence_16", "change_32", "coherence_32", "change_64", "coherence_64");
    }

    private static int h(long s) { return (int) (s % HIST); }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        double[] row = stats(seq);
        if (seq == 0) {
            score[0] = 0;
            change[0] = 0;
            if (tracker != null) {
                tracker.onFrame(seq, Double.NaN);
            }
            return;
        }
        FrameSketch p = sketch(seq - 1);
        double contrast = Math.max(20f, Math.max(p.thumbStdY, s.thumbStdY));
        matcher.matchEnvelope(p, s, 0.5f);
        double sc = 100 * matcher.median / contrast;
        matcher.matchRaw(p, s, 0.5f);
        double mcMean = matcher.mean;
        score[h(seq)] = sc;
        change[h(seq)] = mcMean;
        if (tracker != null) {
            tracker.onFrame(seq, mcMean);
        }
        if (row != null) {
            row[0] = sc;
            row[3] = mcMean;
            row[4] = s.lumaMean;
            row[5] = s.lumaStd;
            if (tracker != null) {
                for (int k = 0; k < 4; k++) {
                    row[6 + 2 * k] = tracker.lastN[k];
                    row[7 + 2 * k] = tracker.lastCoherence[k];
                }
            }
        }
        decide(seq - CONTEXT);
        long decided = seq - CONTEXT;
        if (weakSeq >= 0 && (decided - weakSeq >= AbstractDetector.CUT_WAIT || sketch(decided).pts - sketch(weakSeq).pts >= minShot)) {
            flushWeak();
        }
    }

    private void decide(long target) {
        decide(target, 1);
    }

    /** Decides frame {@code target}; {@code strict} multiplies the ratios to the neighbours (one-sided evidence). */
    private void decide(long target, double strict) {
        if (target < 1) {
            return;
        }
        double sc = score[h(target)];
        double context = secondLargest(target, k -> score[h(k)]);
        double[] row = stats(target);
        if (row != null) {
            row[1] = context;
        }
        // The score's envelope forgives any change a nearby cell's range covers: between two shots of one
        // place and palette (snow and trees, a dark sea) it stays low while the plain motion-compensated
        // change still stands out from the frames around it. Either measure may find a cut; the plain
        // change must stand out somewhat in both cases (in a whip pan or a hand sweeping past the lens
        // the envelope score can peak on one frame while the plain change stays as high around it).
        double ch = rate(target, false);
        double changeContext = secondLargest(target, k -> rate(k, true)) + 0.5;
        boolean byScore = sc >= threshold && sc >= strict * ratio * context + 0.5 && ch >= CHANGE_SUPPORT * changeContext;
        boolean byChange = ch >= minChange && ch >= strict * changeRatio * changeContext;
        if (!byScore && !byChange) {
            return;
        }
        // Structure check only for candidates: contrast-normalised pictures, so a brightness jump is no cut.
        matcher.matchNormalized(sketch(target - 1), sketch(target), 0.5f);
        double st = 100 * matcher.median;
        if (row != null) {
            row[2] = st;
        }
        if (st < minStructure) {
            return;
        }
        if (byScore) {
            // A cut by score overrides a cut by plain change shortly before it (one shot cannot hold both).
            if (weakSeq >= 0 && sketch(target).pts - sketch(weakSeq).pts < minShot) {
                weakSeq = -1;
            }
            candidateCut(target, sc);
        } else {
            flushWeak();
            weakSeq = target;
            weakScore = sc;
        }
    }

    /**
     * The pictures before and after the burst are one shot: no cut by score between them. (A few black
     * frames between two shots of like brightness come back close to the first in raw values.)
     */
    @Override
    protected boolean sameScene(FrameSketch before, FrameSketch burst, FrameSketch after) {
        matcher.matchEnvelope(before, after, 0.5f);
        double sc = 100 * matcher.median / Math.max(20f, Math.max(before.thumbStdY, after.thumbStdY));
        return sc < threshold;
    }

    /** Gives out the held cut found by plain change alone. */
    private void flushWeak() {
        if (weakSeq >= 0) {
            candidateCut(weakSeq, weakScore);
        }
        weakSeq = -1;
    }

    private boolean repeat(long k) { return change[h(k)] < HELD_CHANGE; }

    /**
     * Plain change of frame k per frame interval, or NaN for a repeated frame. A repeated frame (a duplicate
     * in the stream, or a skipped frame stood in for by its decoded neighbour) changes nothing, and the
     * next frame's change stands for all the intervals since: divided among them for the frame judged,
     * with a margin of {@link #UNEVEN} for its neighbours (how it was spread is unknown: a jerky motion's
     * frame must not stand out). After a longer still (a freeze, black) the change is the picture's own.
     */
    private double rate(long k, boolean neighbour) {
        if (repeat(k)) {
            return Double.NaN;
        }
        int before = 0;
        while (before <= MAX_REPEATS && k - before - 1 >= 1 && repeat(k - before - 1)) {
            before++;
        }
        double intervals = before <= MAX_REPEATS ? 1 + before : 1;
        return change[h(k)] * (neighbour ? Math.min(1, UNEVEN / intervals) : 1 / intervals);
    }

    /**
     * Second largest of {@code value} over the CONTEXT frames on each side of {@code target} (a NaN, a
     * repeated frame's {@link #rate}, is left out).
     */
    private double secondLargest(long target, LongToDoubleFunction value) {
        double m1 = 0, m2 = 0;
        for (long k = target - CONTEXT; k <= target + CONTEXT; k++) {
            if (k == target || k < 1 || k > seq) {
                continue;
            }
            double x = value.applyAsDouble(k);
            if (x > m1) {
                m2 = m1;
                m1 = x;
            } else if (x > m2) {
                m2 = x;
            }
        }
        return m2;
    }

    @Override
    protected void onFinish() {
        // Frames within the lookahead at the end: decide with the neighbours there are; in the last two
        // frames (a shot of one or two frames closing the stream) only a change half as clear again.
        for (long t = Math.max(1, seq - CONTEXT + 1); t <= seq; t++) {
            decide(t, t <= seq - 2 ? 1 : LAST_FRAMES_STRICT);
        }
        flushWeak();
        if (tracker != null) {
            tracker.finish();
        }
    }

    @Override
    public void gradual(TransitionType type, long first, long last, double sc) { candidateGradual(type, first, last, sc); }
}
