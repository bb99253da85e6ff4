package dev.reel.media.shots;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.reel.media.shots.SyntheticFrames.Clip;
import static dev.reel.media.shots.SyntheticFrames.Texture;
import static dev.reel.media.shots.SyntheticFrames.pan;
import static dev.reel.media.shots.SyntheticFrames.still;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detectors on in-memory frame sequences with exactly known transitions. */
class DetectorsSyntheticTest {
    static final Texture A = new Texture(1, 520, 300), B = new Texture(2, 520, 300), C = new Texture(3, 520, 300);

    static List<Long> cutFrames(List<Transition> ts) {
        return ts.stream().filter(Transition::isCut).map(Transition::frame).toList();
    }

    static List<Transition> gradual(List<Transition> ts) {
        return ts.stream().filter(t -> !t.isCut()).toList();
    }

    static Clip threeShots() {
        return new Clip().shot(40, pan(A, 10, 10, 0.7, 0.2)).shot(40, pan(B, 30, 20, -0.5, 0)).shot(40, still(C, 50, 60));
    }

    @Test
    void defaultFindsCutsAtExactFramesAndTimes() {
        List<Transition> ts = threeShots().detect("default", Map.of(), 30);
        assertEquals(List.of(40L, 80L), cutFrames(ts), ts.toString());
        assertTrue(gradual(ts).isEmpty(), ts.toString());
        assertEquals(40 / 30.0, ts.get(0).time(), 1e-9);
        assertEquals(80 / 30.0, ts.get(1).time(), 1e-9);
    }

    @Test
    void everyCutDetectorFindsPlainCuts() {
        for (String name : List.of("content", "adaptive", "luma", "histogram", "hash")) {
            List<Transition> ts = threeShots().detect(name, Map.of(), 30);
            assertEquals(List.of(40L, 80L), cutFrames(ts), name + ": " + ts);
        }
    }

    @Test
    void fastPansAndSubPixelPansAreNoCuts() {
        Clip clip = new Clip().shot(90, pan(A, 0, 20, 7.3, 0.4)).shot(60, pan(A, 200, 100, -2.6, 1.1)).shot(60, pan(B, 0, 0, 0.35, 0.15));
        List<Transition> ts = clip.detect("default", Map.of(), 30);
        assertEquals(List.of(90L, 150L), cutFrames(ts), ts.toString());
        assertTrue(gradual(ts).isEmpty(), ts.toString());
    }

    @Test
    void flashesAreNoCuts() {
        SyntheticFrames.Shot s = pan(A, 20, 20, 1.2, 0);
        Clip clip = new Clip().shot(40, s).flash(1, s).shot(20, s).flash(2, s).shot(20, s).flash(3, s).shot(40, s);
        assertTrue(clip.detect("default", Map.of(), 30).isEmpty());
        assertTrue(clip.detect("content", Map.of(), 30).isEmpty(), "flash filter on by default");
        List<Transition> noFilter = clip.detect("content", Map.of("flash", "0", "min_shot", "0"), 30);
        assertFalse(noFilter.isEmpty(), "without the filter a flash looks like a cut");
    }

    @Test
    void dissolveIsFoundAndNoCutInsideIt() {
        SyntheticFrames.Shot a = pan(A, 10, 10, 0.5, 0), b = still(B, 40, 40);
        Clip clip = new Clip().shot(40, a).dissolve(20, a, b).shot(50, b);
        List<Transition> ts = clip.detect("default", Map.of(), 25);
        assertTrue(cutFrames(ts).isEmpty(), ts.toString());
        List<Transition> g = gradual(ts);
        assertEquals(1, g.size(), ts.toString());
        assertEquals(TransitionType.DISSOLVE, g.get(0).type());
        assertTrue(g.get(0).overlaps(40, 59) && g.get(0).startFrame() >= 38 && g.get(0).endFrame() <= 61, ts.toString());
        // The standalone gradual detector agrees.
        assertEquals(g.get(0).startFrame(), gradual(clip.detect("gradual", Map.of(), 25)).get(0).startFrame());
    }

