package dev.reel.media.shots;

import java.util.List;

/**
 * Gradual transitions only (dissolve, fade-out, fade-in, wipe), see {@link GradualTracker}: multi-scale
 * twin comparison (coherent change spread over several frames) verified against the blend model and
 * motion compensation, plus fades found from flat frames.
 */
final class GradualDetector extends AbstractDetector implements GradualTracker.Host {
    static final DetectorInfo INFO = info("gradual", "dissolves, fades and wipes: multi-scale twin comparison verified by a blend model", "threshold",
            ParamSpec.number("threshold", 10, 1, 255, "minimum change (mean absolute thumbnail difference, 0..255) across the transition"),
            ParamSpec.number("coherence", 0.6, 0.1, 1, "minimum coherence (net change / path length)"));

    private final GradualTracker tracker;

    GradualDetector(Params p) {
        super(p, GradualTracker.RING_NEEDED);
        tracker = new GradualTracker(this, p.num("threshold"), p.num("coherence"));
    }

    @Override
    protected int candidateDelay() { return 0; }

    @Override
    protected long horizon() { return Math.min(seq + 1, tracker.openFrom()); }

    @Override
    public List<String> metricNames() {
        return List.of("change_8", "coherence_8", "change_16", "coherence_16", "change_32", "coherence_32", "change_64", "coherence_64");
    }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        double mc = Double.NaN;
        if (seq > 0) {
            matcher.matchRaw(sketch(seq - 1), s, 0.5f);
            mc = matcher.mean;
        }
        tracker.onFrame(seq, mc);
        double[] row = stats(seq);
        if (row != null) {
            for (int k = 0; k < 4; k++) {
                row[2 * k] = tracker.lastN[k];
                row[2 * k + 1] = tracker.lastCoherence[k];
            }
        }
    }

    @Override
    protected void onFinish() { tracker.finish(); }

    @Override
    public void gradual(TransitionType type, long first, long last, double score) { candidateGradual(type, first, last, score); }
}
