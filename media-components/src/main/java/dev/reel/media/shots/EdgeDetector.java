package dev.reel.media.shots;

/**
 * Canny edges (Sobel 3x3, L1 magnitude, non-maximum suppression, hysteresis) with PySceneDetect's
 * automatic thresholds (median of the plane times 1 -+ 1/3) followed by a square dilation whose size
 * grows with the resolution ({@code 4 + round(sqrt(w*h)/192)}, made odd). Output: 0 or 255 per pixel.
 * All buffers are preallocated.
 */
final class EdgeDetector {
    private final int w, h, kernel;
    private final int[] mag;
    private final byte[] dir, state, tmp;
    private final int[] stack;
    private final int[] histogram = new int[256];

    EdgeDetector(int w, int h) {
        this.w = w;
        this.h = h;
        int k = 4 + (int) Math.round(Math.sqrt((double) w * h) / 192);
        if (k % 2 == 0) {
            k++;
        }
        kernel = k;
        mag = new int[w * h];
        dir = new byte[w * h];
        state = new byte[w * h];
        tmp = new byte[w * h];
        stack = new int[w * h];
    }

    void detect(byte[] plane, byte[] out) {
        java.util.Arrays.fill(histogram, 0);
        int n = w * h;
        for (int i = 0; i < n; i++) {
            histogram[plane[i] & 0xff]++;
        }
        int median = 0;
        for (int c = 0, acc = 0; c < 256; c++) {
            acc += histogram[c];
            if (acc * 2 >= n) {
                median = c;
                break;
            }
        }
        int low = (int) Math.max(0, (1.0 - 1.0 / 3) * median);
        int high = (int) Math.min(255, (1.0 + 1.0 / 3) * median);
        // Sobel.
        java.util.Arrays.fill(mag, 0);
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                int a = plane[i - w - 1] & 0xff, b = plane[i - w] & 0xff, c = plane[i - w + 1] & 0xff;
                int d = plane[i - 1] & 0xff, f = plane[i + 1] & 0xff;
                int g = plane[i + w - 1] & 0xff, hh = plane[i + w] & 0xff, k = plane[i + w + 1] & 0xff;
                int gx = (c + 2 * f + k) - (a + 2 * d + g);
                int gy = (g + 2 * hh + k) - (a + 2 * b + c);
                mag[i] = Math.abs(gx) + Math.abs(gy);
                // Direction sector: 0 horizontal gradient, 1 diagonal /, 2 vertical, 3 diagonal \.
                int ax = Math.abs(gx), ay = Math.abs(gy);
                byte sct;
                if (ay * 1000 < ax * 414) {
                    sct = 0; // tan(22.5°) = 0.414
                } else if (ay * 414 > ax * 1000) {
                    sct = 2;
                } else {
                    sct = (byte) ((gx ^ gy) < 0 ? 1 : 3);
                }
                dir[i] = sct;
            }
        }
        // Non-maximum suppression and thresholds: state 0 none, 1 weak, 2 strong.
        int top = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                int m = mag[i];
                byte st = 0;
                if (m > low) {
                    int n1, n2;
                    switch (dir[i]) {
                        case 0 -> { n1 = mag[i - 1]; n2 = mag[i + 1]; }
                        case 2 -> { n1 = mag[i - w]; n2 = mag[i + w]; }
                        case 1 -> { n1 = mag[i - w + 1]; n2 = mag[i + w - 1]; }
                        default -> { n1 = mag[i - w - 1]; n2 = mag[i + w + 1]; }
                    }
                    if (m > n1 && m >= n2) {
                        st = (byte) (m > high ? 2 : 1);
                        if (st == 2) {
                            stack[top++] = i;
                        }
                    }
                }
                state[i] = st;
            }
        }
        for (int x = 0; x < w; x++) {
            state[x] = 0;
            state[(h - 1) * w + x] = 0;
        }
        for (int y = 0; y < h; y++) {
            state[y * w] = 0;
            state[y * w + w - 1] = 0;
        }
        // Hysteresis: weak pixels connected to strong ones become strong.
        java.util.Arrays.fill(out, 0, n, (byte) 0);
        while (top > 0) {
            int i = stack[--top];
            out[i] = (byte) 255;
            for (int dy = -w; dy <= w; dy += w) {
                for (int dx = -1; dx <= 1; dx++) {
                    int j = i + dy + dx;
                    if (j >= 0 && j < n && state[j] == 1) {
                        state[j] = 2;
                        stack[top++] = j;
                    }
                }
            }
        }
        dilate(out);
    }

    /** Square binary dilation, separable (max over rows, then columns). */
    private void dilate(byte[] img) {
        int r = kernel / 2;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                byte m = 0;
                for (int k = Math.max(0, x - r), e = Math.min(w - 1, x + r); k <= e; k++) {
                    if (img[row + k] != 0) {
                        m = (byte) 255;
                        break;
                    }
                }
                tmp[row + x] = m;
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                byte m = 0;
                for (int k = Math.max(0, y - r), e = Math.min(h - 1, y + r); k <= e; k++) {
                    if (tmp[k * w + x] != 0) {
                        m = (byte) 255;
                        break;
                    }
                }
                img[y * w + x] = m;
            }
        }
    }
}
