package dev.reel.samples;

import java.util.Arrays;
import java.util.Random;

/**
 * Ways to damage a media file for fuzz tests and the fuzz benchmark: bytes flipped, cut short, chunks
 * swapped. The same seed damages the same way, so a failing case can be replayed.
 */
public final class Damage {
    /** The kinds {@link #apply} knows: 0 flipped bytes, 1 cut short, 2 chunks swapped. */
    public static final int KINDS = 3;

    private Damage() {
    }

    /** A damaged copy of {@code good}; {@code good} itself is left as it is. */
    public static byte[] apply(byte[] good, Random rnd, int kind) {
        byte[] b = good.clone();
        switch (kind) {
            case 0 -> {
                // About one byte in 2000 flipped, never to itself.
                for (int k = 0; k < 1 + b.length / 2000; k++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1));
            default -> {
                int len = Math.max(16, b.length / 20);
                int x = rnd.nextInt(b.length - len);
                int y = rnd.nextInt(b.length - len);
                byte[] tmp = Arrays.copyOfRange(b, x, x + len);
                System.arraycopy(b, y, b, x, len);
                System.arraycopy(tmp, 0, b, y, len);
            }
        }
        return b;
    }
}
