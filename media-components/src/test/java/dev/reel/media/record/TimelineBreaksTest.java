package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBreaksTest {
    @Test
    void aSenderRestartIsOneNewTimelineAndOneLine() {
        List<String> log = new ArrayList<>();
        TimelineBreaks b = new TimelineBreaks(log::add);
        assertTrue(b.jumped(1_000_000_000L, -65_000_000L));
        assertEquals(List.of("source timestamps jumped by -65.0 s (sender restarted?): new segment"), log);
        assertTrue(b.jumped(1_100_000_000L, 3_500_000L), "100 s later: a new timeline again");
        assertEquals(2, log.size());
    }

    @Test
    void twoSendersOnOneAddressDoNotFloodTheLogOrTheSegments() {
        List<String> log = new ArrayList<>();
        TimelineBreaks b = new TimelineBreaks(log::add);
        long t0 = 5_000_000_000L;
        int timelines = 0;
        for (int i = 0; i < 25 * 120; i++) { // two minutes of jumps on every packet at 25 a second
            if (b.jumped(t0 + i * 40_000L, i % 2 == 0 ? 120_000_000L : -120_000_000L)) {
                timelines++;
            }
        }
        assertEquals(24, timelines, "one new timeline per 5 s");
        assertEquals(2, log.size(), log.toString());
        assertTrue(log.get(1).contains("1499 more jumps since the last report"), log.get(1));
        assertFalse(b.jumped(t0 + 2999 * 40_000L + 1_000L, 1), "within 5 s of the last new timeline");
    }
}
