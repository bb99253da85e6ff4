package dev.reel.media.shots;

/**
 * PySceneDetect's content score: mean absolute difference between consecutive frames of hue,
 * saturation, value (OpenCV 8-bit HSV: H 0..179, S and V 0..255) and optionally of dilated Canny edge
 * maps of V, combined as {@code sum(w_i * delta_i) / sum(|w_i|)} on a 0..255 scale.
 */
final class ContentScorer {
    private final double wh, ws, wv, we;
    private final boolean edges;
    private byte[] h, s, v, ph, ps, pv;
    private byte[] edge, prevEdge;
    private EdgeDetector edgeDetector;
    private boolean havePrev;
    /** Components of the last frame (NaN for the first frame). */
    double dHue = Double.NaN, dSat = Double.NaN, dLum = Double.NaN, dEdges = Double.NaN, score = Double.NaN;

    ContentScorer(double[] weights) {
        if (weights.length != 4) {
            throw new IllegalArgumentException("weights need 4 values");
        }
        wh = weights[0]; ws = weights[1]; wv = weights[2]; we = weights[3];
        double sum = Math.abs(wh) + Math.abs(ws) + Math.abs(wv) + Math.abs(we);
        if (sum <= 0) {
            throw new IllegalArgumentException("weights are all zero");
        }
        edges = we != 0;
    }

    /** Computes the components for this frame against the previous one; returns the score (NaN first). */
    double update(AnalysisFrame f) {
        int n = f.pixels();
        if (h == null) {
            h = new byte[n]; s = new byte[n]; v = new byte[n];
            ph = new byte[n]; ps = new byte[n]; pv = new byte[n];
            if (edges) {
                edge = new byte[n];
                prevEdge = new byte[n];
                edgeDetector = new EdgeDetector(f.width(), f.height());
            }
        }
        toHsv(f.rgb(), n, h, s, v);
        if (edges) {
            edgeDetector.detect(v, edge);
        }
        if (havePrev) {
            dHue = meanAbsDiff(h, ph, n);
            dSat = meanAbsDiff(s, ps, n);
            dLum = meanAbsDiff(v, pv, n);
            dEdges = edges ? meanAbsDiff(edge, prevEdge, n) : 0;
            score = (wh * dHue + ws * dSat + wv * dLum + we * dEdges)
                    / (Math.abs(wh) + Math.abs(ws) + Math.abs(wv) + Math.abs(we));
        } else {
            dHue = dSat = dLum = dEdges = score = Double.NaN;
        }
        byte[] t;
        t = ph; ph = h; h = t;
        t = ps; ps = s; s = t;
        t = pv; pv = v; v = t;
        if (edges) {
            t = prevEdge;
            prevEdge = edge;
            edge = t;
        }
        havePrev = true;
        return score;
    }

    static double meanAbsDiff(byte[] a, byte[] b, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / n;
    }

    /** RGB24 to OpenCV-convention 8-bit HSV. */
    static void toHsv(byte[] rgb, int n, byte[] h, byte[] s, byte[] v) {
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            int r = rgb[p] & 0xff, g = rgb[p + 1] & 0xff, b = rgb[p + 2] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int diff = max - min;
            v[i] = (byte) max;
            s[i] = (byte) (max == 0 ? 0 : (255 * diff + (max >> 1)) / max);
            int hue;
            if (diff == 0) {
                hue = 0;
            } else {
                float hf;
                if (max == r) {
                    hf = 30f * (g - b) / diff;
                } else if (max == g) {
                    hf = 60f + 30f * (b - r) / diff;
                } else {
                    hf = 120f + 30f * (r - g) / diff;
                }
                if (hf < 0) {
                    hf += 180f;
                }
                hue = Math.round(hf);
                if (hue >= 180) {
                    hue -= 180;
                }
            }
            h[i] = (byte) hue;
        }
    }
}
