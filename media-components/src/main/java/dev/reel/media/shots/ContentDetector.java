package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.List;

/**
 * PySceneDetect's {@code detect-content}: a cut where the weighted HSV (and optionally edge) mean
 * absolute difference to the previous frame reaches the threshold (default 27 on 0..255).
 */
final class ContentDetector extends AbstractDetector {
    static final DetectorInfo INFO = new DetectorInfo("content",
            "HSV mean absolute difference between consecutive frames, optional Canny edges (PySceneDetect detect-content)",
            "threshold", params(
                    ParamSpec.number("threshold", 27, 0, 255, "cut when the weighted score reaches this (0..255)")));

    static List<ParamSpec> params(ParamSpec main) {
        List<ParamSpec> p = new ArrayList<>();
        p.add(main);
        p.add(ParamSpec.list("weights", "1,1,1,0", 4, "weights of delta hue, saturation, value (luma) and edges"));
        p.add(ParamSpec.bool("luma_only", false, "use only the value channel (weights 0,0,1,0)"));
        p.addAll(commonParams());
        return p;
    }

    static double[] weights(Params p) {
        return p.bool("luma_only") ? new double[]{0, 0, 1, 0} : p.list("weights");
    }

    private final double threshold;
    private final ContentScorer scorer;

    ContentDetector(Params p) {
        super(p, 0);
        threshold = p.num("threshold");
        scorer = new ContentScorer(weights(p));
    }

    @Override
    protected int candidateDelay() { return 0; }

    @Override
    public List<String> metricNames() {
        return List.of("content_val", "delta_hue", "delta_sat", "delta_lum", "delta_edges");
    }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        double score = scorer.update(f);
        double[] row = stats(seq);
        if (row != null) {
            row[0] = score;
            row[1] = scorer.dHue;
            row[2] = scorer.dSat;
            row[3] = scorer.dLum;
            row[4] = scorer.dEdges;
        }
        if (score >= threshold) {
            candidateCut(seq, score);
        }
    }
}
