package dev.reel.media.shots;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shot list's boundaries and its JSON, CSV, EDL and QP writers and readers, on a hand-made list. */
class ShotListFormatsTest {
    static final double FPS = 30000 / 1001.0;

    static double t(long f) { return f / FPS; }

    static ShotList sample() {
        List<Transition> ts = List.of(
                Transition.cut(30, t(30), 41.2),
                Transition.gradual(TransitionType.DISSOLVE, 180, 199, t(180), t(199), 0.8),
                Transition.gradual(TransitionType.FADE_OUT, 250, 264, t(250), t(264), 30),
                Transition.gradual(TransitionType.FADE_IN, 270, 284, t(270), t(284), 30),
                Transition.gradual(TransitionType.WIPE, 330, 341, t(330), t(341), 0.7));
        return ShotList.of("clip.mp4", new ShotList.VideoInfo(1920, 1080, FPS, 400, t(400)), "default",
                Map.of("threshold", "2.5", "gradual", "true"), ts);
    }

    @Test
    void shotsSplitAtCutsMidpointsAndFadePairs() {
        ShotList l = sample();
        assertEquals(List.of(30L, 190L, 267L, 336L), l.boundaries());
        ShotList.Shot first = l.shots().get(0);
        assertEquals(0, first.startFrame());
        assertEquals(29, first.endFrame());
        assertEquals(0.0, first.start());
        assertEquals(t(30), first.end(), 1e-9);
        ShotList.Shot last = l.shots().get(l.shots().size() - 1);
        assertEquals(399, last.endFrame());
        assertEquals(t(400), last.end(), 1e-9);
        assertEquals(t(190), l.shots().get(2).start(), 1e-9, "interpolated inside the dissolve");
    }

    @Test
    void fadeOutAloneDoesNotSplitAndFadeInAtStartNeither() {
        List<Transition> ts = List.of(Transition.gradual(TransitionType.FADE_IN, 0, 10, 0, t(10), 1),
                Transition.gradual(TransitionType.FADE_OUT, 80, 99, t(80), t(99), 1));
        assertEquals(1, ShotList.of(ts, 100, FPS, t(100)).shots().size());
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ShotList l = sample();
        String json = ShotListJson.toJson(l);
        assertTrue(json.contains("{\"type\": \"cut\", \"frame\": 30, \"time\": 1.001, \"score\": 41.2}"), json);
        assertTrue(json.contains("{\"index\": 1, \"start_frame\": 0, \"end_frame\": 29, \"start\": 0.0, \"end\": 1.001}"), json);
        assertTrue(json.contains("\"type\": \"dissolve\", \"start_frame\": 180, \"end_frame\": 199, \"start\": 6.006, \"end\": 6.64"), json);
        assertTrue(json.contains("\"params\": {") && json.contains("\"threshold\": 2.5") && json.contains("\"gradual\": true"), json);
        ShotList back = ShotListJson.parse(json);
        assertEquals(l.shots().size(), back.shots().size());
        for (int i = 0; i < l.shots().size(); i++) {
            assertEquals(l.shots().get(i).startFrame(), back.shots().get(i).startFrame());
            assertEquals(l.shots().get(i).endFrame(), back.shots().get(i).endFrame());
            assertEquals(l.shots().get(i).start(), back.shots().get(i).start(), 0.0006);
        }
        assertEquals(l.transitions().size(), back.transitions().size());
        for (int i = 0; i < l.transitions().size(); i++) {
            assertEquals(l.transitions().get(i).type(), back.transitions().get(i).type());
            assertEquals(l.transitions().get(i).startFrame(), back.transitions().get(i).startFrame());
            assertEquals(l.transitions().get(i).endFrame(), back.transitions().get(i).endFrame());
        }
        assertEquals(1920, back.video().width());
        assertEquals(400, back.video().frames());
        assertEquals("default", back.detectorName());
        assertEquals("2.5", back.detectorParams().get("threshold"));
        assertEquals(l.boundaries(), ShotList.of(back.transitions(), 400, FPS, t(400)).boundaries());
    }

