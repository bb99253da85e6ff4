package dev.reel.media.shots;

import java.util.Arrays;

/**
 * Block-matching motion compensation on {@link FrameSketch} thumbnails: for each 4x4-cell block of
 * frame B, the best match in frame A within +-3 cells (then refined to half a cell by bilinear
 * interpolation). The residual left after compensation is what motion cannot explain: small for pans,
 * zooms, shake and moving objects (each block moves on its own), large for a cut. On a 32-cell
 * thumbnail of a 1080p frame, 3 cells is about 180 px of motion per frame.
 *
 * <p>Results: {@link #mean}, {@link #median} and {@link #upperQuartile} of the per-block residuals (mean absolute difference
 * per cell and channel, in the units of the arrays compared). The median ignores the minority of
 * blocks uncovered by a moving object or entering at the frame edge.
 */
final class MotionMatcher {
    static final int BLOCK = 4;
    final int cols, rows, radius;
    private final int[] blockX, blockY;
    private final float[] residuals, sorted;
    // Per-cell 3x3 minimum and maximum of the reference frame (Y, Cb, Cr), for the envelope distance.
    private final float[] loY, hiY, loU, hiU, loV, hiV;
    private final int[] offX, offY;

    private static int d2(int i, int side, int radius) {
        int x = i % side - radius, y = i / side - radius;
        return x * x + y * y;
    }
    double mean, median, upperQuartile;

