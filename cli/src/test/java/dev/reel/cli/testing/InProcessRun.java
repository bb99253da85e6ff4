package dev.reel.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.Reel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in this JVM and reads the last line it printed as JSON (a command's {@code --json} summary). */
public final class InProcessRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessRun() {
    }

    /** Runs {@code reel args}, asserts the exit code is {@code want}, returns the last stdout line as JSON. */
    public static JsonNode json(int want, String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Reel.execute(args);
        } finally {
            System.setOut(old);
        }
        String text = buf.toString(StandardCharsets.UTF_8).strip();
        assertEquals(want, code, "reel " + String.join(" ", args) + ": " + text);
        return JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
    }
}
