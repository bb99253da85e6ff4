package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestampUnwrapTest {
    private static final long WRAP = 1L << 33;

    @Test
    void aWrapKeepsTimestampsRising() {
        TimestampUnwrap u = new TimestampUnwrap(33);
        assertEquals(WRAP - 3600, u.decode(WRAP - 3600));
        assertEquals(WRAP + 0, u.decode(0));
        assertEquals(WRAP + 3600, u.decode(3600));
        // A presentation time still before the wrap next to a decode time after it, and the reverse.
        assertEquals(WRAP - 1800, u.near(WRAP - 1800, WRAP + 3600));
        assertEquals(WRAP + 7200, u.near(7200, WRAP + 3600));
    }

    @Test
    void aRestartWithLowerTimestampsIsNotAWrap() {
        TimestampUnwrap u = new TimestampUnwrap(33);
        long restarted = 935L * 90_000;
        u.decode(1000L * 90_000);
        assertEquals(restarted, u.decode(restarted)); // 65 s back: left as it is, the caller re-anchors
        assertEquals(restarted + 3600, u.decode(restarted + 3600));
    }

    @Test
    void wideTimestampsPassThrough() {
        TimestampUnwrap u = new TimestampUnwrap(64);
        assertEquals(5, u.decode(5));
        assertEquals(-WRAP, u.decode(-WRAP));
        assertEquals(7, u.near(7, -WRAP));
    }
}
