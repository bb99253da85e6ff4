package dev.reel.cli.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output checks -y relaxes: found before any work, each a one-line error with exit code 5. */
class OverwriteOptionTest {
    @TempDir
    Path dir;

    @Test
    void anExistingOutputNeedsMinusY() throws Exception {
        Path in = Files.writeString(dir.resolve("in.mp4"), "x");
        Path out = Files.writeString(dir.resolve("out.mp4"), "y");
        OverwriteOption o = new OverwriteOption();
        UserError e = assertThrows(UserError.class, () -> o.checkOutput(in.toString(), out.toString()));
        assertEquals(ExitCodes.OUTPUT, e.code());
        assertEquals("output exists: " + out + " (use -y to overwrite)", e.getMessage());
        assertThrows(UserError.class, () -> o.checkAbsent(out));
        o.overwrite = true;
        assertDoesNotThrow(() -> o.checkOutput(in.toString(), out.toString()));
        assertDoesNotThrow(() -> o.checkAbsent(out));
    }

    @Test
    void theInputIsNeverAnOutputEvenWithMinusY() throws Exception {
        Path in = Files.writeString(dir.resolve("in.mp4"), "x");
        OverwriteOption o = new OverwriteOption();
        o.overwrite = true;
        String same = dir.resolve("sub/../in.mp4").toString();
        UserError e = assertThrows(UserError.class, () -> o.checkOutput(in.toString(), same));
        assertEquals(ExitCodes.OUTPUT, e.code());
        assertEquals("output is the same file as the input: " + same, e.getMessage());
    }

    @Test
    void anOutputNeedsAWritableDirectoryButStreamsPass() throws Exception {
        OverwriteOption o = new OverwriteOption();
        Path out = dir.resolve("missing/out.mp4");
        UserError e = assertThrows(UserError.class, () -> o.checkOutput("in.mp4", out.toString()));
        assertEquals("cannot write to " + out.getParent() + ": not a writable directory", e.getMessage());
        assertDoesNotThrow(() -> o.checkOutput("in.mp4", "-"));
        assertDoesNotThrow(() -> o.checkOutput("in.mp4", "udp://127.0.0.1:1234"));
    }
}
