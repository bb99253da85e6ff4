package dev.reel.media.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers of a recording get one clear error for a damaged manifest (cases found by scripts/fuzz). */
class ManifestCheckTest {
    @TempDir
    Path dir;

    private static final String SEGMENT = "{\"seq\":1,\"file\":\"20261130T021500Z-000001.ts\",\"start\":\"2026-11-30T02:15:00Z\","
            + "\"end\":\"2026-11-30T02:15:06Z\",\"duration\":6.0}";

    private void write(String segment) throws IOException {
        Files.writeString(dir.resolve(Manifest.FILE), "{\"version\":1,\"segments\":[" + segment + "],\"gaps\":[]}");
    }

    @Test
    void aGoodManifestLoads() throws IOException {
        write(SEGMENT);
        assertEquals(1, Manifest.loadChecked(dir).segments.size());
    }

    @Test
    void damagedFieldsAreOneClearError() throws IOException {
        String[][] cases = {
            {"\"start\":\"2026-11-30T02:15:00Z\"", "\"start\":\"../../../etc/passwd\"", "segment 1 start is not a time"},
            {"\"end\":\"2026-11-30T02:15:06Z\",", "", "segment 1 end is not a time"},
            {"\"file\":\"20261130T021500Z-000001.ts\"", "\"file\":\"../x.ts\"", "no plain file name"},
            {"\"file\":\"20261130T021500Z-000001.ts\",", "", "no plain file name"},
            {"\"duration\":6.0", "\"duration\":-1", "bad duration"},
        };
        for (String[] c : cases) {
            write(SEGMENT.replace(c[0], c[1]));
            IOException e = assertThrows(IOException.class, () -> Manifest.loadChecked(dir), c[1]);
            assertTrue(e.getMessage().startsWith("damaged manifest.json: ") && e.getMessage().contains(c[2]), e.getMessage());
        }
        Files.writeString(dir.resolve(Manifest.FILE), "{\"version\":1,\"segments\":null,\"gaps\":null,\"stats\":null}");
        Manifest m = Manifest.loadChecked(dir);
        assertTrue(m.segments.isEmpty() && m.gaps.isEmpty() && m.stats != null, "missing lists are empty lists");
    }
}
