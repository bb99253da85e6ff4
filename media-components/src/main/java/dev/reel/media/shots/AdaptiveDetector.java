package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.List;

/**
 * PySceneDetect's {@code detect-adaptive}: the content score of frame t divided by the mean score of
 * its {@code window} neighbours on each side; a cut where the ratio reaches {@code threshold} (3.0) and
 * the score itself reaches {@code min_content} (15). Sustained motion raises the neighbours too, so it
 * is less sensitive to camera movement than {@code content}. Decisions lag by {@code window} frames.
 */
final class AdaptiveDetector extends AbstractDetector {
    static final DetectorInfo INFO;

    static {
        List<ParamSpec> p = new ArrayList<>(ContentDetector.params(
                ParamSpec.number("threshold", 3.0, 0, 255, "adaptive ratio: score over the mean of the neighbours' scores")));
        p.add(1, ParamSpec.number("min_content", 15, 0, 255, "minimum content score of a cut"));
        p.add(2, ParamSpec.integer("window", 2, 1, 16, "neighbours on each side"));
        INFO = new DetectorInfo("adaptive",
                "content score relative to the mean of its neighbours (PySceneDetect detect-adaptive)", "threshold", p);
    }

    private final double ratioThreshold, minContent;
    private final int window;
    private final ContentScorer scorer;
    private final double[] scores;

    AdaptiveDetector(Params p) {
        super(p, 2 * p.integer("window") + 2);
        ratioThreshold = p.num("threshold");
        minContent = p.num("min_content");
        window = p.integer("window");
        scorer = new ContentScorer(ContentDetector.weights(p));
        scores = new double[2 * window + 1];
    }

    @Override
    protected int candidateDelay() { return params.integer("window"); }

    @Override
    public List<String> metricNames() { return List.of("content_val", "adaptive_ratio"); }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        double score = scorer.update(f);
        scores[(int) (seq % scores.length)] = score;
        double[] row = stats(seq);
        if (row != null) {
            row[0] = score;
        }
        long target = seq - window;
        // Frame 0 has no score; the first complete window is centred on frame window+1.
        if (target - window < 1) {
            return;
        }
        double target_score = scores[(int) (target % scores.length)];
        double sum = 0;
        for (long k = target - window; k <= seq; k++) {
            if (k != target) {
                sum += scores[(int) (k % scores.length)];
            }
        }
        double mean = sum / (2.0 * window);
        double ratio;
        if (Math.abs(mean) >= 1e-5) {
            ratio = target_score / mean;
        } else {
            ratio = target_score >= minContent ? 255.0 : 0.0;
        }
        double[] trow = stats(target);
        if (trow != null) {
            trow[1] = ratio;
        }
        if (ratio >= ratioThreshold && target_score >= minContent) {
            candidateCut(target, ratio);
        }
    }
}
