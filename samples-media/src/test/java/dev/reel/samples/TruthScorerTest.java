package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class TruthScorerTest {

    private static Truth truth(List<String> tags, List<Integer> flashes, Truth.Transition... transitions) {
        return new Truth("x.mp4", null, tags, List.of(), List.of(transitions), flashes, null);
    }

    private static Truth.Transition cut(int f) {
        return Truth.Transition.cut(f, f / 30.0);
    }

    private static Truth.Transition grad(String type, int s, int e) {
        return Truth.Transition.gradual(type, s, e, s / 30.0, e / 30.0);
    }

    @Test
    void perfectDetectionScoresOne() {
        Truth t = truth(List.of("cut"), List.of(), cut(30), cut(60), grad("dissolve", 90, 99));
        TruthScorer.Score s = TruthScorer.score(t, t);
        assertEquals(new TruthScorer.Counts(2, 0, 0), s.cuts());
        assertEquals(new TruthScorer.Counts(1, 0, 0), s.graduals());
        assertEquals(1.0, s.all().f1());
    }

    @Test
    void cutsMatchWithinOneFrameOneToOne() {
        Truth t = truth(List.of(), List.of(), cut(30), cut(60));
        Truth d = truth(List.of(), List.of(), cut(31), cut(32), cut(58));
        TruthScorer.Score s = TruthScorer.score(t, d);
        assertEquals(new TruthScorer.Counts(1, 2, 1), s.cuts());
        assertEquals(1 / 3.0, s.cuts().precision(), 1e-9);
        assertEquals(0.5, s.cuts().recall(), 1e-9);
        assertEquals(0.4, s.cuts().f1(), 1e-9);
    }

    @Test
    void gradualTransitionsMatchByOverlap() {
        Truth t = truth(List.of(), List.of(), grad("dissolve", 100, 119), grad("fade-out", 200, 210),
                grad("fade-in", 211, 220), grad("wipe", 300, 309));
        // a cut in the middle of the dissolve, one right after the fade-out, a detected wipe
        // interval overlapping, and one cut nowhere near
        Truth d = truth(List.of(), List.of(), cut(110), cut(211), grad("wipe", 305, 315), cut(400));
        TruthScorer.Score s = TruthScorer.score(t, d);
        assertEquals(new TruthScorer.Counts(3, 0, 1), s.graduals());
        assertEquals(new TruthScorer.Counts(0, 1, 0), s.cuts());
        assertEquals(new TruthScorer.Counts(3, 1, 1), s.all());
    }

    @Test
    void aShortGradualDetectionCanMatchACut() {
        Truth t = truth(List.of(), List.of(), cut(50));
        Truth d = truth(List.of(), List.of(), grad("dissolve", 49, 50));
        assertEquals(new TruthScorer.Counts(1, 0, 0), TruthScorer.score(t, d).cuts());
    }

    @Test
    void falsePositivesAreCountedPerTagAndNearFlashes() {
        Truth t = truth(List.of("flash", "cut"), List.of(40, 41), cut(20));
        Truth d = truth(List.of(), List.of(), cut(20), cut(41), cut(43), cut(80));
        TruthScorer.Score s = TruthScorer.score(t, d);
        assertEquals(2, s.flashFalsePositives());
        assertEquals(3, s.falsePositives("flash"));
        assertEquals(0, s.falsePositives("motion"));
        TruthScorer.Score sum = TruthScorer.sum(List.of(s, s));
        assertEquals(6, sum.falsePositives("flash"));
        assertEquals(new TruthScorer.Counts(2, 6, 0), sum.cuts());
    }

    @Test
    void emptyDetectionHasFullPrecisionNoRecall() {
        Truth t = truth(List.of(), List.of(), cut(10));
        TruthScorer.Score s = TruthScorer.score(t, truth(List.of(), List.of()));
        assertEquals(1.0, s.cuts().precision());
        assertEquals(0.0, s.cuts().recall());
        assertEquals(0.0, s.cuts().f1());
    }

    @Test
    void truthJsonRoundTripsInReelsShotsFormat() throws IOException {
        Truth t = new Truth("a.mp4", new Truth.Video(320, 180, 29.97, 300, 10.01, "30000/1001", false, "h264"),
                List.of("cut", "dissolve"),
                List.of(new Truth.Shot(1, 0, 29, 0.0, 1.001), new Truth.Shot(2, 30, 179, 1.001, 6.006)),
                List.of(cut(30), grad("dissolve", 180, 199)), List.of(50), "n");
        String json = t.toJson();
        assertEquals(t, Truth.parse(json));
        com.fasterxml.jackson.databind.JsonNode n = Truth.mapper().readTree(json);
        assertEquals(29, n.get("shots").get(0).get("end_frame").asInt());
        assertEquals(30, n.get("transitions").get(0).get("frame").asInt());
        assertEquals(180, n.get("transitions").get(1).get("start_frame").asInt());
        assertEquals(null, n.get("transitions").get(0).get("start_frame"));
        // a detector's output with only the fields it knows still parses
        Truth detected = Truth.parse("{\"input\":\"a.mp4\",\"transitions\":[{\"type\":\"cut\",\"frame\":31,"
                + "\"time\":1.03,\"score\":0.9}],\"extra\":1}");
        assertEquals(List.of(31), detected.cutFrames());
        assertEquals(1, TruthScorer.score(t, detected).cuts().truePositives());
    }
}
