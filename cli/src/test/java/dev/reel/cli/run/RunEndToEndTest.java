package dev.reel.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.Reel;
import dev.reel.cli.testing.TestClips;
import dev.reel.media.ffmpeg.Probe;
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

/** {@code reel run} on a tiny generated clip: a tee into two transcodes, metrics, stats, errors. */
class RunEndToEndTest {
    @TempDir
    static Path dir;
    static Path clip;

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestClips.make(dir.resolve("in.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi",
                "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest");
    }

    private static Probe.Stream stream(Probe.Result r, String type) {
        return r.streams().stream().filter(s -> type.equals(s.type())).findFirst().orElse(null);
    }

    @Test
    void teeIntoTwoTranscodesWithMetrics() throws Exception {
        Path a = dir.resolve("a.mp4");
        Path b = dir.resolve("b.mkv");
        Path metrics = dir.resolve("m.jsonl");
        Path dot = dir.resolve("g.dot");
        String graph = "decode " + clip + " ! tee name=t  t. ! encode preset=ultrafast ! mux " + a
                + "  t. ! scale 160:-2 ! encode crf=30 preset=ultrafast ! mux " + b + "  decode.audio ! mux.audio";
        int code = Reel.execute("run", "--metrics", metrics.toString(), "--metrics-interval", "100", "--dot",
                dot.toString(), "--workers", "2", graph);
        assertEquals(0, code);

        Probe.Result ra = Probe.probe(a.toString(), true);
        Probe.Stream va = stream(ra, "video");
        assertEquals("h264", va.codec());
        assertEquals(320, va.width());
        assertEquals(240, va.height());
        assertEquals(50, va.frameCount());
        assertNotNull(stream(ra, "audio"), "audio copied into a.mp4");
        Probe.Result rb = Probe.probe(b.toString(), true);
        Probe.Stream vb = stream(rb, "video");
        assertEquals(160, vb.width());
        assertEquals(120, vb.height());
        assertEquals(50, vb.frameCount());
        assertEquals(null, stream(rb, "audio"), "b.mkv has no audio link");

        List<String> lines = Files.readAllLines(metrics);
        assertFalse(lines.isEmpty());
        ObjectMapper json = new ObjectMapper();
        JsonNode last = json.readTree(lines.get(lines.size() - 1));
        assertTrue(last.get("final").asBoolean());
        assertEquals("run", last.get("graph").asText());
        assertEquals(7, last.get("components").size()); // decode t encode mux scale encode2 mux2
        JsonNode dec = null;
        for (JsonNode c : last.get("components")) {
            if (c.get("name").asText().equals("decode")) {
                dec = c;
            }
            assertTrue(c.get("busy_pct").asDouble() >= 0 && c.has("core") && c.has("state"));
        }
        assertNotNull(dec);
        assertTrue(dec.get("messages_out").asLong() >= 51, dec.toString()); // header + 50 frames (+ audio)
        boolean audioLink = false;
        for (JsonNode l : last.get("links")) {
            assertTrue(l.get("capacity").asInt() >= 8 && l.has("fill") && l.has("per_s"));
            audioLink |= l.get("from").asText().equals("decode.audio") && l.get("capacity").asInt() == 256;
        }
        assertTrue(audioLink, last.get("links").toString());
        for (String l : lines) {
            assertTrue(json.readTree(l).get("components").isArray());
        }
        assertTrue(Files.readString(dot).contains("\"decode\" -> \"t\""));
    }

    @Test
    void fileFormAndOverwrite() throws Exception {
        Path out = dir.resolve("f.mp4");
        Path g = dir.resolve("g.reel");
        Files.writeString(g, "# one-second cut, cropped\ndecode '" + clip + "' duration=1 ! crop 160:120 ! \n"
                + "  encode preset=ultrafast ! mux '" + out + "'   # the output\n");
        assertEquals(0, Reel.execute("run", "-f", g.toString()));
        Probe.Stream v = stream(Probe.probe(out.toString(), true), "video");
        assertEquals(160, v.width());
        assertEquals(25, v.frameCount());
        String err = stderr(() -> assertEquals(ExitCodes.OUTPUT, Reel.execute("run", "-f", g.toString())));
        assertTrue(err.contains("output exists") && err.contains("(use -y to overwrite)"), err);
        assertEquals(0, Reel.execute("run", "-y", "-f", g.toString()));
    }

    @Test
    void errorsThroughTheCommand() throws Exception {
        String err = stderr(() -> assertEquals(ExitCodes.USAGE,
                Reel.execute("run", "decode", clip.toString(), "!", "encdoe", "!", "mux", dir.resolve("x.mp4").toString())));
        String[] lines = err.split("\n");
        assertTrue(lines[0].startsWith("reel: unknown component 'encdoe' (did you mean encode?)"), err);
        int col = lines[1].indexOf("encdoe");
        assertEquals(" ".repeat(col) + "^^^^^^", lines[2]);
        err = stderr(() -> assertEquals(ExitCodes.INPUT_MISSING,
                Reel.execute("run", "decode " + dir.resolve("nope.mp4") + " ! encode ! mux " + dir.resolve("y.mp4"))));
        assertTrue(err.contains("input not found"), err);
    }

    private static String stderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