    MotionMatcher(int cols, int rows, int radius) {
        this.cols = cols;
        this.rows = rows;
        this.radius = radius;
        int[] bx = starts(cols), by = starts(rows);
        int n = bx.length * by.length;
        blockX = new int[n];
        blockY = new int[n];
        int k = 0;
        for (int y : by) {
            for (int x : bx) {
                blockX[k] = x;
                blockY[k] = y;
                k++;
            }
        }
        residuals = new float[n];
        sorted = new float[n];
        // Search order: nearest displacements first, so a good match is found early and the partial
        // sums of the other candidates stop early.
        int side = 2 * radius + 1;
        Integer[] order = new Integer[side * side];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Integer.compare(d2(p, side, radius), d2(q, side, radius)));
        offX = new int[order.length];
        offY = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            offX[i] = order[i] % side - radius;
            offY[i] = order[i] / side - radius;
        }
        int cells = cols * rows;
        loY = new float[cells]; hiY = new float[cells];
        loU = new float[cells]; hiU = new float[cells];
        loV = new float[cells]; hiV = new float[cells];
    }

    /** Block origins covering the axis; the last block is aligned to the end (may overlap). */
    private static int[] starts(int len) {
        if (len <= BLOCK) {
            return new int[]{0};
        }
        int full = len / BLOCK;
        boolean rest = len % BLOCK != 0;
        int[] s = new int[full + (rest ? 1 : 0)];
        for (int i = 0; i < full; i++) {
            s[i] = i * BLOCK;
        }
        if (rest) {
            s[full] = len - BLOCK;
        }
        return s;
    }

    int blocks() { return residuals.length; }

    /** Motion-compensated difference of B against A on the normalised planes. */
    void matchNormalized(FrameSketch a, FrameSketch b, float chromaWeight) {
        match(a.zy, a.zcb, a.zcr, b.zy, b.zcb, b.zcr, chromaWeight);
    }

    /** Motion-compensated difference of B against A on the raw planes (0..255 units). */
    void matchRaw(FrameSketch a, FrameSketch b, float chromaWeight) {
        match(a.y, a.cb, a.cr, b.y, b.cb, b.cr, chromaWeight);
    }

    /**
     * Like {@link #matchRaw} but each cell of B is compared with the range (min..max) of the 3x3 cells
     * around its match in A: any sub-cell shift of A gives values inside that range, so slow pans of
     * sharp edges cost nothing, while the unrelated picture after a cut falls outside it.
     */
    void matchEnvelope(FrameSketch a, FrameSketch b, float chromaWeight) {
        envelope(a.y, loY, hiY);
        envelope(a.cb, loU, hiU);
        envelope(a.cr, loV, hiV);
        final int bs = Math.min(BLOCK, Math.min(cols, rows));
        final float norm = 1f / (bs * bs * (1f + 2f * chromaWeight));
        double total = 0;
        int px = 0, py = 0; // displacement of the previous block: neighbours usually move alike
        for (int k = 0; k < residuals.length; k++) {
            final int x0 = blockX[k], y0 = blockY[k];
            float best = sadEnvelope(b, chromaWeight, x0, y0, x0, y0, bs, Float.MAX_VALUE);
            int bx = 0, by = 0;
            if (best > 0 && (px != 0 || py != 0) && inside(x0 + px, y0 + py, bs)) {
                float sv = sadEnvelope(b, chromaWeight, x0 + px, y0 + py, x0, y0, bs, best);
                if (sv < best) {
                    best = sv;
                    bx = px;
                    by = py;
                }
            }
            for (int o = 1; o < offX.length && best > 0; o++) {
                int ax = x0 + offX[o], ayy = y0 + offY[o];
                if (!inside(ax, ayy, bs)) {
                    continue;
                }
                float sv = sadEnvelope(b, chromaWeight, ax, ayy, x0, y0, bs, best);
                if (sv < best) {
                    best = sv;
                    bx = offX[o];
                    by = offY[o];
                }
            }
            px = bx;
            py = by;
            float r = best * norm;
            residuals[k] = r;
            total += r;
        }
        finish(total);
    }

    private boolean inside(int ax, int ay, int bs) {
        return ax >= 0 && ay >= 0 && ax + bs <= cols && ay + bs <= rows;
    }

    private void envelope(float[] p, float[] lo, float[] hi) {
        for (int y = 0; y < rows; y++) {
            int y0 = Math.max(0, y - 1), y1 = Math.min(rows - 1, y + 1);
            for (int x = 0; x < cols; x++) {
                int x0 = Math.max(0, x - 1), x1 = Math.min(cols - 1, x + 1);
                float mn = Float.MAX_VALUE, mx = -Float.MAX_VALUE;
                for (int yy = y0; yy <= y1; yy++) {
                    int row = yy * cols;
                    for (int xx = x0; xx <= x1; xx++) {
                        float v = p[row + xx];
                        if (v < mn) {
                            mn = v;
                        }
                        if (v > mx) {
                            mx = v;
                        }
                    }
                }
                lo[y * cols + x] = mn;
                hi[y * cols + x] = mx;
            }
        }
    }

    private static float outside(float v, float lo, float hi) {
        return v < lo ? lo - v : (v > hi ? v - hi : 0f);
    }

    private float sadEnvelope(FrameSketch b, float w, int ax, int ayy, int bx, int byy, int bs, float limit) {
        float s = 0;
        final float[] by = b.y, bu = b.cb, bv = b.cr;
        for (int r = 0; r < bs; r++) {
            int ia = (ayy + r) * cols + ax, ib = (byy + r) * cols + bx;
            for (int c = 0; c < bs; c++, ia++, ib++) {
                s += outside(by[ib], loY[ia], hiY[ia]) + w * (outside(bu[ib], loU[ia], hiU[ia]) + outside(bv[ib], loV[ia], hiV[ia]));
            }
            if (s >= limit) {
                return s;
            }
        }
        return s;
    }

    void match(float[] ay, float[] acb, float[] acr, float[] by, float[] bcb, float[] bcr, float w) {
        final int bs = Math.min(BLOCK, Math.min(cols, rows));
        final float norm = 1f / (bs * bs * (1f + 2f * w));
        double total = 0;
        for (int k = 0; k < residuals.length; k++) {
            final int x0 = blockX[k], y0 = blockY[k];
            float best = sad(ay, acb, acr, by, bcb, bcr, w, x0, y0, x0, y0, bs, Float.MAX_VALUE);
            int bdx = 0, bdy = 0;
            int xmin = Math.max(0, x0 - radius), xmax = Math.min(cols - bs, x0 + radius);
            int ymin = Math.max(0, y0 - radius), ymax = Math.min(rows - bs, y0 + radius);
            for (int ax = xmin; ax <= xmax && best > 0; ax++) {
                for (int ayy = ymin; ayy <= ymax; ayy++) {
                    if (ax == x0 && ayy == y0) {
                        continue;
                    }
                    float s = sad(ay, acb, acr, by, bcb, bcr, w, ax, ayy, x0, y0, bs, best);
                    if (s < best) {
                        best = s;
                        bdx = ax - x0;
                        bdy = ayy - y0;
                    }
                }
            }
            // Half-cell refinement: sub-cell motion of textured content otherwise leaves a residual
            // comparable to a weak cut.
            if (best > 0) {
                int ax = x0 + bdx, ayy = y0 + bdy;
                for (int hy = -1; hy <= 1; hy++) {
                    for (int hx = -1; hx <= 1; hx++) {
                        if (hx == 0 && hy == 0) {
                            continue;
                        }
                        if ((hx < 0 && ax == 0) || (hx > 0 && ax + bs >= cols)) {
                            continue;
                        }
                        if ((hy < 0 && ayy == 0) || (hy > 0 && ayy + bs >= rows)) {
                            continue;
                        }
                        float s = sadHalf(ay, acb, acr, by, bcb, bcr, w, ax, ayy, hx, hy, x0, y0, bs, best);
                        if (s < best) {
                            best = s;
                        }
                    }
                }
            }
            float r = best * norm;
            residuals[k] = r;
            total += r;
        }
        finish(total);
    }

    private void finish(double total) {
        mean = total / residuals.length;
        System.arraycopy(residuals, 0, sorted, 0, residuals.length);
        Arrays.sort(sorted);
        int n = sorted.length;
        median = (n & 1) == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        upperQuartile = sorted[Math.min(n - 1, (3 * n) / 4)];
    }

    /** Residual per block of the last match (reused array). */
    float[] residuals() { return residuals; }

    private float sad(float[] ay, float[] acb, float[] acr, float[] by, float[] bcb, float[] bcr, float w,
                      int ax, int ayy, int bx, int byy, int bs, float limit) {
        float s = 0;
        for (int r = 0; r < bs; r++) {
            int ia = (ayy + r) * cols + ax, ib = (byy + r) * cols + bx;
            for (int c = 0; c < bs; c++, ia++, ib++) {
                s += Math.abs(ay[ia] - by[ib]) + w * (Math.abs(acb[ia] - bcb[ib]) + Math.abs(acr[ia] - bcr[ib]));
            }
            if (s >= limit) {
                return s;
            }
        }
        return s;
    }

    /** SAD against A shifted by half a cell in x (hx) and/or y (hy), by bilinear interpolation. */
    private float sadHalf(float[] ay, float[] acb, float[] acr, float[] by, float[] bcb, float[] bcr, float w,
                          int ax, int ayy, int hx, int hy, int bx, int byy, int bs, float limit) {
        float s = 0;
        int ox = hx > 0 ? 1 : (hx < 0 ? -1 : 0);
        int oy = hy > 0 ? cols : (hy < 0 ? -cols : 0);
        for (int r = 0; r < bs; r++) {
            int ia = (ayy + r) * cols + ax, ib = (byy + r) * cols + bx;
            for (int c = 0; c < bs; c++, ia++, ib++) {
                int i1 = ia + ox, i2 = ia + oy, i3 = ia + ox + oy;
                float vy = 0.25f * (ay[ia] + ay[i1] + ay[i2] + ay[i3]);
                float vcb = 0.25f * (acb[ia] + acb[i1] + acb[i2] + acb[i3]);
                float vcr = 0.25f * (acr[ia] + acr[i1] + acr[i2] + acr[i3]);
                s += Math.abs(vy - by[ib]) + w * (Math.abs(vcb - bcb[ib]) + Math.abs(vcr - bcr[ib]));
            }
            if (s >= limit) {
                return s;
            }
        }
        return s;
    }
}
