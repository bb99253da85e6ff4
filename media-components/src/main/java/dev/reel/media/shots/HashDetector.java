package dev.reel.media.shots;

import java.util.Arrays;
import java.util.List;

/**
 * PySceneDetect's {@code detect-hash}: a perceptual hash per frame (luma area-resized to
 * {@code size*lowpass} square, scaled by its maximum, orthonormal DCT-II, the {@code size x size}
 * lowest frequencies compared with their median); a cut where the Hamming distance between consecutive
 * hashes, divided by {@code size^2}, reaches {@code threshold} (0.35).
 */
final class HashDetector extends AbstractDetector {
    static final DetectorInfo INFO = info("hash", "perceptual DCT hash distance between consecutive frames (PySceneDetect detect-hash)", "threshold",
            ParamSpec.number("threshold", 0.35, 0, 1, "cut when the normalised Hamming distance reaches this"),
            ParamSpec.integer("size", 8, 2, 32, "hash side (size^2 bits)"),
            ParamSpec.integer("lowpass", 2, 1, 8, "the frame is resized to size*lowpass before the DCT"));

    private final double threshold;
    private final int size, im;
    private final double[][] dct;      // im x im orthonormal DCT-II basis
    private final double[] small, tmp, low, sortedLow;
    private boolean[] hash, prevHash;
    private boolean havePrev;
    private int[][] xIdx, yIdx;
    private double[][] xW, yW;
    private double[] rowReduced;

    HashDetector(Params p) {
        super(p, 0);
        threshold = p.num("threshold");
        size = p.integer("size");
        im = size * p.integer("lowpass");
        dct = new double[im][im];
        for (int k = 0; k < im; k++) {
            double a = k == 0 ? Math.sqrt(1.0 / im) : Math.sqrt(2.0 / im);
            for (int n = 0; n < im; n++) {
                dct[k][n] = a * Math.cos(Math.PI * (2 * n + 1) * k / (2.0 * im));
            }
        }
        small = new double[im * im];
        tmp = new double[im * size];
        low = new double[size * size];
        sortedLow = new double[size * size];
        hash = new boolean[size * size];
        prevHash = new boolean[size * size];
    }

    @Override
    protected int candidateDelay() { return 0; }

    @Override
    public List<String> metricNames() { return List.of("hash_dist"); }

    @Override
    protected void onFirstFrame(AnalysisFrame f) {
        int[][][] xi = new int[1][][], yi = new int[1][][];
        double[][][] xw = new double[1][][], yw = new double[1][][];
        areaWeights(f.width(), im, xi, xw);
        areaWeights(f.height(), im, yi, yw);
        xIdx = xi[0]; xW = xw[0]; yIdx = yi[0]; yW = yw[0];
        rowReduced = new double[f.height() * im];
    }

    /** Area-resampling weights (OpenCV INTER_AREA) from {@code in} samples to {@code out}. */
    static void areaWeights(int in, int out, int[][][] idx, double[][][] wts) {
        double scale = (double) in / out;
        int[][] ii = new int[out][];
        double[][] ww = new double[out][];
        for (int o = 0; o < out; o++) {
            double a = o * scale, b = (o + 1) * scale;
            int first = (int) Math.floor(a), last = Math.min(in - 1, (int) Math.ceil(b) - 1);
            ii[o] = new int[last - first + 1];
            ww[o] = new double[last - first + 1];
            for (int k = first; k <= last; k++) {
                double w = Math.min(b, k + 1) - Math.max(a, k);
                ii[o][k - first] = k;
                ww[o][k - first] = w / scale;
            }
        }
        idx[0] = ii;
        wts[0] = ww;
    }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        int w = f.width(), h = f.height();
        byte[] l = f.luma();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int o = 0; o < im; o++) {
                double v = 0;
                int[] ix = xIdx[o];
                double[] wx = xW[o];
                for (int k = 0; k < ix.length; k++) {
                    v += (l[row + ix[k]] & 0xff) * wx[k];
                }
                rowReduced[y * im + o] = v;
            }
        }
        double max = 0;
        for (int o = 0; o < im; o++) {
            int[] iy = yIdx[o];
            double[] wy = yW[o];
            for (int c = 0; c < im; c++) {
                double v = 0;
                for (int k = 0; k < iy.length; k++) {
                    v += rowReduced[iy[k] * im + c] * wy[k];
                }
                // OpenCV rounds INTER_AREA results back to 8 bits.
                v = Math.rint(v);
                small[o * im + c] = v;
                max = Math.max(max, v);
            }
        }
        if (max == 0) {
            max = 1;
        }
        // tmp[m][v] = sum_n X[m][n] C[v][n] for the low frequencies only.
        for (int m = 0; m < im; m++) {
            for (int v = 0; v < size; v++) {
                double acc = 0;
                for (int n = 0; n < im; n++) {
                    acc += small[m * im + n] * dct[v][n];
                }
                tmp[m * size + v] = acc / max;
            }
        }
        for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
                double acc = 0;
                for (int m = 0; m < im; m++) {
                    acc += dct[u][m] * tmp[m * size + v];
                }
                low[u * size + v] = acc;
            }
        }
        System.arraycopy(low, 0, sortedLow, 0, low.length);
        Arrays.sort(sortedLow);
        int nn = sortedLow.length;
        double med = (nn & 1) == 1 ? sortedLow[nn / 2] : 0.5 * (sortedLow[nn / 2 - 1] + sortedLow[nn / 2]);
        for (int i = 0; i < nn; i++) {
            hash[i] = low[i] > med;
        }
        if (havePrev) {
            int d = 0;
            for (int i = 0; i < nn; i++) {
                if (hash[i] != prevHash[i]) {
                    d++;
                }
            }
            double dist = (double) d / nn;
            double[] row = stats(seq);
            if (row != null) {
                row[0] = dist;
            }
            if (dist >= threshold) {
                candidateCut(seq, dist);
            }
        }
        boolean[] t = prevHash; prevHash = hash; hash = t;
        havePrev = true;
    }
}
