package dev.reel.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.cli.Reel;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.ShotListJson;
import dev.reel.samples.Sample;
import dev.reel.samples.SampleSuite;
import dev.reel.samples.Truth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second example: a tee that writes a transcode, per-shot thumbnails and a shots file. */
class RunShotsTeeTest {
    @TempDir
    Path dir;

    @Test
    void teeWritesTranscodeThumbnailsAndShots() throws Exception {
        Sample s = SampleSuite.generate(dir.resolve("suite"), SampleSuite.Scale.SMALL, 1, n -> n.equals("static")).get(0);
        Truth truth = Truth.read(s.truth());
        Path out = dir.resolve("out.mp4");
        Path thumbs = dir.resolve("thumbs");
        Path shots = dir.resolve("shots.json");
        String graph = "decode " + s.video() + " ! shots output=" + shots + " ! tee name=t"
                + "  t. ! crop auto ! encode crf=20 preset=ultrafast ! mux " + out
                + "  t. ! thumbnails " + thumbs + " width=160";
        assertEquals(0, Reel.execute("run", graph));
        ShotList list = ShotListJson.read(shots);
        assertEquals(truth.cutFrames().size() + 1, list.shots().size());
        try (Stream<Path> files = Files.list(thumbs)) {
            List<Path> jpgs = files.filter(p -> p.toString().endsWith(".jpg")).toList();
            assertEquals(list.shots().size(), jpgs.size());
            for (Path j : jpgs) {
                byte[] b = Files.readAllBytes(j);
                assertTrue(b.length > 100 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8, "not a JPEG: " + j);
            }
        }
        Probe.Stream v = Probe.probe(out.toString(), true).streams().get(0);
        assertEquals((long) truth.video().frames(), v.frameCount());
    }
}
