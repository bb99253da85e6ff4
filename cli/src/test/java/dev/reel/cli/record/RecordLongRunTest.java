package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.record.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Longer runs: no file handle leak per segment; a picture size change while transcoding. */
class RecordLongRunTest {
    @RegisterExtension
    final ReelChild children = new ReelChild(false);

    @TempDir
    Path tmp;

    private Process reel(Path log, String... args) throws IOException {
        return children.reel(log, args);
    }

    private static long openFiles(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return s.count();
        }
    }

    @Test
    @Timeout(60)
    void fileHandlesStayFlatOverManySegments() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        Path dir = tmp.resolve("rec");
        Path log = tmp.resolve("rec.log");
        // 1 s segments, a 4 s window (deletions), shot detection (its own decoder per connection).
        Process p = reel(log, "record", "test:320x240@25", "--dir", dir.toString(), "--segment", "1s", "--window", "4s", "--shots",
                "--duration", "20s");
        List<Long> counts = new ArrayList<>();
        long t0 = System.nanoTime();
        while (p.isAlive() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(19)) {
            Thread.sleep(1000);
            if (p.isAlive()) {
                counts.add(openFiles(p.pid()));
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, p.exitValue(), Files.readString(log));
        Manifest m = Manifest.load(dir);
        assertEquals("test:320x240@25", m.source, "the manifest shows the source as typed");
        assertTrue(m.segments.size() >= 3 && m.segments.get(0).seq >= 8, "segments recycled: first seq " + m.segments.get(0).seq);
        assertTrue(counts.size() >= 15, counts.toString());
        // Warm-up first (threads, codecs, the socket); from then on no growth with ~12 more segments.
        long settled = counts.subList(5, 8).stream().mapToLong(Long::longValue).max().orElseThrow();
        long last = counts.subList(counts.size() - 3, counts.size()).stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last <= settled + 2, "open files grew: " + counts);
    }

    @Test
    @Timeout(60)
    void pictureSizeChangeWhileTranscodingIsScaledToTheFirstSize() throws Exception {
        int port = ReelChild.freeUdpPort();
        Path dir = tmp.resolve("size");
        Path log = tmp.resolve("size.log");
        Process rec = reel(log, "record", "udp://127.0.0.1:" + port, "--dir", dir.toString(), "--segment", "1s", "--crf", "30",
                "--preset", "ultrafast", "--timeout", "2s");
        awaitUdpListener(port, rec); // the recorder's JVM starts and binds the port (slow on a busy machine)
        // One sender (3 s), then another at a new size (4 s) right after it: the stream changes without a reconnect.
        for (String size : List.of("320x240", "480x270")) {
            String secs = size.startsWith("320") ? "3" : "4";
            Process send = children.ffmpeg(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25", "-t", secs,
                    "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-pix_fmt", "yuv420p",
                    "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316"));
            assertTrue(send.waitFor(20, TimeUnit.SECONDS));
        }
        Thread.sleep(500);
        rec.destroy(); // SIGTERM: finish the segment, exit 0
        assertTrue(rec.waitFor(20, TimeUnit.SECONDS), Files.readString(log));
        assertEquals(0, rec.exitValue(), Files.readString(log));
        Manifest m = Manifest.load(dir);
        // The first sender sends 75 frames at most: more than 125 means 2 s or more of the new size went in.
        assertTrue(m.stats.videoPackets > 125, m.stats.videoPackets + " video packets; log:\n" + Files.readString(log));
        for (Manifest.Segment s : m.segments) {
            Probe.Result r = Probe.probe(dir.resolve(s.file).toString());
            assertEquals(320, r.streams().stream().filter(x -> "video".equals(x.type())).findFirst().orElseThrow().width(), s.file);
        }
    }

    /** Waits until some socket is bound to UDP {@code port} on this host (read from /proc/net/udp). */
    private static void awaitUdpListener(int port, Process owner) throws Exception {
        String hexPort = String.format(":%04X ", port);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && owner.isAlive()) {
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                Path t = Path.of(table);
                if (Files.exists(t) && Files.readAllLines(t).stream().skip(1)
                        .anyMatch(l -> l.trim().split("\\s+")[1].endsWith(hexPort.trim()))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the recorder did not bind UDP port " + port);
    }
}
