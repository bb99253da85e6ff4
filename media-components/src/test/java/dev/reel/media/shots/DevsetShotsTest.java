package dev.reel.media.shots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reel.samples.DevsetScorer;
import dev.reel.samples.DevsetScorer.Clip;
import dev.reel.samples.DevsetScorer.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default detector on the real-footage development set ({@code ../shared/devset}, hand-verified
 * truth), decoding as {@code reel shots} does (reference frames first). Skipped where the set is absent
 * (a user's clone). Guards what the tuning bought: no false alarm on the trap clips, the same-place cuts
 * of the home video, the totals. ({@code scripts/bench shots real} compares with every frame decoded.)
 */
class DevsetShotsTest {
    @Test
    void defaultDetectorOnRealFootage() throws Exception {
        Path dir = Devset.find();
        assumeTrue(dir != null, "no ../shared/devset");
        Result sparse = Result.ZERO, traps = Result.ZERO;
        for (Clip c : DevsetScorer.readTruth(dir.resolve("truth.json"))) {
            Path media = dir.resolve("media").resolve(c.file());
            Result s = DevsetScorer.score(c, Devset.detect(media, true));
            System.out.printf("%-22s %s%n", c.id(), s.summary());
            sparse = sparse.plus(s);
            if (c.negative() || c.id().contains("trap")) {
                traps = traps.plus(s);
            }
            if (c.id().equals("b_snow_tubing")) {
                // Cuts between shots of one place and palette (the envelope score alone found 6 of 29).
                assertTrue(s.cutRecall() >= 0.8, "same-place cuts: " + s.summary());
            }
        }
        System.out.println("total: " + sparse.summary());
        assertEquals(0, traps.falseAlarms(), "false alarms on the trap clips");
        assertTrue(sparse.f1() >= 0.92, sparse.summary());
        assertTrue(sparse.cutF1() >= 0.93, sparse.summary());
        assertTrue(sparse.gradualRecall() >= 0.8, sparse.summary());
    }
}
