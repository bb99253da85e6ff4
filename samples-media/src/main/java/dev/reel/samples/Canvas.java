package dev.reel.samples;

/** Size and rate a {@link Content} must render at; {@code seed} varies pseudo-random sources. */
record Canvas(int width, int height, Rate rate, long seed) {

    Canvas {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("canvas must be even and at least 16x16: " + width + "x" + height);
        }
    }

    /** The same canvas scaled by {@code fx, fy} (rounded to even sizes), for sources that get cropped later. */
    Canvas scaled(double fx, double fy) {
        return new Canvas(even(width * fx), even(height * fy), rate, seed);
    }

    Canvas withSeed(long newSeed) {
        return new Canvas(width, height, rate, newSeed);
    }

    String size() {
        return width + "x" + height;
    }

    static int even(double v) {
        int i = (int) Math.round(v);
        return Math.max(16, i + (i & 1));
    }
}
