package dev.reel.media.shots;

import java.util.Objects;

/**
 * One decoded frame as the shot detectors see it: a small analysis copy, never the full picture.
 *
 * <p>Planes (both required, both row-major without padding):
 * <ul>
 *   <li>{@link #luma()}: gray8, full range 0..255 (BT.601 weights 0.299/0.587/0.114), {@code width*height} bytes;</li>
 *   <li>{@link #rgb()}: packed rgb24, {@code width*height*3} bytes, R first.</li>
 * </ul>
 * A producer that only has rgb24 fills it and calls {@link #computeLumaFromRgb()}.
 *
 * <p>The object is a mutable holder meant to be reused: the producer fills the planes, sets index and
 * pts with {@link #set(long, double)} and hands it to {@link ShotDetector#accept}. Detectors copy what they
 * need during the call and keep no reference to the arrays afterwards.
 *
 * <p>{@code index} is the 0-based position in presentation order; {@code pts} is the presentation time in
 * seconds from the stream start. Detectors take all times from {@code pts} and never derive them from the
 * index, so variable-frame-rate input keeps correct times.
 */
public final class AnalysisFrame {
    private final int width;
    private final int height;
    private final byte[] luma;
    private final byte[] rgb;
    private long index;
    private double pts;

    /** Allocates planes for an analysis copy of the given size. */
    public AnalysisFrame(int width, int height) {
        this(width, height, new byte[width * height], new byte[width * height * 3]);
    }

    /** Wraps caller-owned planes (no copy). */
    public AnalysisFrame(int width, int height, byte[] luma, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        Objects.requireNonNull(luma, "luma");
        Objects.requireNonNull(rgb, "rgb");
        if (luma.length < width * height) {
            throw new IllegalArgumentException("luma plane too small");
        }
        if (rgb.length < width * height * 3) {
            throw new IllegalArgumentException("rgb plane too small");
        }
        this.width = width;
        this.height = height;
        this.luma = luma;
        this.rgb = rgb;
    }

    /** Sets the frame position; returns this for chaining. */
    public AnalysisFrame set(long index, double pts) {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index);
        }
        this.index = index;
        this.pts = pts;
        return this;
    }

    public long index() { return index; }
    public double pts() { return pts; }
    public int width() { return width; }
    public int height() { return height; }
    public int pixels() { return width * height; }
    /** gray8 plane, {@code width*height} bytes. */
    public byte[] luma() { return luma; }
    /** rgb24 plane, {@code width*height*3} bytes. */
    public byte[] rgb() { return rgb; }

    /** Fills {@link #luma()} from {@link #rgb()} with BT.601 weights (fixed point, full range). */
    public AnalysisFrame computeLumaFromRgb() {
        int n = width * height;
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            int r = rgb[j] & 0xff, g = rgb[j + 1] & 0xff, b = rgb[j + 2] & 0xff;
            luma[i] = (byte) ((77 * r + 150 * g + 29 * b + 128) >> 8);
        }
        return this;
    }

    @Override
    public String toString() {
        return "AnalysisFrame[" + index + " @" + pts + "s " + width + "x" + height + "]";
    }
}
