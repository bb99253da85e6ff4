package dev.reel.cli.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.CliRunner;
import dev.reel.cli.testing.TestClips;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.samples.AvTruth;
import dev.reel.samples.CropTruth;
import dev.reel.samples.Damage;
import dev.reel.samples.Ffmpeg;
import dev.reel.samples.FrameProbe;
import dev.reel.samples.SampleSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reel transcode} run as a user runs it (a child JVM): codecs, cuts, audio, pipes, errors, damaged inputs. */
class TranscodeCommandTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.make(dir.resolve("in.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=1000:sample_rate=48000", "-t", "3", "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac");
    }

    static Probe.Stream video(Probe.Result r) {
        return r.streams().stream().filter(s -> "video".equals(s.type())).findFirst().orElseThrow();
    }

    static boolean hasAudio(Probe.Result r) {
        return r.streams().stream().anyMatch(s -> "audio".equals(s.type()));
    }

    @Test
    void transcodesWithCodecSizeFramesAndDuration() throws Exception {
        Path out = dir.resolve("out.mkv");
        var r = CliRunner.run(120, "transcode", clip.toString(), out.toString(), "--vcodec", "hevc", "--crf", "30",
                "--preset", "ultrafast", "--scale", "160:-2", "--acodec", "opus", "--json", "-q");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"frames_encoded\":75"), r.out());
        Probe.Result p = Probe.probe(out.toString(), true);
        Probe.Stream v = video(p);
        assertEquals("hevc", v.codec());
        assertEquals(160, v.width());
        assertEquals(120, v.height());
        assertEquals(75L, v.frameCount());
        assertEquals(3.0, p.durationSeconds(), 0.1);
        assertTrue(p.streams().stream().anyMatch(s -> "opus".equals(s.codec())));
        assertFalse(Files.list(dir).anyMatch(f -> f.getFileName().toString().endsWith(".part")));
    }

    @Test
    void ctrlCFinishesAPlayableShorterFile() throws Exception {
        Path longer = dir.resolve("long.mp4");
        // Long enough (6000 frames) that the transcode cannot finish before the signal, even on a busy machine.
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=480x270:rate=25", "-t", "240", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", longer.toString()), Duration.ofSeconds(120));
        Path out = dir.resolve("interrupted.mp4");
        ProcessBuilder b = CliRunner.builder(List.of("transcode", longer.toString(), out.toString(), "--preset", "slow", "-q"));
        // A shell that started this build in the background passed SIGINT down as ignored, and a JVM
        // cannot catch an ignored SIGINT: give the child the default disposition, as a terminal would.
        b.command().addAll(0, List.of("env", "--default-signal=INT"));
        Process p = b.redirectErrorStream(true).start();
        // Interrupt once encoding is under way: the temporary output exists and has grown.
        Path part = dir.resolve(".interrupted.mp4.part");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.exists(part) && Files.size(part) > 50_000) && System.currentTimeMillis() < deadline && p.isAlive()) {
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "did not end after Ctrl-C");
        assertEquals(ExitCodes.INTERRUPTED, p.exitValue());
        long frames = video(Probe.probe(out.toString(), true)).frameCount();
        assertTrue(frames > 0 && frames < 6000, "frames " + frames);
        assertFalse(Files.list(dir).anyMatch(f -> f.getFileName().toString().endsWith(".part")));
    }

    @Test
    void streamCopyKeepsEveryPacket() throws Exception {
        Path out = dir.resolve("copy.mkv");
        var r = CliRunner.run(60, "transcode", clip.toString(), out.toString(), "--vcodec", "copy", "-q");
        assertEquals(0, r.code(), r.err());
        Probe.Result p = Probe.probe(out.toString(), true);
        assertEquals(75L, video(p).frameCount());
        assertEquals("h264", video(p).codec());
        assertTrue(hasAudio(p));
        Path cut = dir.resolve("copy-cut.mp4");
        r = CliRunner.run(60, "transcode", clip.toString(), cut.toString(), "--vcodec", "copy", "--start", "1", "-q");
        assertEquals(0, r.code(), r.err());
        // -g 25: the copy starts on the key frame at 1 s.
        assertEquals(50L, video(Probe.probe(cut.toString(), true)).frameCount());
        r = CliRunner.run(60, "transcode", clip.toString(), dir.resolve("x.mp4").toString(), "--vcodec", "copy", "--scale", "100:-2");
        assertEquals(ExitCodes.USAGE, r.code());
    }

    @Test
    void inputWithoutAudioDoesNotWaitForIt() throws Exception {
        Path silent = dir.resolve("silent.mp4");
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", silent.toString()), Duration.ofSeconds(60));
        Path out = dir.resolve("silent-out.mp4");
        var r = CliRunner.run(60, "transcode", silent.toString(), out.toString(), "--duration", "1", "-q");
        assertEquals(0, r.code(), r.err());
        Probe.Result p = Probe.probe(out.toString(), true);
        assertEquals(25L, video(p).frameCount());
        assertFalse(hasAudio(p));
    }

    @Test
    void cropStartDurationFpsAndKeyint() throws Exception {
        Path out = dir.resolve("cut.mp4");
        var r = CliRunner.run(120, "transcode", clip.toString(), out.toString(), "--crop", "160:120:0:0", "--start", "1",
                "--duration", "1.2", "--fps", "10", "--keyint", "5", "-q");
        assertEquals(0, r.code(), r.err());
        Probe.Result p = Probe.probe(out.toString(), true);
        Probe.Stream v = video(p);
        assertEquals(160, v.width());
        assertEquals(120, v.height());
        assertEquals(12L, v.frameCount());
        assertEquals(1.2, v.durationSeconds(), 0.11);
        assertEquals(10.0, v.frameRate(), 0.01);
        assertTrue(hasAudio(p));
    }

    @Test
    void audioAndVideoStayInSync() throws Exception {
        Path av = SampleSuite.avClip(dir.resolve("av"), 320, 240, 25, 4, 50, 7);
        AvTruth truth = AvTruth.read(av.resolveSibling(av.getFileName().toString().replace(".mp4", ".truth.json")));
        for (String acodec : new String[] {"copy", "aac"}) {
            Path out = dir.resolve("av-" + acodec + ".mp4");
            var r = CliRunner.run(120, "transcode", av.toString(), out.toString(), "--acodec", acodec, "-q", "-y");
            assertEquals(0, r.code(), r.err());
            // Video: the frame where the white square appears; audio: the first loud sample.
            byte[] luma = FrameProbe.luma(out, 32, 24);
            int frame = -1;
            for (int i = 0; i < luma.length / (32 * 24) && frame < 0; i++) {
                if ((luma[i * 32 * 24 + 12 * 32 + 16] & 0xff) > 200) {
                    frame = i;
                }
            }
            assertEquals(truth.beepFrame(), frame, "square frame");
            byte[] pcm = Ffmpeg.output(List.of("-i", out.toString(), "-vn", "-ac", "1", "-ar", "48000", "-f", "s16le", "-"),
                    Duration.ofSeconds(30));
            int sample = -1;
            for (int i = 0; i + 1 < pcm.length && sample < 0; i += 2) {
                int s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                if (Math.abs(s) > 3000) {
                    sample = i / 2;
                }
            }
            double videoT = frame / 25.0;
            double audioT = sample / 48000.0;
            assertTrue(Math.abs(videoT - audioT) < 1.0 / 25, acodec + ": video " + videoT + " s, audio " + audioT + " s");
        }
    }

    @Test
    void cropAutoFindsThePicture() throws Exception {
        Path lb = SampleSuite.letterboxed(dir.resolve("lb"), 320, 240, 240, 136, 2, 3);
        CropTruth t = CropTruth.read(lb.resolveSibling(lb.getFileName().toString().replace(".mp4", ".truth.json")));
        Path out = dir.resolve("auto.mp4");
        var r = CliRunner.run(120, "transcode", lb.toString(), out.toString(), "--crop", "auto", "-q");
        assertEquals(0, r.code(), r.err());
        Probe.Stream v = video(Probe.probe(out.toString()));
        assertEquals(t.cropWidth(), v.width());
        assertEquals(t.cropHeight(), v.height());
    }

    @Test
    void pipesToStdoutIntoFfmpeg() throws Exception {
        Path decoded = dir.resolve("piped.txt");
        ProcessBuilder reel = CliRunner.builder(List.of("transcode", clip.toString(), "-", "--format", "mpegts", "-q"));
        ProcessBuilder ff = Ffmpeg.processBuilder(List.of("-hide_banner", "-i", "-", "-map", "0:v", "-f", "framemd5", "-"));
        ff.redirectOutput(decoded.toFile());
        reel.redirectError(ProcessBuilder.Redirect.DISCARD);
        ff.redirectError(ProcessBuilder.Redirect.DISCARD);
        List<Process> ps = ProcessBuilder.startPipeline(List.of(reel, ff));
        for (Process p : ps) {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        long frames = Files.readAllLines(decoded).stream().filter(l -> !l.startsWith("#")).count();
        assertEquals(75, frames);
    }

    @Test
    void badInputsGiveOneLineAndTheirExitCode() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a video\n".repeat(100));
        Path truncated = dir.resolve("trunc.mp4");
        byte[] all = Files.readAllBytes(clip);
        Files.write(truncated, java.util.Arrays.copyOf(all, 2000));
        Path ro = dir.resolve("ro");
        Files.createDirectories(ro);
        ro.toFile().setWritable(false);
        String[][] cases = {
            {"transcode", dir.resolve("missing.mp4").toString(), dir.resolve("o1.mp4").toString()},
            {"transcode", text.toString(), dir.resolve("o2.mp4").toString()},
            {"transcode", truncated.toString(), dir.resolve("o3.mp4").toString()},
            {"transcode", clip.toString(), dir.resolve("o4.mp4").toString(), "--vcodec", "nosuchcodec"},
            {"transcode", clip.toString(), dir.resolve("o5.mp4").toString(), "--no-such-option"},
            {"transcode", clip.toString(), clip.toString(), "-y"},
            {"transcode", clip.toString(), dir.resolve("nodir/o6.mp4").toString()},
        };
        int[] codes = {ExitCodes.INPUT_MISSING, ExitCodes.INPUT_INVALID, ExitCodes.INPUT_INVALID, ExitCodes.USAGE,
            ExitCodes.USAGE, ExitCodes.OUTPUT, ExitCodes.OUTPUT};
        for (int i = 0; i < cases.length; i++) {
            var r = CliRunner.run(60, cases[i]);
            assertEquals(codes[i], r.code(), String.join(" ", cases[i]) + "\n" + r.err());
            assertTrue(r.err().startsWith("reel: "), r.err());
            assertFalse(r.err().contains("\tat "), "stack trace: " + r.err());
            assertFalse(Files.exists(dir.resolve("o" + (i + 1) + ".mp4")), "output left behind for case " + i);
        }
        // The existing output is refused without -y and left untouched.
        Path existing = dir.resolve("exists.mp4");
        Files.writeString(existing, "keep");
        var r = CliRunner.run(60, "transcode", clip.toString(), existing.toString());
        assertEquals(ExitCodes.OUTPUT, r.code());
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void batchContinuesPastABrokenFileAndListsIt() throws Exception {
        Path broken = dir.resolve("broken.mp4");
        Files.writeString(broken, "garbage");
        Path out = dir.resolve("batch");
        var r = CliRunner.run(180, "transcode", clip.toString(), broken.toString(), clip.toString().replace("in.mp4", "in.mp4"),
                "--output-dir", out.toString(), "--ext", "mkv", "--preset", "ultrafast", "-q", "-y");
        assertEquals(ExitCodes.PARTIAL, r.code(), r.err());
        assertTrue(r.err().contains("broken.mp4"), r.err());
        assertEquals(75L, video(Probe.probe(out.resolve("in.mkv").toString(), true)).frameCount());
        assertFalse(Files.exists(out.resolve("broken.mkv")));
    }

    @Test
    void damagedCopiesEndInBoundedTimeWithDocumentedCodes() throws Exception {
        byte[] good = Files.readAllBytes(clip);
        Random rnd = new Random(42);
        List<Integer> allowed = List.of(0, ExitCodes.INPUT_INVALID, ExitCodes.INPUT_MISSING);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] bad = Damage.apply(good, rnd, i % Damage.KINDS);
            Path f = dir.resolve("fuzz" + i + ".mp4");
            Files.write(f, bad);
            var r = CliRunner.run(60, "transcode", f.toString(), dir.resolve("fuzz-out" + i + ".mkv").toString(), "-q", "-y",
                    "--preset", "ultrafast");
            assertTrue(allowed.contains(r.code()), "case " + i + ": exit " + r.code() + "\n" + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            seen.add(i + ":" + r.code());
        }
        assertEquals(6, seen.size());
    }
}
