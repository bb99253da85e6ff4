package dev.reel.media.component;

import dev.reel.media.frame.VideoFrame;
import java.nio.ByteBuffer;

/**
 * Finds black borders like ffmpeg's {@code cropdetect}: a row or column belongs to the picture when
 * its mean luma is above a limit (24 of 255 by default). The picture is the union over the frames
 * seen, so one dark frame does not shrink it; frames that are dark all over are ignored.
 */
final class BorderDetector {
    static final int DEFAULT_LIMIT = 24;

    private final int limit;
    private int minX = Integer.MAX_VALUE;
    private int minY = Integer.MAX_VALUE;
    private int maxX = -1;
    private int maxY = -1;
    private int frameW;
    private int frameH;
    private int[] colSums = new int[0];

    BorderDetector(int limit) {
        this.limit = limit;
    }

    /** True if the frame's luma could be read (8-bit planar luma). */
    boolean accept(VideoFrame f) {
        if (!eightBitLuma(f.pixelFormatName())) {
            return false;
        }
        int w = f.width();
        int h = f.height();
        frameW = w;
        frameH = h;
        ByteBuffer y = f.plane(0);
        int stride = f.linesize(0);
        if (colSums.length < w) {
            colSums = new int[w];
        }
        java.util.Arrays.fill(colSums, 0, w, 0);
        int top = -1;
        int bottom = -1;
        for (int r = 0; r < h; r++) {
            int base = r * stride;
            long sum = 0;
            for (int c = 0; c < w; c++) {
                int v = y.get(base + c) & 0xff;
                sum += v;
                colSums[c] += v;
            }
            if (sum > (long) limit * w) {
                if (top < 0) {
                    top = r;
                }
                bottom = r;
            }
        }
        if (top < 0) {
            return true; // dark all over: says nothing about borders
        }
        int left = -1;
        int right = -1;
        for (int c = 0; c < w; c++) {
            if (colSums[c] > limit * h) {
                if (left < 0) {
                    left = c;
                }
                right = c;
            }
        }
        if (left < 0) {
            return true;
        }
        minX = Math.min(minX, left);
        maxX = Math.max(maxX, right);
        minY = Math.min(minY, top);
        maxY = Math.max(maxY, bottom);
        return true;
    }

    /** The picture found, on even coordinates; the whole frame if nothing was found. */
    CropGeometry result() {
        if (maxX < 0) {
            return new CropGeometry(frameW & ~1, frameH & ~1, 0, 0);
        }
        int x = (minX + 1) & ~1;
        int y = (minY + 1) & ~1;
        int w = ((maxX + 1 - x)) & ~1;
        int h = ((maxY + 1 - y)) & ~1;
        return new CropGeometry(Math.max(2, w), Math.max(2, h), x, y);
    }

    static boolean eightBitLuma(String pixFmt) {
        return switch (pixFmt) {
            case "yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv21", "gray" -> true;
            default -> false;
        };
    }
}
