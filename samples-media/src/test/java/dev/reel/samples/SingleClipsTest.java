package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleClipsTest {

    @TempDir
    Path dir;

    @Test
    void benchClipIsCachedByName() throws IOException {
        Path a = SampleSuite.benchClip(dir, 320, 180, 6, 7);
        Truth t = Truth.read(dir.resolve(a.getFileName().toString().replace(".mp4", ".truth.json")));
        assertEquals(180, t.video().frames());
        assertEquals(180, FrameProbe.frames(a).count());
        assertTrue(t.transitions().size() >= 1, "scene changes every few seconds");
        var modified = Files.getLastModifiedTime(a);
        long t0 = System.nanoTime();
        Path b = SampleSuite.benchClip(dir, 320, 180, 6, 7);
        assertEquals(a, b);
        assertEquals(modified, Files.getLastModifiedTime(b));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "second call reuses the file");
    }

    @Test
    void avClipBeepsAtTheKnownFrame() throws IOException {
        int fps = 25;
        int beepFrame = 37;
        Path clip = SampleSuite.avClip(dir, 320, 180, fps, 3, beepFrame, 3);
        AvTruth t = AvTruth.read(dir.resolve(clip.getFileName().toString().replace(".mp4", ".truth.json")));
        assertEquals(beepFrame, t.beepFrame());
        assertEquals(beepFrame / 25.0, t.beepTime(), 1e-9);
        assertEquals(75, FrameProbe.frames(clip).count());

        byte[] pcm = Ffmpeg.output(List.of("-i", clip.toString(), "-map", "0:a:0", "-ac", "1", "-ar", "48000",
                "-f", "s16le", "-"), Duration.ofMinutes(1));
        int samples = pcm.length / 2;
        assertEquals(3 * 48000, samples, 1024.0, "audio length");
        int onset = -1;
        int end = -1;
        for (int i = 0; i < samples; i++) {
            int v = Math.abs((short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)));
            if (v > 3000) {
                if (onset < 0) {
                    onset = i;
                }
                end = i;
            }
        }
        // AAC smears an onset by at most a short block; the edit list removes the encoder delay
        assertEquals(t.beepSample(), onset, 48 * 3, "beep onset sample");
        assertEquals(t.beepSample() + 4800, end, 48 * 3, "beep end sample");

        byte[] luma = FrameProbe.luma(clip, 16, 9);
        int m0 = t.markerFrames().get(0);
        int m1 = t.markerFrames().get(1);
        assertEquals(beepFrame, m0);
        double marked = FrameProbe.mean(luma, 144, m0);
        assertTrue(FrameProbe.meanAbsDiff(luma, 144, m0 - 1, m0) > 8, "marker appears at the beep frame");
        assertTrue(FrameProbe.meanAbsDiff(luma, 144, m1, m1 + 1) > 8, "marker disappears after the beep");
        assertTrue(marked > FrameProbe.mean(luma, 144, m0 - 1));
    }

    @Test
    void letterboxHasBlackBarsAroundAKnownPicture() throws IOException {
        Path clip = SampleSuite.letterboxed(dir, 320, 240, 320, 136, 2, 5);
        CropTruth t = CropTruth.read(dir.resolve(clip.getFileName().toString().replace(".mp4", ".truth.json")));
        assertEquals("crop=320:136:0:52", t.cropFilter());
        byte[] frame = Ffmpeg.output(List.of("-i", clip.toString(), "-map", "0:v:0", "-frames:v", "1",
                "-vf", "format=gray", "-f", "rawvideo", "-"), Duration.ofMinutes(1));
        assertEquals(320 * 240, frame.length);
        for (int y = 0; y < 240; y++) {
            double row = 0;
            for (int x = 0; x < 320; x++) {
                row += frame[y * 320 + x] & 0xff;
            }
            row /= 320;
            boolean inside = y >= t.cropY() && y < t.cropY() + t.cropHeight();
            // rows beside the edge may carry a little compression ringing, hence the margin
            boolean nearEdge = Math.abs(y - t.cropY()) <= 1 || Math.abs(y - (t.cropY() + t.cropHeight())) <= 1;
            if (!nearEdge) {
                assertTrue(inside ? row > 40 : row < 20, "row " + y + " mean " + row);
            }
        }
        assertEquals(50, FrameProbe.frames(clip).count());
    }
}
