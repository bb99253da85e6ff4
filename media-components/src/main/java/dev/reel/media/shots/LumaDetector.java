package dev.reel.media.shots;

import java.util.List;

/**
 * Kamaelia's shot-change detector: mean absolute luma difference between consecutive frames, a cut
 * when it exceeds {@code threshold} (1.3) times the largest of the previous {@code history} (5)
 * differences. An absolute floor {@code min_diff} (not in Kamaelia) keeps sensor noise in a static
 * shot from counting as a cut.
 */
final class LumaDetector extends AbstractDetector {
    static final DetectorInfo INFO = info("luma", "mean absolute luma difference over an adaptive threshold (Kamaelia)", "threshold",
            ParamSpec.number("threshold", 1.3, 1, 100, "cut when the difference exceeds this times the largest recent difference"),
            ParamSpec.integer("history", 5, 1, 64, "number of previous differences considered"),
            ParamSpec.number("min_diff", 8, 0, 255, "minimum mean absolute luma difference of a cut (0..255)"));

    private final double ratio, minDiff;
    private final double[] history;
    private int filled;
    private byte[] prev;

    LumaDetector(Params p) {
        super(p, 0);
        ratio = p.num("threshold");
        minDiff = p.num("min_diff");
        history = new double[p.integer("history")];
    }

    @Override
    protected int candidateDelay() { return 0; }

    @Override
    public List<String> metricNames() { return List.of("luma_diff", "luma_limit"); }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        int n = f.pixels();
        if (prev == null) {
            prev = new byte[n];
            System.arraycopy(f.luma(), 0, prev, 0, n);
            return;
        }
        double d = ContentScorer.meanAbsDiff(f.luma(), prev, n);
        System.arraycopy(f.luma(), 0, prev, 0, n);
        double max = 0;
        for (int i = 0; i < Math.min(filled, history.length); i++) {
            max = Math.max(max, history[i]);
        }
        double limit = Math.max(minDiff, ratio * max);
        double[] row = stats(seq);
        if (row != null) {
            row[0] = d;
            row[1] = limit;
        }
        if (filled >= 1 && d > limit) {
            candidateCut(seq, d);
        }
        history[filled % history.length] = d;
        filled++;
    }
}
