package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordUnitsTest {
    @TempDir
    Path tmp;

    @Test
    void sanitizedNamesNeverEscape() {
        for (String bad : List.of("../../etc/passwd", "/abs/path", "..", ".hidden", "a\u0000b\nc", "con:tr\u0007ol", "", "   ")) {
            String s = Names.sanitize(bad);
            assertFalse(s.contains("/") || s.contains("\\") || s.contains("..") || s.startsWith("."), bad + " -> " + s);
            assertTrue(s.chars().noneMatch(Character::isISOControl), s);
            assertFalse(s.isEmpty());
        }
        assertEquals("Morning_News", Names.sanitize("Morning News"));
        assertEquals(80, Names.sanitize("x".repeat(500)).length());
    }

    @Test
    void credentialsAreRedacted() {
        assertEquals("rtsp://***@cam.local:554/s", Names.redact("rtsp://admin:hunter2@cam.local:554/s"));
        assertEquals("srt://h:9000?mode=caller&passphrase=***", Names.redact("srt://h:9000?mode=caller&passphrase=abcdefghij"));
        assertEquals("udp://127.0.0.1:1234", Names.redact("udp://127.0.0.1:1234"));
    }

    @Test
    void scheduleCsvAndXmltv() throws Exception {
        List<Programme> p = Schedule.csv("start,end,title\n# comment\n2026-11-30T20:00:00Z,2026-11-30T21:00:00Z,News, late edition\n"
                + "2026-11-30T21:00:00+01:00,2026-11-30T22:00:00+01:00,\"Film \"\"X\"\"\"\n", ZoneOffset.UTC);
        assertEquals(2, p.size());
        assertEquals("News, late edition", p.get(0).title());
        assertEquals("Film \"X\"", p.get(1).title());
        assertEquals(Instant.parse("2026-11-30T20:00:00Z"), RecordClock.instant(p.get(1).startMicros()));
        Path x = tmp.resolve("tv.xml");
        Files.writeString(x, "<?xml version=\"1.0\"?><tv><programme start=\"20261130200000 +0000\" stop=\"20261130210000 +0000\""
                + " channel=\"c\"><title lang=\"en\">Evening</title></programme></tv>");
        List<Programme> q = Schedule.read(x);
        assertEquals("Evening", q.get(0).title());
        assertEquals(3600_000_000L, q.get(0).endMicros() - q.get(0).startMicros());
        Path evil = tmp.resolve("evil.xml");
        Files.writeString(evil, "<?xml version=\"1.0\"?><!DOCTYPE tv [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><tv>"
                + "<programme start=\"20261130200000 +0000\" stop=\"20261130210000 +0000\"><title>&e;</title></programme></tv>");
        assertThrows(IllegalArgumentException.class, () -> Schedule.read(evil));
        assertThrows(IllegalArgumentException.class, () -> Schedule.csv("2026-11-30T20:00:00Z,2026-11-30T19:00:00Z,Backwards", ZoneOffset.UTC));
    }

    @Test
    void playlistHasDatesAndDiscontinuities() throws Exception {
        Manifest m = new Manifest();
        m.segmentSeconds = 6;
        long t = RecordClock.micros(Instant.parse("2026-11-30T02:15:00Z"));
        for (int i = 0; i < 3; i++) {
            Manifest.Segment s = new Manifest.Segment();
            s.seq = 100 + i;
            long st = t + i * 6_000_000L + (i == 2 ? 10_000_000L : 0);
            s.start = RecordClock.iso(st);
            s.end = RecordClock.iso(st + 6_000_000L);
            s.duration = 6.0;
            s.file = RecordClock.compact(st) + "-" + s.seq + ".ts";
            s.discontinuity = i != 1;
            m.segments.add(s);
        }
        String pl = m.playlist();
        assertTrue(pl.contains("#EXT-X-MEDIA-SEQUENCE:100\n"), pl);
        assertTrue(pl.contains("#EXT-X-TARGETDURATION:6\n"), pl);
        assertTrue(pl.contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-30T02:15:00Z\n") || pl.contains("2026-11-30T02:15:00.000Z"), pl);
        assertEquals(1, pl.split("#EXT-X-DISCONTINUITY\n", -1).length - 1, pl);
        m.save(tmp);
        Manifest back = Manifest.load(tmp);
        assertEquals(3, back.segments.size());
        assertTrue(Files.exists(tmp.resolve(Manifest.PLAYLIST)));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void secondLockOnADirectoryIsRefused() throws Exception {
        try (RecordLock l = RecordLock.acquire(tmp)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordLock.acquire(tmp));
            assertTrue(e.getMessage().contains("another recorder"));
        }
        RecordLock.acquire(tmp).close();
    }
}
