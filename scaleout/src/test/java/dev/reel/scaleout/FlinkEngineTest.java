package dev.reel.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.InProcessRun;
import dev.reel.cli.testing.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flink engine end to end in an embedded MiniCluster (2 slots): a batch and a chunked encode. */
class FlinkEngineTest {
    @TempDir
    static Path dir;
    static Path input;

    @BeforeAll
    static void clip() throws Exception {
        input = TestClips.scenes(dir.resolve("in.mp4"), 2, 3, false);
    }

    @Test
    void batchOnEmbeddedFlinkRunsEveryRowAndReportsFailuresAsRecords() throws Exception {
        Path m = dir.resolve("jobs.csv");
        Files.writeString(m, "command,input,output,options\n"
                + "transcode,in.mp4,out/a.mp4,\"--crf 35 --preset ultrafast\"\n"
                + "shots,in.mp4,out/b.json,\n"
                + "transcode,missing.mp4,out/c.mp4,\n");
        JsonNode s = run(ExitCodes.PARTIAL, "batch", m.toString(), "--engine", "flink", "--jobs", "2", "--json", "-q");
        assertEquals("flink (embedded, 2 slots)", s.get("engine").asText());
        assertEquals(2, s.get("done").asInt(), s.toString());
        assertEquals(1, s.get("failed").asInt(), s.toString());
        JsonNode bad = s.get("results").get(2);
        assertEquals(ExitCodes.INPUT_MISSING, bad.get("exit_code").asInt());
        assertTrue(bad.get("message").asText().contains("every TaskManager sees"), bad.toString());
        assertTrue(Files.size(dir.resolve("out/a.mp4")) > 1000);
        assertTrue(Files.readString(dir.resolve("out/b.json")).contains("\"shots\""));
        // The ledger: a second job skips the finished rows.
        JsonNode again = run(ExitCodes.PARTIAL, "batch", m.toString(), "--engine", "flink", "--json", "-q");
        assertEquals(2, again.get("skipped").asInt(), again.toString());
    }

    @Test
    void chunkedLosslessEncodeOnFlinkEqualsTheInputFrameForFrame() throws Exception {
        Path out = dir.resolve("chunked.mp4");
        JsonNode s = run(0, "transcode", input.toString(), out.toString(), "--chunks", "1", "--crf", "0",
                "--preset", "ultrafast", "--engine", "flink", "--jobs", "2", "-q", "--json");
        assertTrue(s.get("chunks").asInt() >= 4, s.toString());
        List<String> a = md5s(input);
        List<String> b = md5s(out);
        assertEquals(a.size(), b.size(), "frame count");
        assertEquals(a, b, "decoded frames");
    }

    /** --target on Flink: the work items run the same CRF search; each chunk's CRF and score come back through the ledger. */
    @Test
    void qualityTargetOnFlinkChoosesAndReportsEachChunksCrf() throws Exception {
        Path out = dir.resolve("target.mp4");
        JsonNode s = run(0, "transcode", input.toString(), out.toString(), "--chunks", "2", "--target", "ssim=0.95",
                "--preset", "ultrafast", "--acodec", "none", "--engine", "flink", "--jobs", "2", "-q", "--json");
        assertTrue(s.get("engine").asText().startsWith("flink"), s.toString());
        JsonNode rows = s.get("chunk_results");
        assertEquals(s.get("chunks").asInt(), rows.size(), s.toString());
        for (JsonNode r : rows) {
            assertTrue(r.get("met").asBoolean() && r.get("ssim").asDouble() >= 0.95, r.toString());
            assertTrue(r.get("crf").asInt() >= 10 && r.get("probes").asInt() >= 2, r.toString());
        }
        assertEquals(md5s(input).size(), md5s(out).size(), "frame count");
    }

    /** Flink is on this module's class path, yet a plain transcode (and a local batch) loads none of it. */
    @Test
    void otherCommandsLoadNoFlinkClass() throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "dev.reel.cli.Reel",
                "transcode", input.toString(), dir.resolve("plain.mp4").toString(), "--preset", "ultrafast", "-q", "-y"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("plain.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("plain.txt")));
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("dev.reel.cli.transcode.TranscodeCommand"), "the log lists loaded classes");
        assertFalse(loaded.contains("org.apache.flink"), "a Flink class was loaded by a plain transcode");
    }

    private static List<String> md5s(Path f) throws Exception {
        return TestClips.frameMd5s(f, Duration.ofSeconds(60));
    }

    static JsonNode run(int want, String... args) throws Exception {
        return InProcessRun.json(want, args);
    }
}
