package dev.reel.runtime.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counting is always on; allocation sites are named only when asked (-Dreel.leaks=trace or trace(true)). */
class LeakTrackerTest {
    @AfterEach
    void off() {
        LeakTracker.trace("trace".equals(System.getProperty("reel.leaks")));
    }

    @Test
    void countsAcrossPooledReuseAndNamesTheSiteWhenTracing() {
        BufferPool pool = new BufferPool(64);
        int base = LeakTracker.live();
        LeakTracker.trace(false);
        SharedBuffer a = pool.acquire(8);
        assertEquals(base + 1, LeakTracker.live());
        assertTrue(LeakTracker.report().stream().noneMatch(l -> l.contains("leakySite")), "no sites unless asked");
        a.release();
        assertEquals(base, LeakTracker.live());

        LeakTracker.trace(true);
        SharedBuffer leaked = leakySite(pool); // handed out again from the pool, now traced
        assertEquals(base + 1, LeakTracker.live());
        assertTrue(LeakTracker.report().stream().anyMatch(l -> l.contains("SharedBuffer") && l.contains("leakySite")),
                String.join("\n", LeakTracker.report()));
        leaked.release();
        assertEquals(base, LeakTracker.live());
        assertTrue(LeakTracker.report().stream().noneMatch(l -> l.contains("leakySite")), "released: no longer reported");
    }

    private static SharedBuffer leakySite(BufferPool pool) {
        return pool.acquire(8);
    }
}
