package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.MAX_BOUNDARY_FRACTION;
import static dev.reel.media.shots.GradualThresholds.MAX_SETTLE_FIT;
import static dev.reel.media.shots.GradualThresholds.SETTLE_FRAMES;
import static dev.reel.media.shots.GradualThresholds.SIGNIFICANT_CELL;
import static dev.reel.media.shots.GradualThresholds.SWITCHED_ALPHA;

/**
 * The checks a wipe must pass beyond its blend fit: a single boundary sweeping the picture, and the
 * picture settled in the new shot after it. Reads the alpha profile {@link BlendFit} last computed from
 * the wipe's ends. Single-threaded.
 */
final class WipeChecks {
    private final GradualHistory history;
    private final BlendFit fit;
    private boolean[] switched;
    private boolean[] significant;

    WipeChecks(GradualHistory history, BlendFit fit) {
        this.history = history;
        this.fit = fit;
    }

    /**
     * A wipe has one boundary sweeping the picture: at its middle, the cells already showing B form one
     * region. A slow pan over flat colours with sharp edges switches cells too, but along every edge.
     */
    boolean oneBoundary(long a, long b) {
        FrameSketch pa = history.sketch(a);
        FrameSketch pb = history.sketch(b);
        int cells = pa.y.length;
        int cols = pa.grid.cols;
        int rows = pa.grid.rows;
        if (switched == null) {
            switched = new boolean[cells];
            significant = new boolean[cells];
        }
        long mid = a + 1;
        double best = 2;
        for (long i = a + 1; i < b; i++) {
            double d = Math.abs(fit.alpha((int) (i - a)) - 0.5);
            if (d < best) {
                best = d;
                mid = i;
            }
        }
        FrameSketch x = history.sketch(mid);
        for (int c = 0; c < cells; c++) {
            double dy = pb.y[c] - pa.y[c];
            double du = pb.cb[c] - pa.cb[c];
            double dv = pb.cr[c] - pa.cr[c];
            double dd = dy * dy + 0.25 * (du * du + dv * dv);
            significant[c] = dd > SIGNIFICANT_CELL;
            double ac = dd > 0 ? ((x.y[c] - pa.y[c]) * dy + 0.25 * ((x.cb[c] - pa.cb[c]) * du + (x.cr[c] - pa.cr[c]) * dv)) / dd : 0;
            switched[c] = ac > SWITCHED_ALPHA;
        }
        int pairs = 0;
        int differ = 0;
        for (int y = 0; y < rows; y++) {
            for (int xx = 0; xx < cols; xx++) {
                int c = y * cols + xx;
                if (!significant[c]) {
                    continue;
                }
                if (xx + 1 < cols && significant[c + 1]) {
                    pairs++;
                    if (switched[c] != switched[c + 1]) {
                        differ++;
                    }
                }
                if (y + 1 < rows && significant[c + cols]) {
                    pairs++;
                    if (switched[c] != switched[c + cols]) {
                        differ++;
                    }
                }
            }
        }
        double frac = pairs == 0 ? 1 : (double) differ / pairs;
        return frac <= MAX_BOUNDARY_FRACTION;
    }

    /**
     * A wipe ends in the new shot: the next frames stay (in place) A or B. An object sliding in keeps
     * moving and covers cells that are neither.
     */
    boolean settled(long a, long b, double n) {
        FrameSketch pa = history.sketch(a);
        FrameSketch pb = history.sketch(b);
        int cells = pa.y.length;
        double res = 0;
        int frames = 0;
        for (long i = b + 1; i <= Math.min(history.last(), b + SETTLE_FRAMES); i++) {
            FrameSketch x = history.sketch(i);
            double ip = 0;
            for (int c = 0; c < cells; c++) {
                double toA = Math.abs(x.y[c] - pa.y[c]) + 0.5 * (Math.abs(x.cb[c] - pa.cb[c]) + Math.abs(x.cr[c] - pa.cr[c]));
                double toB = Math.abs(x.y[c] - pb.y[c]) + 0.5 * (Math.abs(x.cb[c] - pb.cb[c]) + Math.abs(x.cr[c] - pb.cr[c]));
                ip += Math.min(toA, toB);
            }
            res += ip / (2.0 * cells);
            frames++;
        }
        double fit = frames == 0 ? 0 : res / frames / n;
        return fit <= MAX_SETTLE_FIT;
    }
}
