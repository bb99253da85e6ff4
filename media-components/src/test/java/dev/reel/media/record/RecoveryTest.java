package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed recorder leaves, made consistent before a restart: real files made by the bundled ffmpeg. */
class RecoveryTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private static void clip(Path out, double seconds) throws IOException {
        Ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=" + seconds, "-c:v", "libx264",
                "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-f", "mpegts", out.toString()), Duration.ofSeconds(30));
    }

    @Test
    void listedButMissingIsDroppedRenamedButUnlistedIsAdoptedTemporariesGo() throws IOException {
        Manifest m = new Manifest();
        Manifest.Segment gone = new Manifest.Segment();
        gone.seq = 1;
        gone.file = "20261130T021500Z-000001.ts";
        gone.start = "2026-11-30T02:15:00Z";
        gone.end = "2026-11-30T02:15:02Z";
        gone.duration = 2;
        m.segments.add(gone);
        m.save(dir);
        clip(dir.resolve("20261130T021502Z-000002.ts"), 2);
        Files.write(dir.resolve("20261130T021504Z-000003.ts"), new byte[] {0x47, 1, 2}); // renamed, but does not probe
        Files.write(dir.resolve(".20261130T021506Z-000004.ts.part"), new byte[] {0x47});

        Manifest back = Recovery.recover(dir, log::add);

        assertEquals(1, back.segments.size(), log.toString());
        Manifest.Segment adopted = back.segments.get(0);
        assertEquals(2, adopted.seq);
        assertEquals(Instant.parse("2026-11-30T02:15:02Z"), adopted.startInstant(), "the start comes from the name");
        assertEquals(2.0, adopted.duration, 0.2);
        assertTrue(adopted.discontinuity);
        assertFalse(Files.exists(dir.resolve(".20261130T021506Z-000004.ts.part")), "a segment's temporary is deleted");
        assertFalse(Files.exists(dir.resolve("20261130T021504Z-000003.ts")), "a file that does not probe is deleted");
        assertEquals(List.of("adopted segment 20261130T021502Z-000002.ts written before a crash"), log);
    }

    @Test
    void anInterruptedProgrammeIsKeptWhenItPlaysAndDroppedWhenEmpty() throws IOException {
        Path fin = Files.createDirectories(dir.resolve(ProgrammeRecorder.FINISHED));
        clip(fin.resolve(".20261130T020000Z-News.ts.part"), 1);
        Files.write(fin.resolve(".20261130T030000Z-Film.ts.part"), new byte[0]);

        Recovery.recover(dir, log::add);

        assertTrue(Files.exists(fin.resolve("20261130T020000Z-News-interrupted.ts")), log.toString());
        String side = Files.readString(fin.resolve("20261130T020000Z-News-interrupted.json"));
        assertTrue(side.replace(" ", "").contains("\"complete\":false"), side);
        assertFalse(Files.exists(fin.resolve(".20261130T030000Z-Film.ts.part")));
        try (var files = Files.list(fin)) {
            assertEquals(2, files.count(), "the kept file and its sidecar, nothing for the empty one");
        }
    }
}