    @Test
    void fadeOutAndFadeInThroughBlack() {
        SyntheticFrames.Shot a = pan(A, 10, 10, 0.8, 0.3), b = still(B, 40, 40);
        Clip clip = new Clip().shot(40, a).fade(15, a, true, 0).flat(10, 0).fade(15, b, false, 0).shot(40, b);
        List<Transition> ts = clip.detect("default", Map.of(), 25);
        assertTrue(cutFrames(ts).isEmpty(), ts.toString());
        List<Transition> g = gradual(ts);
        assertEquals(2, g.size(), ts.toString());
        assertEquals(TransitionType.FADE_OUT, g.get(0).type());
        assertTrue(g.get(0).overlaps(40, 54), ts.toString());
        assertEquals(TransitionType.FADE_IN, g.get(1).type());
        assertTrue(g.get(1).overlaps(65, 79), ts.toString());
        // PySceneDetect-style threshold detector: one fade-out and one fade-in around the dark part.
        List<Transition> th = clip.detect("threshold", Map.of(), 25);
        assertEquals(List.of(TransitionType.FADE_OUT, TransitionType.FADE_IN), th.stream().map(Transition::type).toList(), th.toString());
        // The shot list splits in the middle of the black frames.
        ShotList list = ShotList.of(ts, clip.length, 25, clip.length / 25.0);
        assertEquals(2, list.shots().size());
        long split = list.shots().get(1).startFrame();
        assertTrue(split >= 55 && split <= 65, "split " + split);
    }

    @Test
    void minimumShotLengthIsTimeBased() {
        Clip clip = new Clip().shot(30, still(A, 0, 0)).shot(9, still(B, 0, 0)).shot(40, still(C, 0, 0));
        assertEquals(List.of(30L), cutFrames(clip.detect("default", Map.of(), 30)), "0.3 s shot is below 0.6 s");
        assertEquals(List.of(30L, 39L), cutFrames(clip.detect("default", Map.of("min_shot", "0.2"), 30)));
        // At 10 fps the same frames last 0.9 s: both cuts stand.
        assertEquals(List.of(30L, 39L), cutFrames(clip.detect("default", Map.of(), 10)));
    }

    @Test
    void variableFrameRateKeepsPresentationTimes() {
        Clip clip = threeShots();
        double[] times = new double[clip.length];
        double t = 0.5;
        for (int i = 0; i < times.length; i++) {
            times[i] = t;
            t += i % 3 == 0 ? 1 / 15.0 : 1 / 60.0; // irregular spacing
        }
        ShotDetector d = Detectors.create("default", Map.of());
        List<Transition> ts = new ArrayList<>();
        d.setListener(ts::add);
        clip.feed(30, times, d::accept);
        d.finish();
        assertEquals(List.of(40L, 80L), cutFrames(ts));
        assertEquals(times[40], ts.get(0).time(), 1e-12);
        assertEquals(times[80], ts.get(1).time(), 1e-12);
    }

    @Test
    void drainStatsAndBoundedLatency() {
        Clip clip = threeShots();
        ShotDetector d = Detectors.create("default", new HashMap<>());
        List<long[]> rows = new ArrayList<>();
        d.setStatsSink((index, pts, values) -> {
            assertEquals(d.metricNames().size(), values.length);
            rows.add(new long[]{index});
        });
        long[] seen = new long[1];
        List<long[]> emittedAt = new ArrayList<>();
        clip.feed(30, null, f -> {
            d.accept(f);
            seen[0] = f.index();
            for (Transition t : d.drain()) {
                emittedAt.add(new long[]{t.frame(), seen[0]});
            }
        });
        d.finish();
        assertEquals(2, emittedAt.size());
        for (long[] e : emittedAt) {
            assertTrue(e[1] - e[0] <= d.latencyFrames(), "emitted " + (e[1] - e[0]) + " frames late");
        }
        assertEquals(clip.length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i)[0]);
        }
    }

    @Test
    void framesMustComeInOrder() {
        ShotDetector d = Detectors.create("content", Map.of());
        AnalysisFrame f = new AnalysisFrame(64, 36);
        d.accept(f.set(5, 0.2));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> d.accept(f.set(5, 0.3)));
    }
}
