package dev.reel.media.shots;

import java.util.List;

/**
 * PySceneDetect's {@code detect-hist}: correlation (OpenCV HISTCMP_CORREL) of the luma histograms of
 * consecutive frames; a cut where the correlation is at most {@code 1 - threshold}.
 */
final class HistogramDetector extends AbstractDetector {
    static final DetectorInfo INFO = info("histogram", "luma histogram correlation between consecutive frames (PySceneDetect detect-hist)", "threshold",
            ParamSpec.number("threshold", 0.20, 0, 1, "cut when the histogram correlation drops to 1 - threshold or less"),
            ParamSpec.integer("bins", 128, 2, 256, "number of luma histogram bins"));

    private final double minCorrelation;
    private final int bins;
    private double[] hist, prevHist;
    private boolean havePrev;

    HistogramDetector(Params p) {
        super(p, 0);
        minCorrelation = 1.0 - p.num("threshold");
        bins = p.integer("bins");
        hist = new double[bins];
        prevHist = new double[bins];
    }

    @Override
    protected int candidateDelay() { return 0; }

    @Override
    public List<String> metricNames() { return List.of("hist_corr"); }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        java.util.Arrays.fill(hist, 0);
        byte[] l = f.luma();
        int n = f.pixels();
        for (int i = 0; i < n; i++) {
            hist[((l[i] & 0xff) * bins) >> 8]++;
        }
        if (havePrev) {
            double corr = correlation(prevHist, hist);
            double[] row = stats(seq);
            if (row != null) {
                row[0] = corr;
            }
            if (corr <= minCorrelation) {
                candidateCut(seq, 1.0 - corr);
            }
        }
        double[] t = prevHist; prevHist = hist; hist = t;
        havePrev = true;
    }

    /** OpenCV HISTCMP_CORREL; 1 when either histogram is constant and both are equal. */
    static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double num = 0, da = 0, db = 0;
        for (int i = 0; i < n; i++) {
            double x = a[i] - ma, y = b[i] - mb;
            num += x * y;
            da += x * x;
            db += y * y;
        }
        double den = Math.sqrt(da * db);
        return den > 1e-12 ? num / den : 1.0;
    }
}
