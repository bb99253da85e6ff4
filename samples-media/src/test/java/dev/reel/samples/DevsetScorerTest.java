package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.samples.DevsetScorer.Clip;
import dev.reel.samples.DevsetScorer.Result;
import dev.reel.samples.DevsetScorer.Span;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevsetScorerTest {
    private static final String TRUTH = """
            {"videos": [{"id": "x", "file": "x.mp4", "half": "A", "cuts": [10, 30, 31],
                         "gradual": [[100, 120], [200, 210]], "ignore": [[300, 305]]},
                        {"id": "neg", "file": "neg.mkv", "half": "B", "cuts": [], "gradual": [], "ignore": []}]}
            """;

    /** Hits, one-to-one use, the nearest-first tie rule, neutral spans and false alarms in one clip. */
    private static final List<Span> DETECTIONS = List.of(
            Span.of(11),             // cut 10 (within 1)
            Span.of(31),             // cut 30; then nothing is left for cut 31 (one-to-one)
            new Span(118, 125),      // same distance to [100,120]'s centre as [98,99]: the earlier one wins...
            new Span(98, 99),        // ...this one (touches [98,122])
            Span.of(209),            // gradual [200,210]
            Span.of(215),            // false: beyond [199,211]
            Span.of(306),            // neutral: touches ignore [300,305] widened by 1
            Span.of(500));           // false

    @Test
    void countsAsTheReferenceScorer(@TempDir Path dir) throws IOException {
        Path truth = dir.resolve("truth.json");
        Files.writeString(truth, TRUTH);
        List<Clip> clips = DevsetScorer.readTruth(truth);
        assertEquals(2, clips.size());
        Clip x = clips.get(0), neg = clips.get(1);
        assertEquals("A", x.half());
        assertEquals("neg.mkv", neg.file());
        assertTrue(neg.negative());

        Result rx = DevsetScorer.score(x, DETECTIONS);
        // [118,125] is unmatched but touches the gradual span widened by 1: neutral.
        assertEquals(new Result(2, 2, 2, 3, 2), rx);
        assertEquals("missed cuts [31] false [215, 500]", DevsetScorer.match(x, DETECTIONS).describe());
        Result rn = DevsetScorer.score(neg, List.of(Span.of(7)));
        assertEquals(new Result(0, 0, 1, 0, 0), rn);

        // The figures the reference scorer prints for this case.
        Result all = rx.plus(rn);
        assertEquals("all P=0.571 R=0.800 F1=0.667 | cuts R=0.667 F1=0.500 | gradual R=2/2 | false=3", all.summary());
        assertEquals(4 / 7.0, all.precision(), 1e-12);
        assertEquals(2 / 5.0, all.cutPrecision(), 1e-12);
        assertEquals(1.0, all.gradualRecall(), 1e-12);
    }

    @Test
    void cutAtTheToleranceEdgeAndGradualReach() {
        Clip c = new Clip("c", "c.mp4", "B", List.of(50L), List.of(new Span(80, 90)), List.of());
        assertEquals(new Result(1, 1, 0, 1, 1), DevsetScorer.score(c, List.of(Span.of(49), Span.of(92))));
        // Two frames off a cut is a miss and a false alarm; three frames past a gradual span is a miss
        // and a false alarm (neutral only within one frame of the span).
        assertEquals(new Result(0, 0, 2, 1, 1), DevsetScorer.score(c, List.of(Span.of(52), Span.of(93))));
        // A second detection inside a found gradual transition is neutral.
        assertEquals(new Result(0, 1, 1, 1, 1), DevsetScorer.score(c, List.of(Span.of(48), Span.of(85), Span.of(91))));
    }

    @Test
    void noTruthAndNoDetectionsIsPerfect() {
        Result r = DevsetScorer.score(new Clip("e", "e.mp4", "A", List.of(), List.of(), List.of()), List.of());
        assertEquals(1.0, r.f1());
        assertEquals(1.0, r.cutF1());
        assertThrows(IllegalArgumentException.class, () -> new Span(5, 4));
    }
}
