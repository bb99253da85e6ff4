package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Where video has got to: the end of the last picture, and which next packet is a stall or a jump back. */
class VideoProgressTest {
    private static final long T0 = 1_800_000_000_000_000L;

    /** Writes a 40 ms video packet at {@code wall}. */
    private static void advance(VideoProgress v, long wall) {
        Packet p = Packet.copyOf(ByteBuffer.wrap(new byte[] {0, 0, 1}), 0, 0, 0, 40, new Rational(1, 1000), true);
        try {
            v.advance(wall, p, null);
        } finally {
            p.release();
        }
    }

    @Test
    void theEndIsThatOfTheLatestPictureAndJumpsBothWaysCount() {
        VideoProgress v = new VideoProgress();
        assertEquals(Long.MIN_VALUE, v.end());
        advance(v, T0);
        advance(v, T0 + 40_000);
        assertEquals(T0 + 80_000, v.end());
        advance(v, T0 + 20_000); // a late B-frame style packet: the end does not go back
        assertEquals(T0 + 80_000, v.end());

        long next = T0 + 20_000 + VideoProgress.GAP_MICROS;
        assertFalse(v.jumps(next), "exactly the gap limit is still continuous");
        assertTrue(v.stalledBefore(next + 1) && v.jumps(next + 1));
        long back = T0 + 20_000 - VideoProgress.GAP_MICROS - 1;
        assertTrue(v.jumps(back) && !v.stalledBefore(back), "a jump back is a new timeline, not a stall");
    }
}
