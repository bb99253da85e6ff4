package dev.reel.cli.transcode.chunks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.testing.InProcessRun;
import dev.reel.cli.testing.TestClips;
import dev.reel.cli.Reel;
import dev.reel.samples.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunked transcodes checked frame for frame: with a lossless encode the decoded output must equal
 * the decoded input (per-frame MD5s), with the same frame count, continuous timestamps and the
 * audio ending where the video does, as in the input.
 */
class ChunkedTranscodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path input;

    /** Three scenes with cuts (one long enough to be split at forced points) and an audio track, 8 s at 25 fps. */
    @BeforeAll
    static void clip() throws Exception {
        input = TestClips.scenes(dir.resolve("in.mp4"), 2, 4, true, "-bf", "2");
    }

    @Test
    void losslessChunkedOutputEqualsTheInputFrameForFrame() throws Exception {
        Path out = dir.resolve("lossless.mp4");
        JsonNode s = run(0, "transcode", input.toString(), out.toString(), "--chunks", "1.5", "--crf", "0",
                "--preset", "ultrafast", "--jobs", "2", "-q", "--json");
        assertTrue(s.get("chunks").asInt() >= 4, "chunks " + s);
        assertLosslessCopy(out);
        assertTrue(Files.notExists(dir.resolve("lossless.mp4.reel-chunks")), "work dir removed after success");
    }

    @Test
    void resumeEncodesOnlyTheUnfinishedChunks() throws Exception {
        Path out = dir.resolve("resumed.mp4");
        Path work = dir.resolve("work");
        JsonNode first = run(0, "transcode", input.toString(), out.toString(), "--chunks", "1.5", "--crf", "0",
                "--preset", "ultrafast", "--work-dir", work.toString(), "--keep-work-dir", "-q", "--json");
        int chunks = first.get("chunks").asInt();
        // As after a kill -9 mid-job: chunks 1 and 3 unfinished (no ledger entry; a half-written file for 1).
        Files.delete(work.resolve("done/chunk-00001.json"));
        Files.write(work.resolve("chunk-00001.mp4"), new byte[100]);
        Files.delete(work.resolve("done/chunk-00003.json"));
        Files.delete(work.resolve("chunk-00003.mp4"));
        FileTime kept = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(work.resolve("chunk-00000.mp4"), kept);
        Files.setLastModifiedTime(work.resolve("chunk-00002.mp4"), kept);
        Files.delete(out);

        // Without --resume an unfinished job is not silently thrown away.
        assertEquals(ExitCodes.OUTPUT, Reel.execute("transcode", input.toString(), out.toString(), "--chunks", "1.5",
                "--crf", "0", "--preset", "ultrafast", "--work-dir", work.toString(), "-q"));
        JsonNode s = run(0, "transcode", input.toString(), out.toString(), "--chunks", "1.5", "--crf", "0",
                "--preset", "ultrafast", "--work-dir", work.toString(), "--resume", "--keep-work-dir", "-q", "--json");
        assertEquals(2, s.get("chunks_encoded").asInt(), s.toString());
        assertEquals(chunks - 2, s.get("chunks_resumed").asInt(), s.toString());
        List<Integer> encoded = new ArrayList<>();
        s.get("chunk_times").forEach(c -> encoded.add(c.get("chunk").asInt()));
        encoded.sort(null);
        assertEquals(List.of(1, 3), encoded);
        assertEquals(kept, Files.getLastModifiedTime(work.resolve("chunk-00000.mp4")), "finished chunk not re-encoded");
        assertEquals(kept, Files.getLastModifiedTime(work.resolve("chunk-00002.mp4")), "finished chunk not re-encoded");
        assertNotEquals(kept, Files.getLastModifiedTime(work.resolve("chunk-00001.mp4")));
        assertLosslessCopy(out);
    }

    @Test
    void aChunkWhoseFrameCountMissesThePlanFailsNamingIt() throws Exception {
        Path out = dir.resolve("mismatch.mp4");
        Path work = dir.resolve("work-mismatch");
        run(0, "transcode", input.toString(), out.toString(), "--chunks", "2", "--preset", "ultrafast",
                "--work-dir", work.toString(), "--keep-work-dir", "-q", "--json");
        // A plan that expects one frame more in chunk 1 than the input has there.
        ObjectNode plan = (ObjectNode) JSON.readTree(work.resolve("plan.json").toFile());
        // The last chunk decodes to the end of the input: it cannot find the frame the plan now wants.
        var list = plan.get("chunks");
        ObjectNode last = (ObjectNode) list.get(list.size() - 1);
        last.put("frames", last.get("frames").asLong() + 1);
        int lastIndex = last.get("index").asInt();
        Files.writeString(work.resolve("plan.json"), JSON.writeValueAsString(plan));
        Files.delete(out);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Reel.execute("transcode", input.toString(), out.toString(), "--chunks", "2", "--preset", "ultrafast",
                    "--work-dir", work.toString(), "--resume", "-q");
        } finally {
            System.setErr(old);
        }
        assertEquals(ExitCodes.INPUT_INVALID, code, err.toString(StandardCharsets.UTF_8));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("chunk " + lastIndex + " (frames ") && msg.contains("after 3 tries"), msg);
        assertTrue(Files.notExists(out), "no output from a failed job");
    }

    @Test
    void badChunkLengthIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("x.mp4").toString(),
                "--chunks", "soon", "-q"));
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("x.mp4").toString(),
                "--chunks", "--vcodec", "copy", "-q"));
        assertEquals(ExitCodes.USAGE, Reel.execute("transcode", input.toString(), dir.resolve("x.mp4").toString(),
                "--resume", "-q"));
    }

    /** Decoded frames equal the input's (MD5 each), timestamps continuous, audio ends as in the input. */
    @Test
    void videoStartingAfterTheAudioKeepsEveryFrameAndTheContainerDefaults() throws Exception {
        // The video's first frame one frame after the input's start (audio leads, as in MP4s that
        // ffmpeg joined): chunk times count from that frame. WebM: VP9 chunks, audio encoded to Opus once.
        Path lead = dir.resolve("lead-in.mp4");
        Ffmpeg.run(List.of("-y", "-itsoffset", "0.04", "-i", input.toString(), "-i", input.toString(),
                "-map", "0:v", "-map", "1:a", "-c", "copy", lead.toString()), Duration.ofSeconds(60));
        Path out = dir.resolve("lead-in.webm");
        JsonNode s = run(0, "transcode", lead.toString(), out.toString(), "--chunks", "2", "--jobs", "2", "-q", "--json");
        int frames = frameMd5(lead, "v").size();
        assertEquals(frames, s.get("frames").asInt(), "frames " + s);
        assertEquals(frames, frameMd5(out, "v").size(), "decoded frames");
        String codecs = new String(Ffmpeg.output(List.of("-i", out.toString(), "-map", "0", "-c", "copy", "-f",
                "framemd5", "-"), Duration.ofSeconds(60)), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("#codec_id")).toList().toString();
        assertEquals("[#codec_id 0: vp9, #codec_id 1: opus]", codecs);
    }

    private static void assertLosslessCopy(Path out) throws Exception {
        List<String[]> a = frameMd5(input, "v");
        List<String[]> b = frameMd5(out, "v");
        assertEquals(a.size(), b.size(), "frame count");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i)[5].strip(), b.get(i)[5].strip(), "frame " + i + " differs");
            assertEquals(i, Long.parseLong(b.get(i)[2].strip()) - Long.parseLong(b.get(0)[2].strip()),
                    "frame " + i + " timestamp (frames are 1/25 s apart)");
        }
        // A/V at the end: audio ends where it does in the input relative to the video's end.
        double inOffset = end(input, "a") - end(input, "v");
        double outOffset = end(out, "a") - end(out, "v");
        assertEquals(inOffset, outOffset, 0.025, "A/V offset at the end");
    }

    /** End time (last pts + duration, seconds) of the first stream of a kind. */
    private static double end(Path f, String kind) throws Exception {
        List<String[]> rows = frameMd5(f, kind);
        String[] last = rows.get(rows.size() - 1);
        String tb = new String(Ffmpeg.output(List.of("-i", f.toString(), "-map", "0:" + kind + ":0", "-c", "copy",
                "-f", "framemd5", "-"), Duration.ofSeconds(60)), StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("#tb 0:")).findFirst().orElseThrow().substring(6).strip();
        String[] nd = tb.split("/");
        double unit = Double.parseDouble(nd[0]) / Double.parseDouble(nd[1]);
        return (Long.parseLong(last[2].strip()) + Long.parseLong(last[4].strip())) * unit;
    }

    private static List<String[]> frameMd5(Path f, String kind) throws Exception {
        String text = new String(Ffmpeg.output(List.of("-i", f.toString(), "-map", "0:" + kind + ":0", "-c", "copy",
                "-f", "framemd5", "-"), Duration.ofSeconds(60)), StandardCharsets.UTF_8);
        if (kind.equals("v")) {
            text = new String(Ffmpeg.output(List.of("-i", f.toString(), "-map", "0:v:0", "-f", "framemd5", "-"),
                    Duration.ofSeconds(60)), StandardCharsets.UTF_8);
        }
        List<String[]> rows = new ArrayList<>();
        text.lines().filter(l -> !l.startsWith("#")).forEach(l -> rows.add(l.split(",")));
        return rows;
    }

    private static JsonNode run(int want, String... args) throws Exception {
        return InProcessRun.json(want, args);
    }
}
