package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real recordings: the bundled ffmpeg sends MPEG-TS over UDP to 127.0.0.1, the recorder runs as a
 * child JVM (so it can be killed with SIGKILL and sent SIGTERM), everything bounded in time.
 */
class RecordEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final ReelChild children = new ReelChild(false);

    @TempDir
    Path tmp;

    private Process sender(int port) throws IOException {
        return children.ffmpeg(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316"));
    }

    private Process reel(Path log, String... args) throws IOException {
        return children.reel(log, args);
    }

    private static Manifest manifest(Path dir) {
        try {
            return Manifest.load(dir);
        } catch (IOException e) {
            throw new AssertionError("manifest unreadable (not written atomically?)", e);
        }
    }

    private static Manifest waitFor(Path dir, Predicate<Manifest> ok, Duration max, Path log) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            Manifest m = manifest(dir);
            if (m != null && ok.test(m)) {
                return m;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting; recorder log:\n" + Files.readString(log));
    }

    /** Every listed segment exists and probes as video; the playlist lists exactly the manifest's segments. */
    private static void checkConsistent(Path dir) throws IOException {
        Manifest m = manifest(dir);
        assertNotNull(m);
        for (Manifest.Segment s : m.segments) {
            Path f = dir.resolve(s.file);
            assertTrue(Files.exists(f), "listed segment missing: " + s.file);
            Probe.Result r = Probe.probe(f.toString());
            assertTrue(r.streams().stream().anyMatch(x -> "video".equals(x.type())), s.file);
            assertTrue(r.durationSeconds() != null && r.durationSeconds() > 0, s.file + " duration " + r.durationSeconds());
        }
        String pl = Files.readString(dir.resolve(Manifest.PLAYLIST));
        List<String> listed = pl.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertEquals(m.segments.stream().map(s -> s.file).toList(), listed);
        assertEquals(m.segments.size(), pl.lines().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).count());
    }

    @Test
    @Timeout(90)
    void killRestartGapExportAndPlaylist() throws Exception {
        int port = ReelChild.freeUdpPort();
        Path dir = tmp.resolve("rec");
        Path log1 = tmp.resolve("rec1.log");
        Process send = sender(port);
        String src = "udp://user:secret@127.0.0.1:" + port;
        Process rec = reel(log1, "record", src, "--dir", dir.toString(), "--segment", "1s", "--timeout", "1s");
        waitFor(dir, m -> m.segments.size() >= 3, Duration.ofSeconds(20), log1);

        // The sender stops and comes back: a gap with its reason, then recording goes on.
        send.destroy();
        send.waitFor(5, TimeUnit.SECONDS);
        Thread.sleep(2500);
        sender(port);
        Manifest m = waitFor(dir, x -> !x.gaps.isEmpty() && x.segments.size() >= 6, Duration.ofSeconds(25), log1);
        Manifest.Gap gap = m.gaps.get(0);
        assertTrue(gap.seconds >= 1.5 && gap.seconds < 10, "gap " + gap.seconds);
        assertTrue(gap.reason.contains("source lost") || gap.reason.contains("no data"), gap.reason);
        assertTrue(rec.isAlive(), "recorder must not exit when the source goes");

        // kill -9 in the middle of a segment: everything listed plays, nothing half-written is listed.
        Thread.sleep(500);
        rec.destroyForcibly();
        assertTrue(rec.waitFor(10, TimeUnit.SECONDS));
        checkConsistent(dir);
        long lastSeq = manifest(dir).segments.get(manifest(dir).segments.size() - 1).seq;
        String text = Files.readString(dir.resolve(Manifest.FILE)) + Files.readString(log1);
        assertFalse(text.contains("secret"), "credentials leaked into the manifest or log");

        // A restart continues into the same directory; a second recorder there is refused.
        Path log2 = tmp.resolve("rec2.log");
        Process rec2 = reel(log2, "record", src, "--dir", dir.toString(), "--segment", "1s", "--timeout", "1s");
        waitFor(dir, x -> x.segments.stream().anyMatch(s -> s.seq > lastSeq + 1), Duration.ofSeconds(20), log2);
        Path log3 = tmp.resolve("rec3.log");
        Process second = reel(log3, "record", src, "--dir", dir.toString());
        assertTrue(second.waitFor(20, TimeUnit.SECONDS));
        assertEquals(5, second.exitValue(), Files.readString(log3));
        assertTrue(Files.readString(log3).contains("another recorder"), Files.readString(log3));

        // SIGTERM: the current segment is finished, exit 0.
        rec2.destroy();
        assertTrue(rec2.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, rec2.exitValue(), Files.readString(log2));
        checkConsistent(dir);
        m = manifest(dir);
        assertTrue(m.gaps.stream().anyMatch(g -> g.reason.contains("recorder not running")), JSON.writeValueAsString(m.gaps));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "temporary files left");
        }

        // Export the last 2 s by stream copy: starts at a key frame at or before, so 2..3.2 s.
        Path out = tmp.resolve("last.mp4");
        Process ex = reel(tmp.resolve("ex.log"), "timeshift", "export", dir.toString(), "--last", "2s", out.toString());
        assertTrue(ex.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, ex.exitValue(), Files.readString(tmp.resolve("ex.log")));
        double d = Probe.probe(out.toString()).durationSeconds();
        assertTrue(d >= 1.9 && d <= 3.3, "exported " + d + " s");

        // An absolute window across the gap: gaps are closed up.
        Manifest.Segment first = m.segments.get(0);
        Instant from = first.startInstant().plusMillis(500);
        Instant to = m.segments.get(m.segments.size() - 1).endInstant();
        Path all = tmp.resolve("all.ts");
        Process ex2 = reel(tmp.resolve("ex2.log"), "timeshift", "export", dir.toString(), "--from", from.toString(), "--to",
                to.toString(), all.toString(), "--json");
        assertTrue(ex2.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, ex2.exitValue(), Files.readString(tmp.resolve("ex2.log")));
        double recorded = m.segments.stream().mapToDouble(s -> s.duration).sum();
        double dAll = Probe.probe(all.toString()).durationSeconds();
        assertTrue(Math.abs(dAll - recorded) < 1.5, "exported " + dAll + " s of " + recorded + " s recorded");

        // ls shows the gaps.
        Path lsLog = tmp.resolve("ls.log");
        Process ls = reel(lsLog, "timeshift", "ls", dir.toString(), "--json");
        assertTrue(ls.waitFor(20, TimeUnit.SECONDS));
        JsonNode lsJson = JSON.readTree(Files.readString(lsLog).lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertTrue(lsJson.get("gaps").size() >= 2, lsJson.toString());

        // The playlist plays in ffmpeg's HLS demuxer from its first segment, across the discontinuities.
        // It is live (no ENDLIST), so ffmpeg would wait for more: -t stops it; decoding needs no errors.
        String t = String.format(java.util.Locale.ROOT, "%.1f", recorded - 1.5);
        Ffmpeg.run(List.of("-xerror", "-live_start_index", "0", "-i", dir.resolve(Manifest.PLAYLIST).toString(), "-t", t,
                "-f", "null", "-"), Duration.ofSeconds(30));
    }

    @Test
    @Timeout(60)
    void scheduleMakesOneFilePerProgrammeAndTranscodes() throws Exception {
        int port = ReelChild.freeUdpPort();
        sender(port);
        Path dir = tmp.resolve("sched");
        Instant t0 = Instant.now().plusSeconds(5); // the recorder's JVM starts first, slower on a busy machine
        Path csv = tmp.resolve("schedule.csv");
        Files.writeString(csv, "start,end,title\n" + t0 + "," + t0.plusSeconds(2) + ",Morning News\n"
                + t0.plusSeconds(2) + "," + t0.plusSeconds(4) + ",\"../../etc/passwd\u0007, weather\"\n", StandardCharsets.UTF_8);
        Path log = tmp.resolve("sched.log");
        Process rec = reel(log, "record", "udp://127.0.0.1:" + port, "--dir", dir.toString(), "--segment", "1s",
                "--schedule", csv.toString(), "--scale", "160:120", "--duration", "11s", "--json");
        assertTrue(rec.waitFor(40, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, rec.exitValue(), Files.readString(log));
        Path fin = dir.resolve("finished");
        List<Path> files;
        try (Stream<Path> s = Files.list(fin)) {
            files = s.sorted().toList();
        }
        List<Path> ts = files.stream().filter(f -> f.toString().endsWith(".ts")).toList();
        List<Path> sidecars = files.stream().filter(f -> f.toString().endsWith(".json")).toList();
        assertEquals(2, ts.size(), files.toString());
        assertEquals(2, sidecars.size(), files.toString());
        for (Path f : files) {
            assertEquals(fin, f.getParent());
            assertFalse(f.getFileName().toString().contains(".."), f.toString());
        }
        JsonNode a = JSON.readTree(sidecars.get(0).toFile());
        JsonNode b = JSON.readTree(sidecars.get(1).toFile());
        assertEquals("Morning News", a.get("title").asText());
        assertTrue(b.get("title").asText().contains("passwd"));
        for (int i = 0; i < ts.size(); i++) {
            Path f = ts.get(i);
            JsonNode side = i == 0 ? a : b;
            Probe.Result r = Probe.probe(f.toString());
            double d = r.durationSeconds();
            // 2 s scheduled; a recorder that started late (busy machine) records less, and says so.
            double recorded = side.get("durationSeconds").asDouble();
            assertTrue(d > 0.5 && d < 2.6 && Math.abs(d - recorded) < 0.35, f + " lasts " + d + ", sidecar " + side);
            if (side.get("complete").asBoolean()) {
                assertTrue(d > 1.5, f + " lasts " + d + ", sidecar " + side);
            }
            assertEquals(160, r.streams().stream().filter(x -> "video".equals(x.type())).findFirst().orElseThrow().width());
        }
        // Transcoding forces key frames at the grid (every 1 s; GOP 2 s otherwise): segments are about 1 s.
        Manifest m = manifest(dir);
        assertTrue(m.segments.size() >= 5, "segments: " + m.segments.size());
        double sum = 0;
        for (Manifest.Segment s : m.segments.subList(1, m.segments.size() - 1)) {
            assertEquals(1.0, s.duration, 0.3, s.file);
            sum += s.duration;
        }
        assertEquals(1.0, sum / (m.segments.size() - 2), 0.1);
        checkConsistent(dir);
    }
}