    @Test
    void csvMatchesPySceneDetectAndParsesBack() throws Exception {
        ShotList l = sample();
        String csv = ShotListCsv.toCsv(l, true);
        String[] lines = csv.split("\n");
        assertEquals("Timecode List:,00:00:01.001,00:00:06.340,00:00:08.909,00:00:11.211", lines[0]);
        assertEquals("Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,End Time (seconds),"
                + "Length (frames),Length (timecode),Length (seconds)", lines[1]);
        assertEquals("1,1,00:00:00.000,0.000,30,00:00:01.001,1.001,30,00:00:01.001,1.001", lines[2]);
        List<ShotList.Shot> back = ShotListCsv.parse(csv);
        assertEquals(l.shots().size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            assertEquals(l.shots().get(i).startFrame(), back.get(i).startFrame());
            assertEquals(l.shots().get(i).endFrame(), back.get(i).endFrame());
        }
        assertEquals(back.size(), ShotListCsv.parse(ShotListCsv.toCsv(l, false)).size());
        assertEquals(3723.456, ShotListCsv.parseTimecode(ShotListCsv.timecode(3723.456)), 1e-9);
    }

    @Test
    void edlAndQpParseBack() throws Exception {
        ShotList l = sample();
        String edl = ShotListEdl.toEdl(l, "test", "AX");
        assertTrue(edl.startsWith("TITLE: test\nFCM: NON-DROP FRAME\n"), edl);
        assertTrue(edl.contains("001  AX       V     C        00:00:00:00 00:00:01:00 00:00:00:00 00:00:01:00"), edl);
        List<ShotList.Shot> shots = ShotListEdl.parse(edl, FPS);
        assertEquals(l.shots().size(), shots.size());
        for (int i = 0; i < shots.size(); i++) {
            assertEquals(l.shots().get(i).startFrame(), shots.get(i).startFrame());
            assertEquals(l.shots().get(i).endFrame(), shots.get(i).endFrame());
        }
        String qp = ShotListQp.toQp(l);
        assertEquals("0 I -1\n30 I -1\n190 I -1\n267 I -1\n336 I -1\n", qp);
        assertEquals(List.of(0L, 30L, 190L, 267L, 336L), ShotListQp.parse(qp));
    }

    @Test
    void statsCsvHasHeaderAndRows() {
        java.io.StringWriter w = new java.io.StringWriter();
        ShotDetector d = Detectors.create("content", Map.of());
        StatsCsv.attach(d, w);
        AnalysisFrame f = new AnalysisFrame(32, 18);
        for (int i = 0; i < 3; i++) {
            java.util.Arrays.fill(f.rgb(), (byte) (i * 40));
            d.accept(f.computeLumaFromRgb().set(i, i / 25.0));
        }
        d.finish();
        String[] lines = w.toString().split("\n");
        assertEquals("frame,time,content_val,delta_hue,delta_sat,delta_lum,delta_edges", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[2].startsWith("1,0.040000,"), lines[2]);
    }

    @Test
    void factoryNamesParamsAndErrors() {
        assertEquals("default", Detectors.names().get(0));
        assertTrue(Detectors.names().containsAll(List.of("content", "adaptive", "luma", "histogram", "hash", "threshold", "gradual")));
        for (String n : Detectors.names()) {
            DetectorInfo info = Detectors.info(n);
            assertTrue(info.param(info.mainParam()) != null, n);
            ShotDetector d = Detectors.create(n, Map.of("threshold", info.param(info.mainParam()).defaultValue()));
            assertEquals(n, d.name());
            assertEquals(info.params().size(), d.params().size());
        }
        assertEquals("3", Detectors.create("adaptive", Map.of("threshold", "3")).params().get("threshold"));
        assertEquals("0.5", Detectors.create("default", Map.of("min-shot", "0.5")).params().get("min_shot"));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("nope", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("content", Map.of("bogus", "1")));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("content", Map.of("threshold", "300")));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create("threshold", Map.of("method", "sideways")));
        assertEquals(new AnalysisSize(256, 144), AnalysisSize.forInput(1920, 1080));
        assertEquals(new AnalysisSize(144, 256), AnalysisSize.forInput(1080, 1920));
        assertEquals(new AnalysisSize(256, 192), AnalysisSize.forInput(720, 540));
        assertEquals(new AnalysisSize(160, 120), AnalysisSize.forInput(160, 120));
    }
}
