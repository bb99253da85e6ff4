package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audio hold-back on real packets: order, the wall-clock bound, the capacity, and that every packet is released. */
class AudioHoldBackTest {
    private static final Rational MS = new Rational(1, 1000);
    private final RecordClock clock = new RecordClock(1_800_000_000_000_000L);
    private final List<Packet> made = new ArrayList<>();

    /** An audio packet at {@code ms} milliseconds on the recording's timeline. */
    private Media audioAt(long ms) {
        Packet p = Packet.copyOf(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 1, ms, ms, MS, true);
        p.retain(); // the test's own reference, to see the hold-back release its one
        made.add(p);
        return new Media(p, new Streams(null, null, 0));
    }

    private long wall(long ms) {
        return clock.wall(ms / 1000.0);
    }

    private void assertAllReleasedByHoldBack() {
        for (Packet p : made) {
            assertEquals(1, p.refCount(), "only the test's reference is left");
            p.release();
        }
    }

    @Test
    void releasesInOrderUpToTheWallClockBoundInclusive() {
        AudioHoldBack held = new AudioHoldBack(clock, AudioHoldBack.DEFAULT_CAPACITY);
        for (long ms = 0; ms < 200; ms += 20) {
            held.hold(audioAt(ms));
        }
        List<Long> out = new ArrayList<>();
        held.release(wall(100), (m, w) -> {
            assertTrue(m.refCount() >= 2, "the packet is alive while the sink has it");
            out.add(w);
        });
        assertEquals(List.of(wall(0), wall(20), wall(40), wall(60), wall(80), wall(100)), out);
        assertEquals(4, held.size());
        held.dropBefore(wall(150));
        assertEquals(2, held.size(), "160 and 180 ms are still held");
        out.clear();
        held.release(Long.MAX_VALUE, (m, w) -> out.add(w));
        assertEquals(List.of(wall(160), wall(180)), out);
        assertAllReleasedByHoldBack();
    }

    @Test
    void pastItsCapacityTheOldestGo() {
        AudioHoldBack held = new AudioHoldBack(clock, 3);
        for (long ms = 0; ms < 100; ms += 20) {
            held.hold(audioAt(ms));
        }
        assertEquals(3, held.size());
        List<Long> out = new ArrayList<>();
        held.release(Long.MAX_VALUE, (m, w) -> out.add(w));
        assertEquals(List.of(wall(40), wall(60), wall(80)), out);
        assertAllReleasedByHoldBack();
    }

    @Test
    void clearReleasesEverythingHeld() {
        AudioHoldBack held = new AudioHoldBack(clock, AudioHoldBack.DEFAULT_CAPACITY);
        held.hold(audioAt(0));
        held.hold(audioAt(20));
        held.clear();
        assertEquals(0, held.size());
        assertAllReleasedByHoldBack();
    }
}
