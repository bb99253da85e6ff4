package dev.reel.cli.shots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.Reel;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.ShotListCsv;
import dev.reel.media.shots.ShotListJson;
import dev.reel.samples.Ffmpeg;
import dev.reel.samples.Sample;
import dev.reel.samples.SampleSuite;
import dev.reel.samples.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reel shots} on generated clips with known cuts: formats, outputs, splits and errors. */
class ShotsCommandTest {
    @TempDir
    static Path dir;
    static Sample cuts;
    static Sample vfr;

    @BeforeAll
    static void suite() throws Exception {
        List<Sample> s = SampleSuite.generate(dir.resolve("suite"), SampleSuite.Scale.SMALL, 1,
                n -> n.equals("static") || n.equals("vfr"));
        cuts = s.stream().filter(x -> x.name().equals("static")).findFirst().orElseThrow();
        vfr = s.stream().filter(x -> x.name().equals("vfr")).findFirst().orElseThrow();
    }

    private static List<Long> truthCuts(Sample s) throws Exception {
        Truth t = Truth.read(s.truth());
        return t.cutFrames().stream().map(Number::longValue).toList();
    }

    @Test
    void findsTheCutsAndEveryFormatParsesBack() throws Exception {
        Path json = dir.resolve("static.json");
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "-o", json.toString(), "-q"));
        ShotList list = ShotListJson.read(json);
        List<Long> found = new ArrayList<>();
        list.transitions().forEach(t -> found.add(t.startFrame()));
        assertEquals(truthCuts(cuts), found);
        assertEquals(found.size() + 1, list.shots().size());
        Path csv = dir.resolve("static.csv");
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "-o", csv.toString(), "-q"));
        List<ShotList.Shot> shots = ShotListCsv.read(csv);
        assertEquals(list.shots().size(), shots.size());
        assertEquals(list.shots().get(1).startFrame(), shots.get(1).startFrame());
        Path thumbs = dir.resolve("thumbs");
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "--thumbnails", thumbs.toString(), "-o",
                dir.resolve("t.json").toString(), "-q"));
        try (Stream<Path> jpgs = Files.list(thumbs)) {
            assertEquals(list.shots().size(), jpgs.filter(p -> p.toString().endsWith(".jpg")).count());
        }
        for (String f : new String[] {"edl", "qp"}) {
            Path p = dir.resolve("static." + f);
            assertEquals(0, Reel.execute("shots", cuts.video().toString(), "--format", f, "-o", p.toString(), "-q"));
            assertTrue(Files.size(p) > 0);
        }
        assertTrue(Files.readString(dir.resolve("static.qp")).startsWith("0 I -1"));
    }

    @Test
    void referenceFramesFirstFindsWhatEveryFrameFinds() throws Exception {
        Path sparse = dir.resolve("sparse.json");
        Path every = dir.resolve("every.json");
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "-o", sparse.toString(), "-q"));
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "--every-frame", "-o", every.toString(), "-q"));
        ShotList a = ShotListJson.read(sparse);
        ShotList b = ShotListJson.read(every);
        assertEquals(b.video().frames(), a.video().frames());
        assertEquals(b.transitions().stream().map(t -> t.startFrame()).toList(), a.transitions().stream().map(t -> t.startFrame()).toList());
        assertEquals(b.transitions().stream().map(t -> t.start()).toList(), a.transitions().stream().map(t -> t.start()).toList());
    }

    @Test
    void variableFrameRateKeepsTimes() throws Exception {
        Path json = dir.resolve("vfr.json");
        assertEquals(0, Reel.execute("shots", vfr.video().toString(), "-o", json.toString(), "-q"));
        ShotList list = ShotListJson.read(json);
        Truth t = Truth.read(vfr.truth());
        List<Truth.Transition> tc = t.transitions().stream().filter(Truth.Transition::isCut).toList();
        int matched = 0;
        for (var d : list.transitions()) {
            for (var x : tc) {
                if (Math.abs(d.startFrame() - x.firstFrame()) <= 1) {
                    matched++;
                    // Times come from timestamps, not frame counts: on VFR input they differ.
                    assertEquals(x.time(), d.start(), 0.07, "time of the cut at frame " + d.startFrame());
                }
            }
        }
        assertTrue(matched >= tc.size() - 1, "matched " + matched + " of " + tc.size());
    }

    @Test
    void splitFilesAddUpToTheInput() throws Exception {
        Path out = dir.resolve("split");
        assertEquals(0, Reel.execute("shots", cuts.video().toString(), "--split", out.toString(), "-o",
                dir.resolve("split.json").toString(), "-q"));
        long total = 0;
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.toList()) {
                total += Probe.probe(p.toString(), true).streams().get(0).frameCount();
            }
        }
        assertEquals(Truth.read(cuts.truth()).video().frames(), total);
    }

    @Test
    void splitCopyCutsAtKeyFramesAndKeepsEveryFrame() throws Exception {
        // With a key frame at every shot start (reel transcode --shots), one file per shot, exactly.
        Path keyed = dir.resolve("keyed-for-copy.mp4");
        assertEquals(0, Reel.execute("transcode", cuts.video().toString(), keyed.toString(), "--shots",
                dir.resolve("keyed-for-copy.json").toString(), "--keyint", "250", "-q", "--preset", "ultrafast"));
        Path out = dir.resolve("split-copy");
        Path json = dir.resolve("split-copy.json");
        assertEquals(0, Reel.execute("shots", keyed.toString(), "--split", out.toString(), "--copy", "-o", json.toString(), "-q"));
        ShotList list = ShotListJson.read(json);
        List<Long> perFile = frameCounts(out);
        assertEquals(list.shots().stream().map(ShotList.Shot::frames).toList(), perFile);
        // One key frame, at the start: the shots cannot be cut apart, but no frame is lost or doubled.
        Path sparse = dir.resolve("sparse-keys.mp4");
        Ffmpeg.run(List.of("-y", "-v", "error", "-i", cuts.video().toString(), "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "1000", "-x264-params", "scenecut=0", sparse.toString()), Duration.ofSeconds(60));
        Path out2 = dir.resolve("split-sparse");
        assertEquals(0, Reel.execute("shots", sparse.toString(), "--split", out2.toString(), "--copy", "-o",
                dir.resolve("split-sparse.json").toString(), "-q"));
        List<Long> counts = frameCounts(out2);
        assertEquals(1, counts.size(), "files " + counts);
        assertEquals(Truth.read(cuts.truth()).video().frames(), counts.stream().mapToLong(Long::longValue).sum());
        assertEquals(ExitCodes.USAGE, Reel.execute("shots", sparse.toString(), "--copy", "-q"));
    }

    private static List<Long> frameCounts(Path folder) throws Exception {
        List<Long> counts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.sorted().toList()) {
                counts.add(Probe.probe(p.toString(), true).streams().get(0).frameCount());
            }
        }
        return counts;
    }

    @Test
    void transcodeWithShotsForcesKeyframesAtShotStarts() throws Exception {
        Path out = dir.resolve("keyed.mp4");
        Path shots = dir.resolve("keyed.json");
        assertEquals(0, Reel.execute("transcode", cuts.video().toString(), out.toString(), "--shots", shots.toString(),
                "--keyint", "250", "-q", "--preset", "ultrafast"));
        ShotList list = ShotListJson.read(shots);
        List<Double> keyTimes = new ArrayList<>();
        try (Demuxer d = Demuxer.open(out.toString())) {
            int v = d.bestStream(MediaType.VIDEO);
            Packet p;
            while ((p = d.read()) != null) {
                if (p.streamIndex() == v && p.keyFrame()) {
                    keyTimes.add(p.seconds());
                }
                p.release();
            }
        }
        for (ShotList.Shot s : list.shots()) {
            assertTrue(keyTimes.stream().anyMatch(k -> Math.abs(k - s.start()) < 0.02),
                    "no key frame at shot start " + s.start() + " (keys " + keyTimes + ")");
        }
    }
}
