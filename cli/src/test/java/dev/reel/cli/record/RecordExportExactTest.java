package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.VideoFrame;
import dev.reel.cli.record.ReelChild.Run;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * timeshift export --exact against a recording of a generated file (read as fast as it goes, so
 * the recording takes a second): the output starts at the requested frame and lasts as asked.
 */
class RecordExportExactTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double FRAME = 0.04;

    @TempDir
    Path tmp;

    /** 12 s of 320x240 at 25 fps, a key frame every 2 s; {@code bframes} 0 or more. */
    private Path clip(String name, int bframes) throws IOException {
        Path f = tmp.resolve(name);
        Ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=12", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=12", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-bf", String.valueOf(bframes), "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "mpegts", f.toString()),
                Duration.ofSeconds(30));
        return f;
    }

    private Run reel(String... args) throws Exception {
        return ReelChild.run(tmp, args);
    }

    private static JsonNode json(Run r) throws IOException {
        return JSON.readTree(r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(r.out())));
    }

    private JsonNode export(Path dir, Instant from, Instant to, Path out, boolean exact) throws Exception {
        List<String> a = new ArrayList<>(List.of("timeshift", "export", dir.toString(), "--from", from.toString(), "--to", to.toString(),
                out.toString(), "--json"));
        if (exact) {
            a.add("--exact");
        }
        Run r = reel(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.out());
        return json(r);
    }

    /** Decodes with the bundled ffmpeg; anything it reports at level error is a failure. */
    private static void decodesCleanly(Path f) throws Exception {
        ProcessBuilder b = Ffmpeg.processBuilder(List.of("-v", "error", "-i", f.toString(), "-f", "null", "-"));
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        Process p = b.start();
        String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", err.trim(), f + " does not decode cleanly");
        assertEquals(0, p.exitValue());
    }

    /** The luma planes of the first {@code max} frames, and whether the first packet is a key frame. */
    private static List<byte[]> luma(Path f, int max, boolean[] firstKey) {
        List<byte[]> frames = new ArrayList<>();
        try (Demuxer d = Demuxer.open(f.toString())) {
            int vi = d.bestStream(MediaType.VIDEO);
            d.selectStreams(vi);
            try (VideoDecoder dec = new VideoDecoder(d.stream(vi))) {
                Packet p;
                boolean first = true;
                while (frames.size() < max && (p = d.read()) != null) {
                    if (first) {
                        firstKey[0] = p.keyFrame();
                        first = false;
                    }
                    dec.send(p);
                    p.release();
                    take(dec, frames);
                }
                dec.sendEof();
                take(dec, frames);
            }
        }
        return frames.subList(0, Math.min(max, frames.size()));
    }

    private static void take(VideoDecoder dec, List<byte[]> frames) {
        VideoFrame v;
        while ((v = dec.receive()) != null) {
            byte[] y = new byte[v.width() * v.height()];
            ByteBuffer plane = v.plane(0);
            for (int row = 0; row < v.height(); row++) {
                plane.get(row * v.linesize(0), y, row * v.width(), v.width());
            }
            frames.add(y);
            v.release();
        }
    }

    private static double diff(byte[] a, byte[] b) {
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) s / a.length;
    }

    private static int frames(Path f) {
        return luma(f, Integer.MAX_VALUE, new boolean[1]).size();
    }

    private Path record(Path clip, String name) throws Exception {
        Path dir = tmp.resolve(name);
        Run r = reel("record", clip.toString(), "--dir", dir.toString(), "--segment", "4s");
        assertEquals(0, r.code(), r.out());
        return dir;
    }

    @Test
    @Timeout(120)
    void exactExportStartsAndEndsOnTheRequestedFrames() throws Exception {
        Path dir = record(clip("nob.ts", 0), "rec");
        Manifest m = Manifest.load(dir);
        assertTrue(m.segments.size() >= 2, "segments " + m.segments.size());
        // Between frames and between key frames (every 2 s), across a segment boundary.
        Instant from = m.segments.get(0).startInstant().plusMillis(2_770);
        Instant to = from.plusMillis(5_013);
        double asked = 5.013;

        Path copy = tmp.resolve("copy.ts");
        JsonNode c = export(dir, from, to, copy, false);
        assertEquals("copy", c.get("method").asText());
        boolean[] key = new boolean[1];
        List<byte[]> copied = luma(copy, 40, key);
        assertTrue(key[0], "a stream-copy export starts at a key frame");
        Instant keyStart = Instant.parse(c.get("from").asText());
        assertTrue(!keyStart.isAfter(from) && keyStart.isAfter(from.minusSeconds(2)), keyStart + " for " + from);

        Path exact = tmp.resolve("exact.ts");
        JsonNode e = export(dir, from, to, exact, true);
        assertEquals("exact-splice", e.get("method").asText());
        Instant start = Instant.parse(e.get("from").asText());
        double late = Duration.between(from, start).toNanos() / 1e9;
        assertTrue(late >= 0 && late < FRAME, "first frame " + late + " s after --from");
        decodesCleanly(exact);
        int n = frames(exact);
        assertEquals(asked, n * FRAME, FRAME, n + " frames for " + asked + " s");

        // The first exported frame is the picture at --from: the copy export's frame k shows it.
        int k = (int) Math.round(Duration.between(keyStart, start).toNanos() / 1e9 / FRAME);
        assertTrue(k > 1 && k + 1 < copied.size(), "k " + k);
        byte[] firstExact = luma(exact, 1, key).get(0);
        double here = diff(firstExact, copied.get(k));
        assertTrue(here < diff(firstExact, copied.get(k - 1)) && here < diff(firstExact, copied.get(k + 1)),
                "first frame is not the one at --from");
    }

    @Test
    @Timeout(120)
    void exactExportToMp4WithBFramesReencodesTheRange() throws Exception {
        Path dir = record(clip("b.ts", 2), "recb");
        Manifest m = Manifest.load(dir);
        Instant from = m.segments.get(0).startInstant().plusMillis(1_310);
        Instant to = from.plusMillis(3_000);
        Path out = tmp.resolve("exact.mp4");
        JsonNode e = export(dir, from, to, out, true);
        assertEquals("exact-reencode", e.get("method").asText());
        decodesCleanly(out);
        int n = frames(out);
        assertEquals(3.0, n * FRAME, FRAME, n + " frames");
    }
}
