package dev.reel.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A graph always ends: one with no component ends as soon as it starts (it used to wait forever). */
class EmptyGraphTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aGraphWithoutComponentsEndsAtOnce() {
        try (Scheduler s = Scheduler.builder().workers(1).build()) {
            RunResult r = s.start(Graph.builder("empty").build()).await();
            assertTrue(r.ok(), String.valueOf(r.cause()));
        }
    }
}
