package dev.reel.bench.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak of scripts/soak, three minutes long (the CI version): every fault kind once, the same pass
 * criteria; resources may grow more (50 %) since three minutes are mostly warm-up.
 */
class SoakTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(480)
    void threeMinutesOfRecordingUnderFaultsPass() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Soak.Report r = Soak.run(new Soak.Config(3.0 / 60, tmp.resolve("soak"), 15, 5, 30, 0.5), log);
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(r.pass(), out);
        assertTrue(Files.size(tmp.resolve("soak/soak.png")) > 1000, "a plot");
        List<String> csv = Files.readAllLines(tmp.resolve("soak/soak.csv"));
        assertTrue(csv.size() >= 25, "samples every 5 s: " + csv.size());
        assertTrue(out.contains("soak pass"), out);
        // Every fault kind happened (the tmpfs ones only where mounting is permitted).
        for (String kind : List.of("sender_restart", "sender_pause", "garbage", "kill")) {
            assertTrue(out.contains(kind + "="), kind + " missing: " + out);
        }
    }
}
