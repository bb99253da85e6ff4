package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --keep-finished: programmes that finished longer ago than the limit go, with their sidecars; nothing else does. */
class FinishedRetentionTest {
    @TempDir
    Path dir;

    private Path programme(String base, String ext, long finishedMillis) throws Exception {
        Path media = Files.writeString(dir.resolve(base + ext), "media");
        Path side = Files.writeString(dir.resolve(base + ".json"), "{}");
        Files.setLastModifiedTime(side, FileTime.fromMillis(finishedMillis));
        return media;
    }

    @Test
    void deletesOnlyProgrammesOlderThanTheLimit() throws Exception {
        long now = System.currentTimeMillis();
        Path old = programme("20261201T100000Z-News", ".ts", now - 3 * 3600_000L);
        Path oldPart = programme("20261201T110000Z-Film-part2", ".mp4", now - 2 * 3600_000L);
        Path recent = programme("20261206T100000Z-News", ".ts", now - 60_000L);
        Path open = Files.writeString(dir.resolve(".20261206T110000Z-Film.ts.part"), "being written");
        List<String> log = new ArrayList<>();
        assertEquals(2, FinishedRetention.prune(dir, 3600, now, log::add));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(dir.resolve("20261201T100000Z-News.json")));
        assertFalse(Files.exists(oldPart));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(dir.resolve("20261206T100000Z-News.json")));
        assertTrue(Files.exists(open), "a programme being written is not finished");
        assertEquals(List.of("deleted 2 finished programme(s) older than --keep-finished"), log);
        assertEquals(0, FinishedRetention.prune(dir, 3600, now, log::add), "nothing more to do");
    }

    @Test
    void withoutALimitEverythingIsKept() throws Exception {
        long now = System.currentTimeMillis();
        Path old = programme("20200101T000000Z-Old", ".ts", now - 365L * 86_400_000L);
        assertEquals(0, FinishedRetention.prune(dir, 0, now, s -> { }));
        assertEquals(0, FinishedRetention.prune(dir.resolve("missing"), 60, now, s -> { }));
        assertTrue(Files.exists(old));
    }
}
