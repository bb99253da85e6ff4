package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates the SMALL suite once and checks every clip against its truth by decoding it. */
class SampleSuiteTest {

    /** Other seeds can be tried with {@code -Dreel.samples.seed=N}. */
    private static final long SEED = Long.getLong("reel.samples.seed", 42);
    private static final int TW = 32;
    private static final int TH = 18;
    private static final int TSIZE = TW * TH;

    @TempDir
    static Path dir;

    private static List<Sample> samples;
    private static final Map<String, Truth> truths = new HashMap<>();
    private static final Map<String, byte[]> lumas = new HashMap<>();
    private static final Map<String, FrameProbe.Frames> probes = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        long t0 = System.nanoTime();
        samples = SampleSuite.generate(dir, SampleSuite.Scale.SMALL, SEED);
        System.out.printf("SMALL suite: %d clips in %.1f s%n", samples.size(), (System.nanoTime() - t0) / 1e9);
        for (Sample s : samples) {
            truths.put(s.name(), s.readTruth());
            lumas.put(s.name(), FrameProbe.luma(s.video(), TW, TH));
            probes.put(s.name(), FrameProbe.frames(s.video()));
        }
    }

    @Test
    void suiteCoversWhatDetectorsGetWrong() {
        Set<String> tags = samples.stream().flatMap(s -> s.tags().stream()).collect(Collectors.toSet());
        assertTrue(tags.containsAll(Set.of("cut", "cut-alike", "dissolve", "fade", "wipe", "flash", "motion",
                "static", "vfr", "long", "h264", "mpeg4", "vp9")), tags.toString());
        Set<String> rates = truths.values().stream().map(t -> t.video().frameRate()).collect(Collectors.toSet());
        assertTrue(rates.containsAll(Set.of("24000/1001", "30000/1001", "25", "30", "60", "vfr")), rates.toString());
        Set<String> types = truths.values().stream().flatMap(t -> t.transitions().stream())
                .map(Truth.Transition::type).collect(Collectors.toSet());
        assertEquals(Set.of("cut", "dissolve", "fade-in", "fade-out", "wipe"), types);
        for (Sample s : samples) {
            assertTrue(Files.isRegularFile(s.video()));
            assertEquals(s.name() + ".truth.json", s.truth().getFileName().toString());
            assertEquals(s.video().getParent(), s.truth().getParent());
            assertEquals(s.video().getFileName().toString(), truths.get(s.name()).input());
        }
    }

    @Test
    void everyClipDecodesToItsTruth() {
        for (Sample s : samples) {
            Truth t = truths.get(s.name());
            FrameProbe.Frames f = probes.get(s.name());
            assertEquals(t.video().frames(), f.count(), s.name() + " frame count");
            assertEquals(t.video().frames() * TSIZE, lumas.get(s.name()).length, s.name() + " decoded pictures");
            double frameDur = 1 / t.video().fps();
            // the container may give the last frame another length; anything within two frames is consistent
            assertEquals(t.video().duration(), f.end(), 2 * frameDur + 0.001, s.name() + " duration");
            if (!t.video().vfr()) {
                assertEquals(t.video().frames() / t.video().fps(), t.video().duration(), 0.0011, s.name());
                for (int i = 0; i < f.count(); i += 7) {
                    assertEquals(i / t.video().fps(), f.time(i), 0.0011, s.name() + " time of frame " + i);
                }
            }
            for (Truth.Transition tr : t.transitions()) {
                if (tr.isCut()) {
                    assertEquals(tr.time(), f.time(tr.frame()), 0.0011, s.name() + " " + tr);
                } else {
                    assertEquals(tr.start(), f.time(tr.startFrame()), 0.0011, s.name() + " " + tr);
                    assertEquals(tr.end(), f.time(tr.endFrame()), 0.0011, s.name() + " " + tr);
                }
            }
            for (Truth.Shot shot : t.shots()) {
                assertEquals(shot.start(), f.time(shot.startFrame()), 0.0011, s.name() + " shot " + shot.index());
                double end = shot.endFrame() + 1 < f.count() ? f.time(shot.endFrame() + 1) : t.video().duration();
                assertEquals(end, shot.end(), 0.0011, s.name() + " shot end " + shot.index());
            }
        }
    }

    @Test
    void shotsAndTransitionsTileEachClip() {
        for (Sample s : samples) {
            Truth t = truths.get(s.name());
            List<int[]> spans = new ArrayList<>();
            t.shots().forEach(sh -> spans.add(new int[] {sh.startFrame(), sh.endFrame()}));
            t.gradualTransitions().forEach(g -> spans.add(new int[] {g.startFrame(), g.endFrame()}));
            spans.sort((a, b) -> Integer.compare(a[0], b[0]));
            int next = 0;
            for (int[] sp : spans) {
                assertEquals(next, sp[0], s.name() + " gap/overlap at " + next);
                assertTrue(sp[1] >= sp[0]);
                next = sp[1] + 1;
            }
            assertEquals(t.video().frames(), next, s.name());
            Set<Integer> shotStarts = t.shots().stream().map(Truth.Shot::startFrame).collect(Collectors.toSet());
            for (int cut : t.cutFrames()) {
                assertTrue(shotStarts.contains(cut), s.name() + " cut " + cut + " starts a shot");
            }
            for (int i = 0; i < t.shots().size(); i++) {
                assertEquals(i + 1, t.shots().get(i).index());
            }
            for (int f : t.flashes()) {
                assertTrue(t.shots().stream().anyMatch(sh -> sh.startFrame() + 2 <= f && f <= sh.endFrame() - 2),
                        s.name() + " flash " + f + " well inside a shot");
            }
            boolean expectsTransitions = s.has("cut") || s.has("dissolve") || s.has("fade") || s.has("wipe");
            assertEquals(expectsTransitions, !t.transitions().isEmpty(), s.name());
        }
    }

    @Test
    void cutsAreLargeLumaChanges() {
        for (Sample s : samples) {
            Truth t = truths.get(s.name());
            byte[] l = lumas.get(s.name());
            for (int cut : t.cutFrames()) {
                double across = FrameProbe.meanAbsDiff(l, TSIZE, cut - 1, cut);
                double before = FrameProbe.meanAbsDiff(l, TSIZE, cut - 2, cut - 1);
                double after = FrameProbe.meanAbsDiff(l, TSIZE, cut, cut + 1);
                double within = Math.max(before, after);
                // alike shots differ less, but still clearly more than neighbouring frames of one shot
                assertTrue(across > Math.max(4, 2 * within), String.format(
                        "%s cut at %d: diff across %.1f, within shots %.1f", s.name(), cut, across, within));
            }
        }
    }

    @Test
    void dissolvesChangeThePictureStepByStep() {
        for (Sample s : samples) {
            Truth t = truths.get(s.name());
            byte[] l = lumas.get(s.name());
            for (Truth.Transition g : t.gradualTransitions()) {
                int a = g.startFrame() - 1;
                int b = g.endFrame() + 1;
                if (a < 0 || b >= t.video().frames()) {
                    continue; // fades at the very start or end have only one side
                }
                double total = FrameProbe.meanAbsDiff(l, TSIZE, a, b);
                double maxStep = 0;
                for (int f = a; f < b; f++) {
                    maxStep = Math.max(maxStep, FrameProbe.meanAbsDiff(l, TSIZE, f, f + 1));
                }
                assertTrue(total > 8, s.name() + " " + g + " changes the picture: " + total);
                if (!g.type().equals(Truth.DISSOLVE)) {
                    continue; // fades and slides may move a lot in one step; the exact test checks their frames
                }
                int length = g.endFrame() - g.startFrame() + 1;
                assertTrue(maxStep < total * Math.max(0.5, 2.5 / length) + 2, String.format(
                        "%s %s: largest step %.1f of total change %.1f", s.name(), g, maxStep, total));
            }
        }
    }

    @Test
    void flashesAreBrightFramesInsideOneShot() {
        int seen = 0;
        for (Sample s : samples) {
            Truth t = truths.get(s.name());
            byte[] l = lumas.get(s.name());
            for (int f : t.flashes()) {
                int before = f - 1;
                while (t.flashes().contains(before)) {
                    before--;
                }
                double normal = FrameProbe.mean(l, TSIZE, before);
                double flash = FrameProbe.mean(l, TSIZE, f);
                // at least half way to white, whatever the picture's own brightness
                assertTrue(flash > normal + 0.5 * (255 - normal) - 2,
                        String.format("%s flash frame %d: %.1f after %.1f", s.name(), f, flash, normal));
                seen++;
            }
        }
        assertTrue(seen >= 6, "flash frames in the suite: " + seen);
    }

    @Test
    void truthIsDeterministic() throws IOException {
        List<Truth> planned = SampleSuite.plan(SampleSuite.Scale.SMALL, SEED);
        assertEquals(samples.size(), planned.size());
        for (int i = 0; i < planned.size(); i++) {
            assertEquals(truths.get(samples.get(i).name()), planned.get(i), samples.get(i).name());
        }
        assertNotEquals(planned, SampleSuite.plan(SampleSuite.Scale.SMALL, SEED + 1));
        // encoding again gives the same truth and the same decoded frames
        Path again = dir.resolve("again");
        List<Sample> redo = SampleSuite.generate(again, SampleSuite.Scale.SMALL, SEED,
                n -> n.equals("cuts_alike") || n.equals("vfr"));
        assertEquals(2, redo.size());
        for (Sample s : redo) {
            assertEquals(truths.get(s.name()), s.readTruth());
            assertEquals(probes.get(s.name()).count(), FrameProbe.frames(s.video()).count());
            assertTrue(java.util.Arrays.equals(lumas.get(s.name()), FrameProbe.luma(s.video(), TW, TH)),
                    s.name() + " decodes to the same pictures");
        }
    }

    @Test
    void benchPlanIsLargerAndConsistent() {
        List<Truth> bench = SampleSuite.plan(SampleSuite.Scale.BENCH, SEED);
        assertTrue(bench.size() >= 2 * samples.size());
        for (Truth t : bench) {
            assertTrue(t.video().width() >= 640 && t.video().height() >= 360, t.input());
        }
        long benchFrames = bench.stream().mapToLong(t -> t.video().frames()).sum();
        long smallFrames = truths.values().stream().mapToLong(t -> t.video().frames()).sum();
        assertTrue(benchFrames > 4 * smallFrames);
        assertFalse(bench.stream().anyMatch(t -> t.transitions().stream()
                .anyMatch(tr -> !tr.isCut() && tr.endFrame() >= t.video().frames())));
    }
}
