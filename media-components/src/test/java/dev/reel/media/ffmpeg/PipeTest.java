package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** "-" means stdin / stdout: non-seekable, so fragmented MP4 or streamable containers. */
class PipeTest {

    private static Process child(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                PipeMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void writesFragmentedMp4ToStdout() throws Exception {
        Process p = child(TestClips.small().toString(), "-", "mp4");
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Path file = TestClips.file("from-stdout.mp4");
        Files.write(file, out);
        JsonNode probe = FfTools.probe(file);
        assertEquals(50, FfTools.stream(probe, "video").get("nb_read_frames").asInt());
        assertNotNull(FfTools.stream(probe, "audio"));
        assertTrue(new String(out, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ftyp"));
        assertTrue(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1).contains("moof"), "fragmented");
    }

    @Test
    void readsStdinWritesFile() throws Exception {
        Path ts = TestClips.file("pipe-in.ts");
        FfTools.ffmpeg("-i", TestClips.small().toString(), "-c", "copy", ts.toString());
        Path out = TestClips.file("from-stdin.mkv");
        Process p = child("-", out.toString());
        try (var in = p.getOutputStream()) {
            Files.copy(ts, in);
        }
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(50, FfTools.stream(FfTools.probe(out), "video").get("nb_read_frames").asInt());
    }
}
