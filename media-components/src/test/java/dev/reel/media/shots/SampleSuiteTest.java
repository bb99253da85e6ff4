package dev.reel.media.shots;

import dev.reel.samples.Sample;
import dev.reel.samples.SampleSuite;
import dev.reel.samples.Truth;
import dev.reel.samples.TruthScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default detector on part of samples-media's SMALL suite, scored by samples-media's TruthScorer and
 * by {@link ShotsEvaluation} (which must agree with it).
 */
class SampleSuiteTest {
    @TempDir
    Path dir;

    static final Set<String> CLIPS = Set.of("cuts_unlike", "dissolves", "fades_black", "flashes", "motion_pan", "motion_object", "vfr");

    @Test
    void defaultDetectorOnSmallSuite() throws Exception {
        List<Sample> samples = SampleSuite.generate(dir, SampleSuite.Scale.SMALL, 11, CLIPS::contains);
        List<ShotsEvaluation.Sample> evalSamples = new ArrayList<>();
        for (Sample s : samples) {
            evalSamples.add(ShotsEvaluation.Sample.fromTruthFile(s.truth()));
        }
        ShotsEvaluation.Result r = ShotsEvaluation.run(evalSamples, "default", Map.of(), SampleSuiteTest::decode);
        System.out.println(r.summary());
        System.out.print(ShotsEvaluation.details(r));

        TruthScorer.Score total = TruthScorer.Score.ZERO;
        for (int i = 0; i < samples.size(); i++) {
            Truth truth = samples.get(i).readTruth();
            total = total.plus(TruthScorer.score(truth, toTruth(truth, r.samples().get(i).detected())));
        }
        System.out.println("TruthScorer: " + total);
        assertEquals(total.cuts().truePositives(), r.cuts().tp());
        assertEquals(total.cuts().falsePositives(), r.cuts().fp());
        assertEquals(total.graduals().truePositives(), r.gradual().tp());
        assertEquals(total.graduals().falsePositives(), r.gradual().fp());

        assertEquals(0, total.falsePositives("flash"), "no false detection on flash clips");
        assertEquals(0, total.falsePositives("motion"), "no false detection on motion clips");
        assertTrue(total.cuts().f1() >= 0.9, total.toString());
        assertTrue(total.graduals().f1() >= 0.8, total.toString());

        // Reference frames first (what reel shots does) against every frame through the same decoder.
        ShotsEvaluation.Result every = ShotsEvaluation.run(evalSamples, "default", Map.of(),
                (clip, sink) -> SparseDecoder.forEach(clip.toString(), false, sink).frames());
        ShotsEvaluation.Result sparse = ShotsEvaluation.run(evalSamples, "default", Map.of(),
                (clip, sink) -> SparseDecoder.forEach(clip.toString(), true, sink).frames());
        System.out.println("every frame: " + every.summary());
        System.out.println("reference frames first: " + sparse.summary());
        assertEquals(every.cuts().tp(), sparse.cuts().tp(), "same cuts found");
        assertEquals(0, sparse.cuts().fp(), "no cut invented (a held frame at a fade's edge once made one)");
        assertEquals(0, sparse.falsePositives("flash") + sparse.falsePositives("motion"));
        assertTrue(sparse.gradual().tp() >= every.gradual().tp() - 1, sparse.summary());
    }

    static long decode(Path clip, java.util.function.Consumer<AnalysisFrame> sink) throws IOException {
        try {
            return RawFrameSource.decode(clip, sink);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    static Truth toTruth(Truth like, List<Transition> found) {
        List<Truth.Transition> ts = new ArrayList<>();
        for (Transition t : found) {
            ts.add(t.isCut() ? Truth.Transition.cut((int) t.frame(), t.time())
                    : Truth.Transition.gradual(t.type().id(), (int) t.startFrame(), (int) t.endFrame(), t.start(), t.end()));
        }
        return new Truth(like.input(), like.video(), like.tags(), List.of(), ts, List.of(), "detected");
    }
}
