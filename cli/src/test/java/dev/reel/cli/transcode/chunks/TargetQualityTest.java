package dev.reel.cli.transcode.chunks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.InProcessRun;
import dev.reel.cli.testing.TestClips;
import dev.reel.cli.Reel;
import dev.reel.samples.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --chunks --target ssim=...}: chunks of different complexity get different CRFs, each
 * chunk's SSIM, measured independently on the joined output against the input, meets the target,
 * and a resumed job keeps the CRFs chosen before.
 */
class TargetQualityTest {
    private static final double TARGET = 0.97;
    /**
     * The joined output is a stream copy of the scored chunk files, so its frames are the scored
     * frames: the only difference is ffmpeg printing per-frame SSIM with 6 decimals.
     */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;
    static Path input;

    /** Three 2 s shots at 25 fps: a cellular pattern under moving grain (hard), a test card with motion, still colour bars (easy). */
    @BeforeAll
    static void clip() throws Exception {
        input = TestClips.make(dir.resolve("in.mp4"), "-f", "lavfi", "-i",
                "cellauto=size=192x108:rate=25:rule=30:full=1,trim=duration=2,noise=alls=20:allf=t+u",
                "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=25:duration=2",
                "-f", "lavfi", "-i", "smptebars=size=192x108:rate=25:duration=2",
                "-filter_complex", "[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[2:v]format=yuv420p[c];"
                        + "[a][b][c]concat=n=3:v=1,format=yuv420p[v]",
                "-map", "[v]", "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast");
    }

    @Test
    void eachChunkGetsTheCrfThatMeetsTheTargetAndResumeKeepsIt() throws Exception {
        Path out = dir.resolve("target.mp4");
        Path work = dir.resolve("work");
        JsonNode first = run(0, "transcode", input.toString(), out.toString(), "--chunks", "2", "--target",
                "ssim=" + TARGET, "--preset", "ultrafast", "--jobs", "2", "--work-dir", work.toString(),
                "--keep-work-dir", "-q", "--json");
        JsonNode rows = first.get("chunk_results");
        assertEquals(3, rows.size(), first.toString());
        List<Double> measured = perChunkSsim(out, rows);
        int minCrf = Integer.MAX_VALUE;
        int maxCrf = Integer.MIN_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            double reported = r.get("ssim").asDouble();
            assertTrue(r.get("met").asBoolean(), r.toString());
            assertTrue(measured.get(i) >= TARGET - TOLERANCE, "chunk " + i + " measured " + measured.get(i) + " " + r);
            assertEquals(reported, measured.get(i), TOLERANCE, "reported vs measured, chunk " + i);
            assertTrue(r.get("probes").asInt() >= 2 && r.get("probes").asInt() <= TargetSearch.DEFAULT_PROBES, r.toString());
            minCrf = Math.min(minCrf, r.get("crf").asInt());
            maxCrf = Math.max(maxCrf, r.get("crf").asInt());
        }
        // The grain needs a much lower CRF than the still bars for the same SSIM.
        assertTrue(rows.get(0).get("crf").asInt() + 5 <= rows.get(2).get("crf").asInt(), rows.toString());
        assertTrue(maxCrf - minCrf >= 5, rows.toString());

        // As after a kill -9 in chunk 1: no ledger entry, a probe left behind; the others are kept as they are.
        Files.delete(work.resolve("done/chunk-00001.json"));
        Files.move(work.resolve("chunk-00001.mp4"), work.resolve("chunk-00001.crf30.mp4"));
        FileTime kept = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(work.resolve("chunk-00000.mp4"), kept);
        Files.setLastModifiedTime(work.resolve("chunk-00002.mp4"), kept);
        Files.delete(out);
        // Another target is another job: refused on that work directory.
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), out.toString(), "--chunks", "2",
                "--target", "ssim=0.99", "--preset", "ultrafast", "--work-dir", work.toString(), "--resume", "-q"));
        JsonNode second = run(0, "transcode", input.toString(), out.toString(), "--chunks", "2", "--target",
                "ssim=" + TARGET, "--preset", "ultrafast", "--jobs", "2", "--work-dir", work.toString(), "--resume",
                "--keep-work-dir", "-q", "--json");
        assertEquals(2, second.get("chunks_resumed").asInt(), second.toString());
        assertEquals(1, second.get("chunks_encoded").asInt(), second.toString());
        assertEquals(kept, Files.getLastModifiedTime(work.resolve("chunk-00000.mp4")));
        assertEquals(kept, Files.getLastModifiedTime(work.resolve("chunk-00002.mp4")));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).get("crf").asInt(), second.get("chunk_results").get(i).get("crf").asInt(),
                    "chunk " + i + ": " + second);
        }
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".crf")).toList(),
                    "probes (and the stray one) are removed");
        }
        List<Double> again = perChunkSsim(out, second.get("chunk_results"));
        for (int i = 0; i < again.size(); i++) {
            assertTrue(again.get(i) >= TARGET - TOLERANCE, "resumed chunk " + i + " measured " + again.get(i));
        }
    }

    @Test
    void badTargetsAreUsageErrors() {
        for (String bad : List.of("ssim", "ssim=", "ssim=high", "vmaf=95", "ssim=1.5", "psnr=5", "=0.98")) {
            assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("bad.mp4").toString(),
                    "--chunks", "--target", bad, "-q"), bad);
        }
        // A target without --chunks, and with a bitrate (the target chooses the CRF).
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("bad.mp4").toString(),
                "--target", "ssim=0.98", "-q"));
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("bad.mp4").toString(),
                "--chunks", "--target", "ssim=0.98", "--bitrate", "1M", "-q"));
        assertTrue(Files.notExists(dir.resolve("bad.mp4")));
    }

    /** Mean SSIM ("All") of each chunk's frame range, from per-frame SSIM of the whole output against the input. */
    private static List<Double> perChunkSsim(Path out, JsonNode rows) throws Exception {
        Path stats = dir.resolve("ssim-" + System.nanoTime() + ".log");
        Ffmpeg.run(List.of("-i", out.toString(), "-i", input.toString(), "-lavfi",
                "[0:v]setpts=PTS-STARTPTS[d];[1:v]setpts=PTS-STARTPTS[r];[d][r]ssim=stats_file=" + stats, "-f", "null", "-"),
                Duration.ofSeconds(60));
        List<Double> perFrame = new ArrayList<>();
        Pattern all = Pattern.compile("All:([0-9.]+)");
        for (String line : Files.readAllLines(stats)) {
            Matcher m = all.matcher(line);
            if (m.find()) {
                perFrame.add(Double.parseDouble(m.group(1)));
            }
        }
        assertEquals(150, perFrame.size(), "frames scored");
        List<Double> means = new ArrayList<>();
        for (JsonNode r : rows) {
            int from = r.get("start_frame").asInt();
            int n = r.get("frames").asInt();
            means.add(perFrame.subList(from, from + n).stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
        return means;
    }

    private static JsonNode run(int want, String... args) throws Exception {
        return InProcessRun.json(want, args);
    }
}
