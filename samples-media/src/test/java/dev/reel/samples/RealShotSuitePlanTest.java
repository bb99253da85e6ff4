package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.samples.RealShotSuite.Item;
import dev.reel.samples.RealShotSuite.Kind;
import dev.reel.samples.RealShotSuite.Stretch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's plan (no media needed): deterministic, one half per item, lengths as found in the wild, distinct pictures. */
class RealShotSuitePlanTest {
    private static final int THUMB = 32 * 18;

    /** Clips of 400 frames whose every frame is one grey level (clip k: level 20k), two stretches each. */
    private static List<Stretch> stretches() {
        List<Stretch> out = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            byte[] thumbs = new byte[400 * THUMB];
            Arrays.fill(thumbs, (byte) (20 * k + 10));
            String half = k % 2 == 0 ? "A" : "B";
            Path media = Path.of("clip" + k + ".mp4");
            out.add(new Stretch("clip" + k, media, half, 25, 4, 180, thumbs));
            out.add(new Stretch("clip" + k, media, half, 25, 200, 395, thumbs));
        }
        return out;
    }

    @Test
    void planIsDeterministicAndFollowsTheRules() {
        List<Stretch> stretches = stretches();
        List<Item> plan = RealShotSuite.plan(stretches, 24, 7);
        assertEquals(plan, RealShotSuite.plan(stretches, 24, 7));
        assertNotEquals(plan, RealShotSuite.plan(stretches, 24, 8));
        for (int i = 0; i < plan.size(); i++) {
            Item it = plan.get(i);
            assertEquals(i % 2 == 0 ? "A" : "B", it.half());
            assertEquals(it.half(), it.b().half(), it.id());
            assertEquals(Kind.values()[(i / 2) % Kind.values().length], it.kind());
            // Same grey level within a clip: a join inside one clip is no visible edit, so the second stretch is another clip.
            assertNotEquals(it.a().clip(), it.b().clip(), it.id());
            double fps = it.profile().fps();
            assertTrue(it.aStart() >= it.a().start() && it.aStart() + (long) it.lenA() * it.stepA() - 1 <= it.a().end(), it.id());
            assertTrue(it.bStart() >= it.b().start() && it.bStart() + (long) it.lenB() * it.stepB() - 1 <= it.b().end(), it.id());
            switch (it.kind()) {
                case CUT -> assertEquals(it.lenA(), it.cut());
                case DISSOLVE -> assertTrue(it.d1() >= Math.max(4, Math.round(0.3 * fps)) && it.d1() <= Math.round(2 * fps), it.id());
                case FADE -> assertTrue(it.gap() <= 4 && it.d1() >= Math.round(0.5 * fps) && it.d2() <= Math.round(1.5 * fps), it.id());
                default -> assertTrue(it.d1() >= 4 && it.d1() <= Math.round(2 * fps), it.id());
            }
            if (it.gradual() != null) {
                long[] g = it.gradual();
                assertTrue(g[0] > 0 && g[0] <= g[1] && g[1] < it.frames() - 1, it.id());
            }
        }
    }
}
