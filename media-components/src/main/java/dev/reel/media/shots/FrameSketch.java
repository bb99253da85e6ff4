package dev.reel.media.shots;

import java.util.Arrays;

/**
 * A compact summary of one analysis frame, kept in ring buffers so detectors can compare a frame with
 * frames several steps back without keeping the frames themselves:
 * <ul>
 *   <li>a colour thumbnail of about 32 cells on the longer side (cell means of Y, Cb, Cr), raw for
 *       linear blend models and contrast-normalised ({@code z*}: mean removed, divided by the luma
 *       contrast) for comparisons that must ignore brightness and contrast changes;</li>
 *   <li>frame luma mean and standard deviation (fades, flat frames).</li>
 * </ul>
 * Instances are preallocated per detector and overwritten with {@link #compute}.
 */
final class FrameSketch {
    /** Contrast floor for normalisation (thumbnail luma std, 0..255): keeps noise in flat frames small. */
    static final float CONTRAST_FLOOR = 8f;
    /** Pixel sampling step of the sketch. */
    static final int STEP = 2;

    final Grid grid;
    final float[] y, cb, cr;
    final float[] zy, zcb, zcr;
    private int samples;
    long index = -1;
    double pts;
    /** Mean and standard deviation of the analysis luma plane (0..255). */
    double lumaMean, lumaStd;
    /** Thumbnail luma mean/std, chroma means. */
    float thumbMeanY, thumbStdY, thumbMeanCb, thumbMeanCr;

    FrameSketch(Grid grid) {
        this.grid = grid;
        int n = grid.cells;
        y = new float[n]; cb = new float[n]; cr = new float[n];
        zy = new float[n]; zcb = new float[n]; zcr = new float[n];
    }

    /** Pixel-to-cell mapping for one analysis size, shared by all sketches of a detector. */
    static final class Grid {
        final int width, height, cols, rows, cells;
        final int[] cellX, cellY;
        final float[] invCount;
        final int[] sumR, sumG, sumB;

        Grid(int width, int height, int longSide) {
            this.width = width;
            this.height = height;
            int c, r;
            if (width >= height) {
                c = Math.min(longSide, width);
                r = Math.max(4, Math.min(height, (int) Math.round((double) height * c / width)));
            } else {
                r = Math.min(longSide, height);
                c = Math.max(4, Math.min(width, (int) Math.round((double) width * r / height)));
            }
            cols = c;
            rows = r;
            cells = c * r;
            cellX = new int[width];
            cellY = new int[height];
            for (int x = 0; x < width; x++) {
                cellX[x] = (int) ((long) x * cols / width);
            }
            for (int yy = 0; yy < height; yy++) {
                cellY[yy] = (int) ((long) yy * rows / height) * cols;
            }
            int[] count = new int[cells];
            for (int yy = 0; yy < height; yy += STEP) {
                for (int x = 0; x < width; x += STEP) {
                    count[cellY[yy] + cellX[x]]++;
                }
            }
            for (int i = 0; i < cells; i++) {
                if (count[i] == 0) {
                    count[i] = 1; // only for tiny frames
                }
            }
            invCount = new float[cells];
            for (int i = 0; i < cells; i++) {
                invCount[i] = 1f / count[i];
            }
            sumR = new int[cells];
            sumG = new int[cells];
            sumB = new int[cells];
        }

        static Grid forFrame(AnalysisFrame f) { return new Grid(f.width(), f.height(), 32); }
    }

