package dev.reel.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.InProcessRun;
import dev.reel.cli.testing.TestClips;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a standalone cluster (scripts/flink-cluster: a JobManager and 2 TaskManagers on
 * 127.0.0.1): a chunked encode and a batch, each losing a TaskManager (SIGKILL) mid-job; Flink's
 * restart strategy re-runs what it held and the outputs are still complete and correct. Too slow
 * for the suite (about two minutes): run by scripts/test-cluster (tag "cluster").
 */
@Tag("cluster")
class ClusterEndToEndTest {
    static final String PORT = System.getProperty("reel.flink.port", "18181");
    static final String RPC = System.getProperty("reel.flink.rpc", "16223");

    @TempDir
    static Path dir;
    static Path script;

    @BeforeAll
    static void locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("scripts/flink-cluster"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "scripts/flink-cluster not found above " + Path.of("").toAbsolutePath());
        script = p.resolve("scripts/flink-cluster");
    }

    @AfterEach
    void stop() throws Exception {
        cluster("stop");
    }

    @Test
    void chunkedEncodeSurvivesALostTaskManager() throws Exception {
        Path in = dir.resolve("long.mp4");
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=8",
                "-f", "lavfi", "-t", "8", "-i", "mandelbrot=size=640x360:rate=25",
                "-f", "lavfi", "-i", "sine=f=330:duration=24",
                "-filter_complex", "[0:v]split[a][b];[b]negate[c];[a][1:v][c]concat=n=3:v=1,format=yuv420p[v]",
                "-map", "[v]", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-c:a", "aac", "-shortest", in.toString()), Duration.ofSeconds(120));
        cluster("start", "2");
        Path out = dir.resolve("chunked.mp4");
        Path work = dir.resolve("work");
        CompletableFuture<JsonNode> job = CompletableFuture.supplyAsync(() -> reel(0, "transcode", in.toString(),
                out.toString(), "--chunks", "1", "--crf", "0", "--preset", "medium", "--work-dir", work.toString(),
                "--flink-master", "127.0.0.1:" + PORT, "--jobs", "2", "-q", "--json"));
        await(() -> count(work.resolve("done")) >= 3 || job.isDone(), 120);
        assertTrue(!job.isDone(), "the job ended before a TaskManager could be killed: " + job.getNow(null));
        cluster("kill-taskmanager", "1");
        JsonNode s = job.get(300, TimeUnit.SECONDS);
        // The lost TaskManager's results went with it: every chunk was reported by the survivor.
        String survivor = pid("taskmanager-2");
        s.get("chunk_times").forEach(c -> assertTrue(c.get("worker").asText().startsWith(survivor + "@"), c.toString()));
        List<String> a = md5s(in);
        List<String> b = md5s(out);
        assertEquals(a.size(), b.size(), "frame count");
        assertEquals(a, b, "decoded frames");
        assertEquals(a.size(), s.get("frames").asInt());
    }

    @Test
    void batchSurvivesALostTaskManager() throws Exception {
        Path clip = dir.resolve("clip.mp4");
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=4", "-c:v", "libx264",
                "-preset", "ultrafast", clip.toString()), Duration.ofSeconds(60));
        StringBuilder m = new StringBuilder("command,input,output,options\n");
        int files = 10;
        for (int i = 0; i < files; i++) {
            Path f = dir.resolve("clip" + i + ".mp4");
            Files.copy(clip, f);
            m.append("transcode,").append(f).append(",").append(dir.resolve("out/clip" + i + ".mp4"))
                    .append(",\"--preset slow --crf 20\"\n");
        }
        Path manifest = dir.resolve("jobs.csv");
        Files.writeString(manifest, m);
        cluster("start", "2");
        CompletableFuture<JsonNode> job = CompletableFuture.supplyAsync(() -> reel(0, "batch", manifest.toString(),
                "--flink-master", "127.0.0.1:" + PORT, "--jobs", "2", "--json", "-q"));
        await(() -> count(dir.resolve("jobs.csv.reel-ledger")) >= 2 || job.isDone(), 120);
        assertTrue(!job.isDone(), "the job ended before a TaskManager could be killed: " + job.getNow(null));
        cluster("kill-taskmanager", "2");
        JsonNode s = job.get(300, TimeUnit.SECONDS);
        assertEquals(0, s.get("failed").asInt(), s.toString());
        String survivor = pid("taskmanager-1");
        s.get("results").forEach(r -> assertTrue(r.get("worker").asText().startsWith(survivor + "@"), r.toString()));
        for (int i = 0; i < files; i++) {
            assertEquals(100, md5s(dir.resolve("out/clip" + i + ".mp4")).size(), "frames of out/clip" + i);
        }
    }

    private static JsonNode reel(int want, String... args) {
        try {
            return InProcessRun.json(want, args);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static void cluster(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("REEL_FLINK_PORT", PORT);
        pb.environment().put("REEL_FLINK_RPC_PORT", RPC);
        pb.environment().put("REEL_FLINK_DIR", dir.resolve("cluster").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "flink-cluster " + String.join(" ", args));
        if (!args[0].equals("stop")) {
            assertEquals(0, p.exitValue(), "flink-cluster " + String.join(" ", args));
        }
    }

    private static String pid(String role) throws IOException {
        for (String l : Files.readAllLines(dir.resolve("cluster/pids"))) {
            String[] f = l.split(" ");
            if (f[0].equals(role)) {
                return f[1];
            }
        }
        throw new AssertionError("no " + role + " in the cluster's pid file");
    }

    private static long count(Path d) {
        try (var s = Files.list(d)) {
            return s.filter(f -> !f.getFileName().toString().contains(".tmp")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier ok, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ok.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(100);
        }
    }

    private static List<String> md5s(Path f) throws Exception {
        return TestClips.frameMd5s(f, Duration.ofSeconds(120));
    }
}
