package dev.reel.cli.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.InProcessRun;
import dev.reel.cli.Reel;
import dev.reel.samples.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reel batch} on a local engine: rows run, failures listed, the ledger skips what was done. */
class BatchCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void clips() throws Exception {
        for (String name : List.of("a", "b")) {
            Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v", "libx264",
                    "-preset", "ultrafast", dir.resolve(name + ".mp4").toString()), Duration.ofSeconds(60));
        }
        Files.writeString(dir.resolve("not-media.mp4"), "hello");
    }

    @Test
    void runsEveryRowListsFailuresAndSkipsFinishedRowsNextTime() throws Exception {
        Path m = dir.resolve("jobs.csv");
        Files.writeString(m, Manifest.HEADER + "\n"
                + "transcode,a.mp4,out/a.mkv,\"--crf 30 --preset ultrafast\"\n"
                + "shots,b.mp4,out/b.json,\n"
                + "transcode,not-media.mp4,out/c.mp4,--preset ultrafast\n");
        JsonNode s = run(ExitCodes.PARTIAL, "batch", m.toString(), "--json", "-q");
        assertEquals(2, s.get("done").asInt(), s.toString());
        assertEquals(1, s.get("failed").asInt(), s.toString());
        JsonNode bad = s.get("results").get(2);
        assertEquals(4, bad.get("line").asInt());
        assertEquals(ExitCodes.INPUT_INVALID, bad.get("exit_code").asInt(), bad.toString());
        assertTrue(Files.size(dir.resolve("out/a.mkv")) > 1000);
        assertTrue(Files.readString(dir.resolve("out/b.json")).contains("\"shots\""));

        JsonNode again = run(ExitCodes.PARTIAL, "batch", m.toString(), "--json", "-q");
        assertEquals(2, again.get("skipped").asInt(), again.toString());
        assertEquals(0, again.get("done").asInt(), again.toString());
    }

    @Test
    void aBadManifestIsAUsageError() throws Exception {
        Path m = dir.resolve("bad.csv");
        Files.writeString(m, "input,output\na.mp4,b.mp4\n");
        assertEquals(ExitCodes.USAGE, Reel.execute("batch", m.toString(), "-q"));
        Files.writeString(m, Manifest.HEADER + "\nconvert,a.mp4,b.mp4,\n");
        assertEquals(ExitCodes.USAGE, Reel.execute("batch", m.toString(), "-q"));
        assertEquals(ExitCodes.INPUT_MISSING, Reel.execute("batch", dir.resolve("none.csv").toString(), "-q"));
    }

    /** The cli module alone has no Flink: asking for it is a clear usage error, not a class-loading failure. */
    @Test
    void theFlinkEngineWithoutTheScaleoutModuleIsAClearError() throws Exception {
        Path m = dir.resolve("one.csv");
        Files.writeString(m, Manifest.HEADER + "\ntranscode,a.mp4,out/one.mp4,\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(ExitCodes.USAGE, Reel.execute("batch", m.toString(), "--engine", "flink"));
            assertEquals(ExitCodes.USAGE, Reel.execute("batch", m.toString(), "--flink-master", "nowhere"));
        } finally {
            System.setErr(old);
        }
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("the Flink engine is not installed"), msg);
        assertTrue(msg.contains("--flink-master wants HOST:PORT"), msg);
    }

    static JsonNode run(int want, String... args) throws Exception {
        return InProcessRun.json(want, args);
    }
}
