package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.record.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live sender restarts with lower timestamps, faster than the recorder's timeout (the 2-hour
 * soak's failure): FFmpeg's timestamp-overflow correction used to add a 33-bit wrap to the new
 * stream until its timestamps passed a reference taken at the recorder's first packet, then drop
 * it, so the wall-clock mapping stepped back half a second in the middle of a segment, which then
 * held more pictures than its listed length. Every listed segment must hold the pictures its
 * length says, and the restart must start a new segment marked as a discontinuity.
 */
class RecordSenderRestartTest {
    private static final double FPS = 25;

    @RegisterExtension
    final ReelChild children = new ReelChild(false);

    @TempDir
    Path tmp;

    private Process sender(int port, int tsOffsetSeconds) throws IOException {
        return children.ffmpeg(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-output_ts_offset", Integer.toString(tsOffsetSeconds),
                "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316"));
    }

    @Test
    @Timeout(90)
    void segmentsHoldTheirListedLengthAcrossASenderRestart() throws Exception {
        int port = ReelChild.freeUdpPort();
        Path dir = tmp.resolve("rec");
        Path log = tmp.resolve("rec.log");
        Process send = sender(port, 1000);
        Process rec = children.reel(log, "record", "udp://127.0.0.1:" + port, "--dir", dir.toString(), "--segment", "1s",
                "--timeout", "5s");
        waitForSegments(dir, 3, log);

        // 65 s lower: below FFmpeg's wrap reference (first timestamp - 60 s) for about 5 s after the restart.
        send.destroyForcibly();
        send.waitFor(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        sender(port, 935);
        int before = Manifest.load(dir).segments.size();
        waitForSegments(dir, before + 12, log);
        rec.destroy();
        assertTrue(rec.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, rec.exitValue(), Files.readString(log));

        Manifest m = Manifest.load(dir);
        List<String> wrong = new ArrayList<>();
        for (Manifest.Segment s : m.segments) {
            double video = frames(dir.resolve(s.file)) / FPS;
            if (Math.abs(video - s.duration) > 1.5 / FPS) {
                wrong.add(String.format(java.util.Locale.ROOT, "%s: %.3f s of video, listed %.3f s", s.file, video, s.duration));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        String text = Files.readString(log);
        assertTrue(text.contains("source timestamps jumped"), text);
        assertTrue(!text.contains("source lost"), "the restart was faster than --timeout: " + text);
        long discontinuities = m.segments.stream().skip(1).filter(s -> s.discontinuity).count();
        assertEquals(1, discontinuities, "one new timeline, at the restart\n" + text);
    }

    private static void waitForSegments(Path dir, int n, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < end) {
            Manifest m = Files.exists(dir.resolve(Manifest.FILE)) ? Manifest.load(dir) : null;
            if (m != null && m.segments.size() >= n) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + n + " segments; recorder log:\n" + Files.readString(log));
    }

    private static long frames(Path file) {
        long n = 0;
        try (Demuxer d = Demuxer.open(file.toString())) {
            int v = d.bestStream(MediaType.VIDEO);
            Packet p;
            while ((p = d.read()) != null) {
                if (p.streamIndex() == v) {
                    n++;
                }
                p.release();
            }
        }
        return n;
    }
}
