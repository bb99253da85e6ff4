package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.core.MediaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention policy on real files: what goes, in which order, and what the manifest says after. */
class RetentionTest {
    private static final long T0 = RecordClock.micros(Instant.parse("2026-11-30T02:15:00Z"));
    private static final long SEG = 2_000_000;

    @TempDir
    Path dir;

    private Manifest manifest;
    private final List<String> log = new ArrayList<>();

    /** Ten 2 s segments from T0 on disk and in the manifest; the first and the sixth start after a discontinuity. */
    @BeforeEach
    void tenSegments() throws IOException {
        manifest = new Manifest();
        manifest.segmentSeconds = 2;
        for (int i = 0; i < 10; i++) {
            Manifest.Segment s = new Manifest.Segment();
            long start = T0 + i * SEG;
            s.seq = i;
            s.file = RecordClock.compact(start) + String.format("-%06d.ts", i);
            s.start = RecordClock.iso(start);
            s.end = RecordClock.iso(start + SEG);
            s.duration = 2.0;
            s.discontinuity = i == 0 || i == 5;
            Files.write(dir.resolve(s.file), new byte[188]);
            manifest.segments.add(s);
        }
        manifest.gaps.add(new Manifest.Gap(T0 - 5 * SEG, T0, "recorder not running"));
        manifest.gaps.add(new Manifest.Gap(T0 + 7 * SEG - 1000, T0 + 7 * SEG, "no data from the source"));
    }

    private Retention retention(double windowSeconds, long minFree) {
        Segmenter.Settings s = new Segmenter.Settings(dir, "mpegts", 2, windowSeconds, "test", null, null, minFree);
        return new Retention(s, manifest, () -> {
            try {
                manifest.save(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, log::add);
    }

    private long filesOnDisk() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ts")).count();
        }
    }

    @Test
    void expireDeletesWhatEndedBeforeTheWindowListAndFilesAlike() throws IOException {
        retention(9, 0).expire(T0 + 10 * SEG); // 20 s recorded, 9 s kept: segments ending at or before 11 s go
        assertEquals(5, manifest.segments.size());
        assertEquals(5, manifest.segments.get(0).seq);
        assertEquals(5, filesOnDisk());
        assertEquals(1, manifest.discontinuitySequence, "one discontinuity left with the deleted segments");
        assertEquals(1, manifest.gaps.size(), "the gap before the first kept segment goes, the one after stays");
        Manifest saved = Manifest.load(dir);
        assertEquals(5, saved.segments.size(), "the manifest is saved");
        assertFalse(Files.readString(dir.resolve(Manifest.PLAYLIST)).contains(RecordClock.compact(T0)));
    }

    @Test
    void withoutAWindowNothingExpiresAndNoDiskShortageDeletes() throws IOException {
        Retention keepAll = retention(0, 0);
        keepAll.expire(T0 + 1000 * SEG);
        assertEquals(Long.MAX_VALUE, keepAll.makeRoom(), "no --min-free: the disk is not looked at");
        assertFalse(keepAll.makeRoomAfter(new MediaException(MediaException.Kind.IO, "No space left on device")));
        assertEquals(10, manifest.segments.size());
        assertEquals(10, filesOnDisk());
    }

    @Test
    void aMinFreeTheDiskCannotGiveDeletesEverySegmentThenSaysStop() throws IOException {
        long huge = Files.getFileStore(dir).getUsableSpace() + (1L << 40);
        Retention r = retention(60, huge);
        long free = r.makeRoom();
        assertTrue(r.belowMinFree(free));
        assertTrue(manifest.segments.isEmpty());
        assertEquals(0, filesOnDisk());
        assertEquals(List.of("less than " + Retention.size(huge) + " free on the disk: deleted the 10 oldest segment(s)"), log);
        String why = r.outOfSpace(free).getMessage();
        assertTrue(why.startsWith("stopped: only ") && why.contains("--min-free is") && why.contains("deleting every old segment"), why);

        String noWindow = retention(0, huge).outOfSpace(free).getMessage();
        assertTrue(noWindow.endsWith("(use --window to recycle old segments)"), noWindow);
    }

    @Test
    void aMinFreeTheDiskHasDeletesNothing() throws IOException {
        Retention r = retention(60, 1);
        assertFalse(r.belowMinFree(r.makeRoom()));
        assertEquals(10, filesOnDisk());
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void aFailedWriteWithAWindowDeletesTheOldestTenth() throws IOException {
        Retention r = retention(60, 0);
        assertTrue(r.makeRoomAfter(new MediaException(MediaException.Kind.IO, "No space left on device")));
        assertEquals(9, manifest.segments.size());
        assertEquals(1, manifest.segments.get(0).seq);
        assertEquals(9, filesOnDisk());
        assertTrue(log.get(0).contains("deleted the 1 oldest segments to make room"), log.toString());

        manifest.segments.subList(1, manifest.segments.size()).clear();
        assertFalse(r.makeRoomAfter(new MediaException(MediaException.Kind.IO, "No space left on device")),
                "the last segment is never deleted to make room");
        assertEquals(1, manifest.segments.size());
    }
}
