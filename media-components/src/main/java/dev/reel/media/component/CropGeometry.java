package dev.reel.media.component;

/** A crop rectangle, parsed from ffmpeg's {@code W:H[:X:Y]} (X and Y default to centring). */
public record CropGeometry(int width, int height, int x, int y) {
    public static final int CENTER = -1;

    public static CropGeometry parse(String s) {
        String[] p = s.trim().split(":");
        if (p.length != 2 && p.length != 4) {
            throw new IllegalArgumentException("crop wants W:H or W:H:X:Y, got '" + s + "'");
        }
        try {
            int w = Integer.parseInt(p[0]);
            int h = Integer.parseInt(p[1]);
            int x = p.length == 4 ? Integer.parseInt(p[2]) : CENTER;
            int y = p.length == 4 ? Integer.parseInt(p[3]) : CENTER;
            if (w <= 0 || h <= 0 || (p.length == 4 && (x < 0 || y < 0))) {
                throw new IllegalArgumentException("crop sizes must be positive, got '" + s + "'");
            }
            return new CropGeometry(w, h, x, y);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("crop wants integers W:H or W:H:X:Y, got '" + s + "'");
        }
    }

    /** Fits the rectangle inside a frame, centring where asked, on even offsets (chroma siting). */
    public CropGeometry within(int frameW, int frameH) {
        if (width > frameW || height > frameH) {
            throw new IllegalArgumentException("crop " + this + " is larger than the picture " + frameW + "x" + frameH);
        }
        int cx = x == CENTER ? (frameW - width) / 2 : x;
        int cy = y == CENTER ? (frameH - height) / 2 : y;
        if (cx + width > frameW || cy + height > frameH) {
            throw new IllegalArgumentException("crop " + this + " goes outside the picture " + frameW + "x" + frameH);
        }
        return new CropGeometry(width & ~1, height & ~1, cx & ~1, cy & ~1);
    }

    @Override
    public String toString() {
        return width + ":" + height + ":" + (x == CENTER ? "c" : x) + ":" + (y == CENTER ? "c" : y);
    }
}
