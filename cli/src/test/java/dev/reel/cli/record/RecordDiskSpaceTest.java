package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.record.ReelChild.Run;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk space and write failures: a --min-free the disk cannot give (larger than its usable space)
 * makes a recorder with --window delete the old segments and then stop, one without stop at once;
 * a DIR removed mid-recording stops it. Always exit 5 with one line, never a stack trace.
 */
class RecordDiskSpaceTest {
    @TempDir
    Path tmp;

    private Run reel(String... args) throws Exception {
        return ReelChild.run(tmp, args);
    }

    private Path clip() throws IOException {
        Path clip = tmp.resolve("clip.ts");
        Ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-f", "mpegts", clip.toString()), Duration.ofSeconds(30));
        return clip;
    }

    /** The one error line: "reel: ...", and nothing that looks like a stack trace. */
    private static String errorLine(Run r) {
        assertFalse(r.out().contains("\tat ") || r.out().contains("Exception"), r.out());
        List<String> errors = r.out().lines().filter(l -> l.startsWith("reel: ")).toList();
        assertEquals(1, errors.size(), r.out());
        return errors.get(0);
    }

    @Test
    @Timeout(120)
    void minFreeTheDiskCannotGiveStopsTheRecordingAfterRecyclingWithAWindow() throws Exception {
        Path clip = clip();
        Path dir = tmp.resolve("rec");
        Run first = reel("record", clip.toString(), "--dir", dir.toString(), "--segment", "2s", "--min-free", "0");
        assertEquals(0, first.code(), first.out());
        Manifest before = Manifest.load(dir);
        assertTrue(before.segments.size() >= 3, first.out());
        String huge = String.valueOf(Files.getFileStore(tmp).getUsableSpace() + (1L << 40));

        // No window: nothing may be deleted, the recorder stops before its first segment.
        Path other = tmp.resolve("other");
        Run none = reel("record", clip.toString(), "--dir", other.toString(), "--segment", "2s", "--min-free", huge);
        assertEquals(5, none.code(), none.out());
        assertTrue(errorLine(none).contains("--min-free"), none.out());
        assertTrue(Manifest.load(other).segments.isEmpty());

        // With a window the oldest segments go first (manifest and playlist follow), then it stops.
        Run win = reel("record", clip.toString(), "--dir", dir.toString(), "--segment", "2s", "--window", "20s", "--min-free", huge);
        assertEquals(5, win.code(), win.out());
        assertTrue(errorLine(win).contains("--min-free"), win.out());
        assertTrue(win.out().contains("deleted the " + before.segments.size() + " oldest segment(s)"), win.out());
        Manifest after = Manifest.load(dir);
        assertTrue(after.segments.isEmpty(), "segments left: " + after.segments.size());
        for (Manifest.Segment s : before.segments) {
            assertFalse(Files.exists(dir.resolve(s.file)), s.file);
        }
        assertFalse(Files.readString(dir.resolve(Manifest.PLAYLIST)).contains(".ts"));
    }

    @Test
    @Timeout(60)
    void dirRemovedWhileRecordingIsAClearOutputError() throws Exception {
        Path clip = clip();
        Path dir = tmp.resolve("gone");
        Path log = tmp.resolve("gone.log");
        Process p = ReelChild.start(log, "record", clip.toString(), "--realtime", "--dir", dir.toString(), "--segment", "1s", "--min-free", "0");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Manifest m = Files.exists(dir.resolve(Manifest.FILE)) ? Manifest.load(dir) : null;
            if (m != null && m.segments.size() >= 2) {
                break;
            }
            Thread.sleep(100);
        }
        // One atomic step (a recursive delete races with the recorder's next file): DIR is gone.
        Path moved = tmp.resolve("gone-moved");
        Files.move(dir, moved);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), Files.readString(log));
        try (Stream<Path> files = Files.walk(moved)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
        Run r = new Run(p.exitValue(), Files.readString(log));
        assertEquals(5, r.code(), r.out());
        assertTrue(errorLine(r).contains("cannot write to " + dir), r.out());
    }
}
