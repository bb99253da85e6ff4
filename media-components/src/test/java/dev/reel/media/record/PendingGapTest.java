package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A gap's reason: what the source said wins over a guess, the first reason of a gap stays, a new segment forgets. */
class PendingGapTest {
    @Test
    void theSourcesReasonWinsOverNoData() {
        PendingGap gap = new PendingGap();
        assertFalse(gap.isOpen());
        gap.startAt(100);
        assertEquals(PendingGap.NO_DATA, gap.reason());
        gap.close();
        gap.sourceLost("connection refused");
        gap.startAt(200);
        assertTrue(gap.isOpen());
        assertEquals(200, gap.from());
        assertEquals("source lost: connection refused", gap.reason());
        gap.close();
        gap.startAt(300);
        assertEquals(PendingGap.NO_DATA, gap.reason(), "a new segment forgot the old reason");
    }

    @Test
    void aWriteFailureDoesNotOverrideAnOpenGap() {
        PendingGap gap = new PendingGap();
        gap.recorderNotRunning(50);
        gap.writeFailed(80, "No space left on device");
        assertEquals(50, gap.from());
        assertEquals(PendingGap.NOT_RUNNING, gap.reason());
        gap.close();
        gap.writeFailed(90, "No space left on device");
        assertEquals(90, gap.from());
        assertEquals("could not write: No space left on device", gap.reason());
    }
}
