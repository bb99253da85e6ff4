package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the builder's frame arithmetic exactly: flat gray shots, encoded losslessly, so every frame's mean luma
 * says whether it is pure shot picture, a transition mix, a flash or the fade color.
 */
class ClipBuilderExactTest {

    @TempDir
    Path dir;

    private static Content flat(int gray) {
        return (c, n, out) -> Contents.f("color=c=0x%02x%02x%02x:s=%s:r=%s[%s]", gray, gray, gray, c.size(),
                c.rate().expr(), out);
    }

    /** Black and white as the gray thumbnails show them (full range). */
    private static final int BLACK = 0;
    private static final int WHITE = 255;

    @Test
    void everyJoinKindAtRationalRate() throws IOException {
        int[] gray = {60, 200, 120, 40, 180, 90, 220};
        ClipBuilder b = new ClipBuilder("exact", 64, 36, new Rate(24000, 1001), ClipBuilder.Codec.FFV1, 1)
                .fadeInFrom("black", 2, 5)
                .shot(flat(gray[0]), 10).cut()
                .shot(flat(gray[1]), 8).dissolve(4)
                .shot(flat(gray[2]), 9).flash(3, 2).xfade("wipeleft", Truth.WIPE, 6)
                .shot(flat(gray[3]), 7).fade("white", 3, 3, 5)
                .shot(flat(gray[4]), 6).xfade("dissolve", Truth.DISSOLVE, 5)
                .shot(flat(gray[5]), 5).fade("black", 4, 2, 4)
                .shot(flat(gray[6]), 5).fadeOutTo("black", 3, 2);
        Sample s = b.build(dir, Duration.ofMinutes(2));
        Truth t = s.readTruth();
        byte[] luma = FrameProbe.luma(s.video(), 8, 8);
        int size = 64;
        int frames = luma.length / size;
        assertEquals(t.video().frames(), frames);
        double[] mean = new double[frames];
        for (int i = 0; i < frames; i++) {
            mean[i] = FrameProbe.mean(luma, size, i);
        }

        // shots: constant picture except flash frames, which are brighter
        double[] shotLuma = new double[t.shots().size()];
        for (int i = 0; i < t.shots().size(); i++) {
            Truth.Shot shot = t.shots().get(i);
            double v = mean[shot.startFrame()];
            shotLuma[i] = v;
            for (int f = shot.startFrame(); f <= shot.endFrame(); f++) {
                if (t.flashes().contains(f)) {
                    assertTrue(mean[f] > v + 40, "flash frame " + f + " not bright");
                } else {
                    assertEquals(v, mean[f], 0.01, "frame " + f + " of shot " + shot.index());
                }
            }
        }
        assertEquals(List.of(t.shots().get(2).startFrame() + 3, t.shots().get(2).startFrame() + 4), t.flashes());

        // shots and transitions tile the clip
        int next = 0;
        int shotIdx = 0;
        int transIdx = 0;
        while (next < frames) {
            if (shotIdx < t.shots().size() && t.shots().get(shotIdx).startFrame() == next) {
                next = t.shots().get(shotIdx++).endFrame() + 1;
            } else {
                Truth.Transition tr = t.transitions().get(transIdx++);
                if (tr.isCut()) {
                    continue;
                }
                assertEquals(next, tr.startFrame(), "gap before " + tr);
                next = tr.endFrame() + 1;
            }
        }
        assertEquals(frames, next);

        for (Truth.Transition tr : t.transitions()) {
            if (tr.isCut()) {
                assertTrue(Math.abs(mean[tr.frame()] - mean[tr.frame() - 1]) > 50, "cut " + tr);
                continue;
            }
            int s0 = tr.startFrame();
            int e0 = tr.endFrame();
            double before = s0 > 0 ? mean[s0 - 1] : Double.NaN;
            double after = e0 + 1 < frames ? mean[e0 + 1] : Double.NaN;
            switch (tr.type()) {
                case Truth.FADE_OUT -> {
                    double color = mean[e0];
                    assertTrue(Math.abs(color - BLACK) < 1 || Math.abs(color - WHITE) < 1, "fade color " + tr);
                    assertNotEquals(before, mean[s0], 0.5, "first fade-out frame is dimmed " + tr);
                    assertNotEquals(color, mean[s0], 0.5);
                    for (int f = s0 + 1; f <= e0; f++) {
                        assertTrue(Math.abs(mean[f] - color) < Math.abs(mean[f - 1] - color) || mean[f] == color,
                                "fade-out monotonic at " + f);
                    }
                }
                case Truth.FADE_IN -> {
                    double color = mean[s0];
                    assertTrue(Math.abs(color - BLACK) < 1 || Math.abs(color - WHITE) < 1, "fade color " + tr);
                    assertNotEquals(after, mean[e0], 0.5, "last fade-in frame is still dimmed " + tr);
                    assertNotEquals(color, mean[e0], 0.5);
                }
                default -> {
                    for (int f = s0; f <= e0; f++) {
                        assertTrue(mean[f] > Math.min(before, after) + 0.5 && mean[f] < Math.max(before, after) - 0.5,
                                tr + " frame " + f + " is a mix: " + mean[f] + " between " + before + " and " + after);
                    }
                }
            }
        }
        assertEquals(List.of("fade-in", "cut", "dissolve", "wipe", "fade-out", "fade-in", "dissolve", "fade-out",
                "fade-in", "fade-out"), t.transitions().stream().map(Truth.Transition::type).toList());
        // lengths as declared: mixed frames plus the color holds of fades
        assertEquals(List.of(7, 1, 4, 6, 3 + 2, 1 + 5, 5, 4 + 1, 1 + 4, 3 + 2),
                t.transitions().stream().map(tr -> tr.lastFrame() - tr.firstFrame() + 1).toList());
    }

    @Test
    void decimatedClipKeepsTimestamps() throws IOException {
        ClipBuilder b = new ClipBuilder("vfr_exact", 64, 36, Rate.of(60), ClipBuilder.Codec.FFV1, 1)
                .shot(flat(50), 20).decimate(2, 0).cut()
                .shot(flat(150), 24).decimate(4, 0).cut()
                .shot(flat(100), 10).cut()
                .shot(flat(200), 30).decimate(2, 5);
        Sample s = b.build(dir, Duration.ofMinutes(2));
        Truth t = s.readTruth();
        FrameProbe.Frames probe = FrameProbe.frames(s.video());
        // 10 + 6 + 10 + (15 minus every 5th) frames
        assertEquals(10 + 6 + 10 + 12, t.video().frames());
        assertEquals(t.video().frames(), probe.count());
        assertEquals(List.of(10, 16, 26), t.cutFrames());
        for (Truth.Transition c : t.transitions()) {
            assertEquals(c.time(), probe.time(c.frame()), 0.0005);
        }
        for (Truth.Shot shot : t.shots()) {
            assertEquals(shot.start(), probe.time(shot.startFrame()), 0.0005);
        }
        assertEquals(20 / 60.0, probe.time(10), 1e-9);
        assertEquals((20 + 24) / 60.0, probe.time(16), 1e-9);
        assertTrue(t.video().vfr());
    }
}
