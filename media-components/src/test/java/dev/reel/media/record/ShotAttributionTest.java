package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Late shot marks land in the file of their time: open segment, closed segment entry, open or closed programme. */
class ShotAttributionTest {
    private static final long T0 = RecordClock.micros(Instant.parse("2026-11-30T02:15:00Z"));
    private static final long S = 1_000_000;

    @TempDir
    Path dir;

    private static ShotMark cutAt(long wall) {
        return new ShotMark(wall, wall, "cut", 0.9);
    }

    private static Manifest.Segment closed(long start, long end) {
        Manifest.Segment s = new Manifest.Segment();
        s.start = RecordClock.iso(start);
        s.end = RecordClock.iso(end);
        s.shots = new ArrayList<>();
        return s;
    }

    @Test
    void aLateMarkGoesIntoTheClosedSegmentOfItsTimeSorted() throws Exception {
        ShotAttribution shots = new ShotAttribution();
        List<Manifest.Segment> listed = List.of(closed(T0, T0 + 2 * S), closed(T0 + 2 * S, T0 + 4 * S));
        assertTrue(shots.attribute(cutAt(T0 + 3 * S), listed, T0 + 4 * S, Long.MAX_VALUE));
        assertTrue(shots.attribute(cutAt(T0 + 2 * S + S / 2), listed, T0 + 4 * S, Long.MAX_VALUE));
        assertEquals(0, listed.get(0).shots.size());
        assertEquals(List.of(0.5, 1.0), listed.get(1).shots.stream().map(x -> x.offset).toList(), "offsets from its start, in time order");
        assertTrue(shots.takeSegmentShots(T0 + 4 * S, T0 + 6 * S).isEmpty(), "a closed segment's mark is not the open one's");
    }

    @Test
    void marksOfTheOpenSegmentWaitForItToClose() throws Exception {
        ShotAttribution shots = new ShotAttribution();
        assertFalse(shots.attribute(cutAt(T0 + S), List.of(), T0, Long.MAX_VALUE));
        assertFalse(shots.attribute(cutAt(T0 + 3 * S), List.of(), T0, Long.MAX_VALUE));
        List<Manifest.Shot> first = shots.takeSegmentShots(T0, T0 + 2 * S);
        assertEquals(List.of(1.0), first.stream().map(x -> x.offset).toList());
        List<Manifest.Shot> second = shots.takeSegmentShots(T0 + 2 * S, T0 + 4 * S);
        assertEquals(List.of(1.0), second.stream().map(x -> x.offset).toList(), "the later mark waited for its segment");
        assertFalse(shots.attribute(cutAt(T0 - S), List.of(), T0, Long.MAX_VALUE));
        assertTrue(shots.takeSegmentShots(T0, T0 + 2 * S).isEmpty(), "a mark before the open segment fell into a gap");
    }

    @Test
    void programmeMarksGoIntoTheOpenFileThenIntoTheSidecarOnceClosed() throws Exception {
        ShotAttribution shots = new ShotAttribution();
        shots.programmeOpened();
        shots.attribute(cutAt(T0 + S), List.of(), T0, T0);
        shots.attribute(cutAt(T0 + 5 * S), List.of(), T0, T0);
        List<Manifest.Shot> marks = shots.programmeShots(T0, T0 + 4 * S);
        assertEquals(List.of(1.0), marks.stream().map(x -> x.offset).toList(), "marks after the file's end are not its own");

        Path sidecar = dir.resolve("programme.json");
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("title", "News");
        content.put("shots", marks);
        Manifest.writeAtomically(sidecar, Manifest.json(content));
        shots.sidecarWritten(sidecar, content, T0, T0 + 4 * S, marks);
        shots.attribute(cutAt(T0 + 2 * S), List.of(), Long.MIN_VALUE, Long.MAX_VALUE); // late: the file is closed

        JsonNode side = new ObjectMapper().readTree(sidecar.toFile());
        assertEquals(2, side.get("shots").size(), side.toString());
        assertEquals(2.0, side.get("shots").get(1).get("offset").asDouble(), "the sidecar is rewritten, marks sorted");

        shots.programmeOpened();
        assertTrue(shots.programmeShots(T0, T0 + 10 * S).isEmpty(), "a new programme file starts with no marks");
    }
}
