package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.ALPHA_MOVE;
import static dev.reel.media.shots.GradualThresholds.MAX_WINDOW;

/**
 * The blend coefficient alpha of frames between two pictures A and B (the projection of each frame on
 * the line A to B in thumbnail colour space), and the ends of a transition found from it: where alpha
 * stops moving. The profile is kept for the checks that follow. Single-threaded.
 */
final class BlendFit {
    private final GradualHistory history;
    private final double[] alpha = new double[6 * MAX_WINDOW + 8];

    BlendFit(GradualHistory history) {
        this.history = history;
    }

    /** Alpha of the frame at offset {@code i} from the {@code lo} of the last {@link #profile}. */
    double alpha(int i) {
        return alpha[i];
    }

    /**
     * Profile of the projection of frames on the line thumb(a) -> thumb(b) over a range around the
     * window; from where it crosses one half inside {@code w0..w1}, walks out while it keeps moving.
     * Returns the last frame before the blend and the first after it (the pure A and B frames).
     */
    long[] refine(long a, long b, long w0, long w1) {
        long first = history.first();
        long last = history.last();
        long lo = Math.max(first, Math.min(a, w0) - MAX_WINDOW);
        long hi = Math.min(last, Math.max(b, w1) + MAX_WINDOW);
        while (!history.inRing(lo)) {
            lo++;
        }
        if (hi - lo + 1 > alpha.length) {
            lo = hi - alpha.length + 1;
        }
        if (!profile(a, b, lo, hi)) {
            return null;
        }
        int mid = -1;
        for (long i = Math.max(a, lo); i <= b; i++) {
            if (alpha[(int) (i - lo)] >= 0.5) {
                mid = (int) (i - lo);
                break;
            }
        }
        if (mid <= 0) {
            return null;
        }
        double eps = ALPHA_MOVE / Math.max(2, b - a);
        int n = (int) (hi - lo);
        int s = mid;
        int e = mid;
        while (s > 0) {
            if (alpha[s] - alpha[s - 1] > eps) {
                s--;
            } else if (s > 1 && alpha[s - 1] - alpha[s - 2] > eps && alpha[s] - alpha[s - 2] > 2 * eps) {
                s -= 2; // one repeated frame (frame-rate conversion) does not end a transition
            } else {
                break;
            }
        }
        while (e < n) {
            if (alpha[e + 1] - alpha[e] > eps) {
                e++;
            } else if (e + 2 <= n && alpha[e + 2] - alpha[e + 1] > eps && alpha[e + 2] - alpha[e] > 2 * eps) {
                e += 2;
            } else {
                break;
            }
        }
        return new long[] {lo + s, lo + e};
    }

    /** alpha[i - lo] = projection of frame i on thumb(a) -> thumb(b), for i in lo..hi; false if A and B are alike. */
    boolean profile(long a, long b, long lo, long hi) {
        FrameSketch pa = history.sketch(a);
        FrameSketch pb = history.sketch(b);
        int cells = pa.y.length;
        double den = 0;
        for (int c = 0; c < cells; c++) {
            double dy = pb.y[c] - pa.y[c];
            double du = pb.cb[c] - pa.cb[c];
            double dv = pb.cr[c] - pa.cr[c];
            den += dy * dy + 0.25 * (du * du + dv * dv);
        }
        if (den < 1e-6) {
            return false;
        }
        for (long i = lo; i <= hi; i++) {
            FrameSketch x = history.sketch(i);
            double num = 0;
            for (int c = 0; c < cells; c++) {
                double dy = pb.y[c] - pa.y[c];
                double du = pb.cb[c] - pa.cb[c];
                double dv = pb.cr[c] - pa.cr[c];
                num += (x.y[c] - pa.y[c]) * dy + 0.25 * ((x.cb[c] - pa.cb[c]) * du + (x.cr[c] - pa.cr[c]) * dv);
            }
            alpha[(int) (i - lo)] = num / den;
        }
        return true;
    }
}
