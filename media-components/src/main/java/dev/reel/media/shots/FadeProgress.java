package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.MAX_FADE;
import static dev.reel.media.shots.GradualThresholds.MID_PROGRESS;
import static dev.reel.media.shots.GradualThresholds.MIN_MID_FRAMES;
import static dev.reel.media.shots.GradualThresholds.MIN_REGIONS;
import static dev.reel.media.shots.GradualThresholds.MIN_REGION_SPAN;
import static dev.reel.media.shots.GradualThresholds.REGION_SPAN_SHARE;

import java.util.Arrays;

/**
 * Tells a fade from a pan off a dark wall or an object entering: a fade changes the contrast of every
 * region of the picture (3x3) at one pace. Measures how far apart the regions' progress lies in the
 * middle of a candidate fade. Single-threaded (reuses its buffers).
 */
final class FadeProgress {
    private static final int REGIONS = 9;

    private final GradualHistory history;
    private final double[] midSpreads = new double[2 * MAX_FADE + 8];
    private final double[] regionA = new double[REGIONS];
    private final double[] regionB = new double[REGIONS];
    private final double[] regionX = new double[REGIONS];
    private final double[] rs = new double[REGIONS];
    private final double[] rs2 = new double[REGIONS];
    private final int[] rn = new int[REGIONS];

    FadeProgress(GradualHistory history) {
        this.history = history;
    }

    /**
     * The spread (max - min) of the per-region contrast progress from frame {@code a} to frame
     * {@code b} at the frame where the overall progress is nearest to one half (or the median over the
     * middle frames of a slow fade); 1 when no frame is judged.
     */
    double spread(long a, long b) {
        regionContrast(history.sketch(a), regionA);
        regionContrast(history.sketch(b), regionB);
        double bestDist = 2;
        double spread = 0;
        // Regions that change little carry mostly noise (a dark corner of a night shot): judged are those
        // changing by at least a third of the most changing one.
        double maxSpan = 0;
        for (int k = 0; k < REGIONS; k++) {
            maxSpan = Math.max(maxSpan, Math.abs(regionB[k] - regionA[k]));
        }
        double minSpan = Math.max(MIN_REGION_SPAN, maxSpan / REGION_SPAN_SHARE);
        int mids = 0;
        for (long i = a + 1; i < b; i++) {
            regionContrast(history.sketch(i), regionX);
            double lo = 2;
            double hi = -2;
            double sum = 0;
            int used = 0;
            for (int k = 0; k < REGIONS; k++) {
                double span = regionB[k] - regionA[k];
                if (Math.abs(span) < minSpan) {
                    continue;
                }
                double p = (regionX[k] - regionA[k]) / span;
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                sum += p;
                used++;
            }
            if (used < MIN_REGIONS) {
                continue;
            }
            double mean = sum / used;
            if (Math.abs(mean - 0.5) < bestDist) {
                bestDist = Math.abs(mean - 0.5);
                spread = hi - lo;
            }
            if (Math.abs(mean - 0.5) <= MID_PROGRESS && mids < midSpreads.length) {
                midSpreads[mids++] = hi - lo;
            }
        }
        if (bestDist > 1) {
            return 1;
        }
        // A slow fade's middle has many frames: the median of their spreads, so one noisy frame does not decide.
        if (mids >= MIN_MID_FRAMES) {
            Arrays.sort(midSpreads, 0, mids);
            return midSpreads[mids / 2];
        }
        return spread;
    }

    /** Per region: luma std plus a tenth of the region mean's distance from the picture's mean. */
    private void regionContrast(FrameSketch f, double[] out) {
        int cols = f.grid.cols;
        int rows = f.grid.rows;
        Arrays.fill(rs, 0);
        Arrays.fill(rs2, 0);
        Arrays.fill(rn, 0);
        for (int y = 0; y < rows; y++) {
            int ry = y * 3 / rows;
            for (int x = 0; x < cols; x++) {
                int k = ry * 3 + x * 3 / cols;
                double v = f.y[y * cols + x];
                rs[k] += v;
                rs2[k] += v * v;
                rn[k]++;
            }
        }
        for (int k = 0; k < REGIONS; k++) {
            double m = rs[k] / rn[k];
            out[k] = Math.sqrt(Math.max(0, rs2[k] / rn[k] - m * m)) + 0.1 * Math.abs(m - f.thumbMeanY);
        }
    }
}
