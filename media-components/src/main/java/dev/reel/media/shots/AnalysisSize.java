package dev.reel.media.shots;

/**
 * Size of the analysis copy a decoder should produce for shot detection.
 *
 * <p>Like PySceneDetect, detection works on a copy about 256 px on its longer side: cuts and
 * transitions are visible at that size, the per-frame cost stays in the tens of microseconds, and the
 * scaler (area filter) removes noise that would otherwise look like change. The hash detector reduces
 * further internally (16x16).
 */
public record AnalysisSize(int width, int height) {
    /** Longer side of the analysis copy. */
    public static final int DEFAULT_LONG_SIDE = 256;

    public AnalysisSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
    }

    /** Analysis size for an input of {@code w x h} display pixels (aspect kept, even dimensions). */
    public static AnalysisSize forInput(int w, int h) {
        return forInput(w, h, DEFAULT_LONG_SIDE);
    }

    /** Analysis size with a chosen longer side; small inputs are never upscaled. */
    public static AnalysisSize forInput(int w, int h, int longSide) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("input size " + w + "x" + h);
        }
        if (longSide < 16) {
            throw new IllegalArgumentException("longSide " + longSide);
        }
        int lw, lh;
        if (Math.max(w, h) <= longSide) {
            lw = w;
            lh = h;
        } else if (w >= h) {
            lw = longSide;
            lh = (int) Math.round((double) h * longSide / w);
        } else {
            lh = longSide;
            lw = (int) Math.round((double) w * longSide / h);
        }
        // Even sizes keep chroma-subsampled scalers exact; never below 16 so grids have cells.
        return new AnalysisSize(Math.max(16, even(lw)), Math.max(16, even(lh)));
    }

    private static int even(int v) { return Math.max(2, v & ~1); }

    public int pixels() { return width * height; }

    /** A new frame holder of this size. */
    public AnalysisFrame newFrame() { return new AnalysisFrame(width, height); }
}
