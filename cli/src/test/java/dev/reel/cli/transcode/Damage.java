package dev.reel.cli.transcode;

import java.util.Arrays;
import java.util.Random;

/** Ways to damage a media file for the fuzz tests: flipped bytes, cut short, chunks swapped. */
final class Damage {
    private Damage() {
    }

    static byte[] apply(byte[] good, Random rnd, int kind) {
        byte[] b = good.clone();
        switch (kind) {
            case 0 -> {
                for (int k = 0; k < 1 + b.length / 2000; k++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
            default -> {
                int n = Math.max(16, b.length / 20);
                int x = rnd.nextInt(b.length - n);
                int y = rnd.nextInt(b.length - n);
                byte[] tmp = Arrays.copyOfRange(b, x, x + n);
                System.arraycopy(b, y, b, x, n);
                System.arraycopy(tmp, 0, b, y, n);
            }
        }
        return b;
    }
}
