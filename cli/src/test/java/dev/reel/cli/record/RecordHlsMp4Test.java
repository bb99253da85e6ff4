package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A fragmented-MP4 recording's playlist plays in the bundled ffmpeg's HLS demuxer, all of it. */
class RecordHlsMp4Test {
    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void mp4PlaylistOpensAndDecodesTheWholeRecording() throws Exception {
        Path clip = tmp.resolve("clip.ts");
        Ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "mpegts", clip.toString()), Duration.ofSeconds(30));
        Path dir = tmp.resolve("rec");
        Path log = tmp.resolve("rec.log");
        Process p = ReelChild.start(log, "record", clip.toString(), "--dir", dir.toString(), "--segment", "2s", "--container", "mp4");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, p.exitValue(), Files.readString(log));

        Manifest m = Manifest.load(dir);
        assertTrue(m.segments.size() >= 3, "segments " + m.segments.size());
        String pl = Files.readString(dir.resolve(Manifest.PLAYLIST));
        assertTrue(pl.contains("#EXT-X-VERSION:7\n"), pl);
        for (Manifest.Segment s : m.segments) {
            assertTrue(s.initBytes > 0 && s.initBytes < s.bytes, s.file + " init " + s.initBytes);
            assertTrue(pl.contains("#EXT-X-MAP:URI=\"" + s.file + "\",BYTERANGE=\"" + s.initBytes + "@0\""), pl);
        }
        double recorded = m.segments.stream().mapToDouble(s -> s.duration).sum();

        // Live playlist (no ENDLIST): ffmpeg gives up after two reloads without a new segment.
        Path copy = tmp.resolve("all.mkv");
        ProcessBuilder b = Ffmpeg.processBuilder(List.of("-v", "error", "-m3u8_hold_counters", "2", "-live_start_index", "0",
                "-i", dir.resolve(Manifest.PLAYLIST).toString(), "-c", "copy", copy.toString()));
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        Process f = b.start();
        String err = new String(f.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(f.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", err.trim(), "ffmpeg on the playlist");
        Probe.Result r = Probe.probe(copy.toString());
        assertEquals(recorded, r.durationSeconds(), 0.5, "played " + r.durationSeconds() + " s of " + recorded);
        assertTrue(r.streams().stream().anyMatch(x -> "audio".equals(x.type())));

        ProcessBuilder d = Ffmpeg.processBuilder(List.of("-v", "error", "-i", copy.toString(), "-f", "null", "-"));
        d.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        Process dp = d.start();
        String derr = new String(dp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dp.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", derr.trim(), "decoding what the playlist gave");
    }
}