    void compute(AnalysisFrame f) {
        if (f.width() != grid.width || f.height() != grid.height) {
            throw new IllegalArgumentException("frame size changed: " + f.width() + "x" + f.height()
                    + " after " + grid.width + "x" + grid.height);
        }
        index = f.index();
        pts = f.pts();
        final int w = grid.width, h = grid.height;
        final byte[] rgb = f.rgb();
        final byte[] luma = f.luma();
        final int[] sR = grid.sumR, sG = grid.sumG, sB = grid.sumB;
        Arrays.fill(sR, 0);
        Arrays.fill(sG, 0);
        Arrays.fill(sB, 0);
        final int[] cx = grid.cellX;
        // Every other pixel in both directions: the analysis copy is already area-scaled, so the cell
        // means barely change, and it is 4x cheaper (this loop is most of the per-frame cost).
        int hn = 0;
        long s = 0, s2 = 0;
        for (int yy = 0; yy < h; yy += STEP) {
            final int rowCell = grid.cellY[yy];
            int p = yy * w * 3, l = yy * w;
            for (int x = 0; x < w; x += STEP, p += 3 * STEP, l += STEP) {
                int r = rgb[p] & 0xff, g = rgb[p + 1] & 0xff, b = rgb[p + 2] & 0xff;
                int c = rowCell + cx[x];
                sR[c] += r;
                sG[c] += g;
                sB[c] += b;
                int lv = luma[l] & 0xff;
                s += lv;
                s2 += lv * lv;
                hn++;
            }
        }
        samples = hn;
        lumaMean = (double) s / hn;
        lumaStd = Math.sqrt(Math.max(0, (double) s2 / hn - lumaMean * lumaMean));
        // Cell means (linear in RGB, so Y/Cb/Cr of the means equal the means of Y/Cb/Cr).
        final int cells = grid.cells;
        double my = 0, mcb = 0, mcr = 0;
        for (int i = 0; i < cells; i++) {
            float k = grid.invCount[i];
            float r = sR[i] * k, g = sG[i] * k, b = sB[i] * k;
            float yv = 0.299f * r + 0.587f * g + 0.114f * b;
            float cbv = -0.168736f * r - 0.331264f * g + 0.5f * b + 128f;
            float crv = 0.5f * r - 0.418688f * g - 0.081312f * b + 128f;
            y[i] = yv;
            cb[i] = cbv;
            cr[i] = crv;
            my += yv;
            mcb += cbv;
            mcr += crv;
        }
        my /= cells;
        mcb /= cells;
        mcr /= cells;
        double vy = 0;
        for (int i = 0; i < cells; i++) {
            double d = y[i] - my;
            vy += d * d;
        }
        thumbMeanY = (float) my;
        thumbMeanCb = (float) mcb;
        thumbMeanCr = (float) mcr;
        thumbStdY = (float) Math.sqrt(vy / cells);
        // Contrast normalisation: makes the structure comparison blind to brightness/contrast changes
        // (flashes, fades, exposure) while the floor keeps near-flat frames from amplifying noise.
        float inv = 1f / Math.max(thumbStdY, CONTRAST_FLOOR);
        float fmy = (float) my, fmcb = (float) mcb, fmcr = (float) mcr;
        for (int i = 0; i < cells; i++) {
            zy[i] = (y[i] - fmy) * inv;
            zcb[i] = (cb[i] - fmcb) * inv;
            zcr[i] = (cr[i] - fmcr) * inv;
        }
    }

    /** Mean absolute difference of the raw thumbnails (Y + chroma/2), 0..255, no motion compensation. */
    static double rawDistance(FrameSketch a, FrameSketch b) {
        double s = 0, c = 0;
        for (int i = 0; i < a.y.length; i++) {
            s += Math.abs(a.y[i] - b.y[i]);
            c += Math.abs(a.cb[i] - b.cb[i]) + Math.abs(a.cr[i] - b.cr[i]);
        }
        return (s + 0.5 * c) / (a.y.length * 2.0);
    }


    void copyFrom(FrameSketch o) {
        index = o.index;
        pts = o.pts;
        System.arraycopy(o.y, 0, y, 0, y.length);
        System.arraycopy(o.cb, 0, cb, 0, cb.length);
        System.arraycopy(o.cr, 0, cr, 0, cr.length);
        System.arraycopy(o.zy, 0, zy, 0, zy.length);
        System.arraycopy(o.zcb, 0, zcb, 0, zcb.length);
        System.arraycopy(o.zcr, 0, zcr, 0, zcr.length);
        samples = o.samples;
        lumaMean = o.lumaMean;
        lumaStd = o.lumaStd;
        thumbMeanY = o.thumbMeanY;
        thumbStdY = o.thumbStdY;
        thumbMeanCb = o.thumbMeanCb;
        thumbMeanCr = o.thumbMeanCr;
    }
}
