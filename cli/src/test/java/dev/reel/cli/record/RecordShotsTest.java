package dev.reel.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shot detection while recording: a file of five unlike generated pictures, 2 s each (cuts at 2, 4,
 * 6 and 8 s), played as if live; the manifest and a programme's sidecar list the cuts.
 */
class RecordShotsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] CUTS = {2, 4, 6, 8};

    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void cutsGoIntoTheManifestAndTheProgrammeSidecar() throws Exception {
        Path clip = tmp.resolve("cuts.ts");
        String[] srcs = {"testsrc2", "smptebars", "mandelbrot", "rgbtestsrc", "testsrc"};
        List<String> args = new ArrayList<>();
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < srcs.length; i++) {
            args.addAll(List.of("-f", "lavfi", "-t", "2", "-i", srcs[i] + "=size=320x240:rate=25"));
            filter.append('[').append(i).append(":v]");
        }
        filter.append("concat=n=").append(srcs.length).append(":v=1:a=0,format=yuv420p[v]");
        args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "25", "-bf", "0", "-f", "mpegts", clip.toString()));
        Ffmpeg.run(args, Duration.ofSeconds(30));

        // A programme from before the start to about 7 s in (less if the recorder starts late): it holds the first cuts.
        Instant now = Instant.now();
        Path csv = tmp.resolve("s.csv");
        Files.writeString(csv, now.minusSeconds(5) + "," + now.plusSeconds(9) + ",Early\n");
        Path dir = tmp.resolve("rec");
        Path log = tmp.resolve("rec.log");
        Process p = ReelChild.start(log, "record", clip.toString(), "--realtime", "--dir", dir.toString(), "--segment", "2s", "--shots",
                "--schedule", csv.toString(), "--json");
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("recorder did not end: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));

        Manifest m = Manifest.load(dir);
        assertEquals("default", m.shotDetector);
        assertEquals(0, m.stats.shotsDropped, "a realtime 320x240 stream is easy to keep up with");
        long t0 = m.segments.get(0).startInstant().toEpochMilli(); // the first frame of the file
        List<Double> found = new ArrayList<>();
        for (Manifest.Segment s : m.segments) {
            for (Manifest.Shot shot : s.shots) {
                double t = (Instant.parse(shot.time).toEpochMilli() - t0) / 1000.0;
                found.add(t);
                assertEquals(Duration.between(s.startInstant(), Instant.parse(shot.time)).toMillis() / 1000.0, shot.offset, 0.002);
                assertTrue(!Instant.parse(shot.time).isBefore(s.startInstant()) && Instant.parse(shot.time).isBefore(s.endInstant()),
                        shot.time + " outside " + s.file);
            }
        }
        assertEquals(CUTS.length, found.size(), "cuts found at " + found + "; log:\n" + Files.readString(log));
        for (int i = 0; i < CUTS.length; i++) {
            assertEquals(CUTS[i], found.get(i), 0.05, "cut " + i + " of " + found);
        }

        Path sidecar;
        try (Stream<Path> s = Files.list(dir.resolve("finished"))) {
            sidecar = s.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode side = JSON.readTree(sidecar.toFile());
        Instant start = Instant.parse(side.get("start").asText());
        Instant end = Instant.parse(side.get("end").asText());
        JsonNode shots = side.get("shots");
        assertTrue(shots.size() >= 1, side.toString());
        // Cuts clearly inside the programme must be there; one within 50 ms of its start or end may go either way.
        int inside = 0;
        int borderline = 0;
        for (double c : CUTS) {
            Instant at = Instant.ofEpochMilli(t0 + Math.round(c * 1000));
            if (at.isAfter(start.plusMillis(50)) && at.isBefore(end.minusMillis(50))) {
                inside++;
            } else if (at.isAfter(start.minusMillis(50)) && at.isBefore(end.plusMillis(50))) {
                borderline++;
            }
        }
        assertTrue(shots.size() >= inside && shots.size() <= inside + borderline,
                shots.size() + " shots, " + inside + " inside, " + borderline + " at the edges: " + side);
        for (JsonNode s : shots) {
            Instant at = Instant.parse(s.get("time").asText());
            assertTrue(!at.isBefore(start) && at.isBefore(end), side.toString());
            assertEquals(Duration.between(start, at).toMillis() / 1000.0, s.get("offset").asDouble(), 0.002);
        }
    }
}
