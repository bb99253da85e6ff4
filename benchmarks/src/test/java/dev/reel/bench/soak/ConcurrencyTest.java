package dev.reel.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/soak concurrent for 40 s (the CI version): four recorders of one live stream and two 1080p
 * transcodes at a time on the machine's cores; no recorder loses more than its leaky links report,
 * every segment and transcode is whole.
 */
class ConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(600)
    void fourRecordersAndTwoTranscodesAtOnce() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
        boolean pass = Concurrency.run(40.0 / 60, tmp.resolve("conc"), log);
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(pass, out);
        assertEquals(Concurrency.RECORDERS, out.lines().filter(l -> l.startsWith("concurrency recorder ")
                && l.contains(" of 1000 frames recorded")).count(), out);
        assertTrue(out.contains("concurrency pass"), out);
    }
}
