package dev.reel.media.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.component.GraphHarness.Run;
import dev.reel.media.component.GraphHarness.Seen;
import dev.reel.media.ffmpeg.FfTools;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.buffer.RefCounted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frame-to-frame components (scale, crop, rotate, fps) in real graphs on decoded frames of a
 * small clip (320x240, 25 fps, 2 s: 50 frames): sizes, geometry, timing, order and end of stream.
 */
class FrameComponentsTest {
    private static final GraphHarness graphs = GraphHarness.shared();
    private static final String small = TestClips.small().toString();

    /** The run ended cleanly, its header came first and the 50 frames all arrived in order. */
    private static List<Seen> fiftyFramesAfterHeader(Run r) {
        assertTrue(r.result().ok(), () -> "failed in " + r.result().failedComponent() + ": " + r.result().cause());
        assertTrue(r.seen().get(0).message() instanceof StreamInfo, "the stream header goes first");
        List<Seen> frames = r.frames();
        assertEquals(50, frames.size());
        for (int i = 1; i < frames.size(); i++) {
            assertTrue(frames.get(i).seconds() > frames.get(i - 1).seconds(), "frames in presentation order");
        }
        return frames;
    }

    @ParameterizedTest
    @CsvSource({"160:-2, 160, 120", "-2:60, 80, 60", "100:-1, 100, 75", "320:240, 320, 240", "64x48, 64, 48"})
    void scaleGivesTheAskedSize(String spec, int width, int height) {
        for (Seen f : fiftyFramesAfterHeader(graphs.run(new Decode(small), Scale.of(spec)))) {
            assertEquals(width, f.width());
            assertEquals(height, f.height());
        }
    }

    /** The hash of a rectangle (or of the whole picture turned half round) of every source frame. */
    private static List<Integer> sourceLuma(int x, int y, int w, int h, boolean backwards) {
        List<Integer> want = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        graphs.run(new Decode(small), GraphHarness.map(m -> {
            if (m instanceof VideoFrame f) {
                want.add(GraphHarness.luma(f, x, y, w, h, backwards));
            }
            return m;
        }));
        assertEquals(50, want.size());
        return want;
    }

    @ParameterizedTest
    @CsvSource({"100:80:40:60, 100, 80, 40, 60", "200:100, 200, 100, 60, 70", "320:240:0:0, 320, 240, 0, 0",
        "101:81:41:61, 100, 80, 40, 60"})
    void cropCutsTheRectangle(String spec, int width, int height, int x, int y) {
        Crop crop = Crop.of(spec);
        List<Seen> cropped = fiftyFramesAfterHeader(graphs.run(new Decode(small), crop));
        assertEquals(new CropGeometry(width, height, x, y), crop.rectangle(), "on the chroma grid, centred without X:Y");
        List<Integer> want = sourceLuma(x, y, width, height, false);
        for (int i = 0; i < 50; i++) {
            assertEquals(width, cropped.get(i).width());
            assertEquals(height, cropped.get(i).height());
            assertEquals(want.get(i), cropped.get(i).luma(), "frame " + i + " shows the source's rectangle");
        }
    }

    @Test
    void autoCropFindsThePictureInsideBlackBars() {
        Path boxed = TestClips.file("letterbox.mp4");
        // 320x180 picture in a 320x240 frame: 30 px bars above and below.
        FfTools.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "2", "-vf", "pad=320:240:0:30:black",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", boxed.toString());
        Crop crop = Crop.of("auto");
        List<Seen> frames = fiftyFramesAfterHeader(graphs.run(new Decode(boxed.toString()), crop));
        CropGeometry r = crop.rectangle();
        assertEquals(320, r.width());
        assertTrue(Math.abs(r.height() - 180) <= 4 && Math.abs(r.y() - 30) <= 4, () -> "found " + r);
        for (Seen f : frames) {
            assertEquals(r.width(), f.width());
            assertEquals(r.height(), f.height());
        }
    }

    @Test
    void cropLargerThanThePictureFailsNamingCrop() {
        Run r = graphs.run(new Decode(small), Crop.of("400:400"));
        assertEquals("crop", r.result().failedComponent());
        assertTrue(r.result().cause().getMessage().contains("larger than the picture"), r.result().cause().getMessage());
    }

    @ParameterizedTest
    @CsvSource({"90, 240, 320", "-90, 240, 320", "180, 320, 240", "0, 320, 240"})
    void rotateTurnsThePictureAsTheHeaderSays(int degrees, int width, int height) {
        // The header's rotation is what Rotate follows; the clip has none, so it is set here.
        Run r = graphs.run(new Decode(small), GraphHarness.map(m -> m instanceof StreamInfo s ? s.withRotation(degrees) : m),
                new Rotate());
        for (Seen f : fiftyFramesAfterHeader(r)) {
            assertEquals(width, f.width());
            assertEquals(height, f.height());
        }
        assertEquals(Math.floorMod(degrees, 360), r.infos().get(0).rotation(), "the header passes through as it came");
    }

    @Test
    void rotate180TurnsThePictureHalfRound() {
        List<Integer> want = sourceLuma(0, 0, 320, 240, true);
        List<Seen> turned = fiftyFramesAfterHeader(graphs.run(new Decode(small),
                GraphHarness.map(m -> m instanceof StreamInfo s ? s.withRotation(180) : m), new Rotate()));
        for (int i = 0; i < 50; i++) {
            assertEquals(want.get(i), turned.get(i).luma(), "frame " + i + " read backwards");
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 20", "50, 100", "25, 50", "12.5, 25"})
    void fpsDropsOrRepeatsToTheRate(String rate, int frames) {
        Fps fps = Fps.of(rate);
        Run r = graphs.run(new Decode(small), fps);
        assertTrue(r.result().ok(), () -> String.valueOf(r.result().cause()));
        List<Seen> out = r.frames();
        assertEquals(frames, out.size());
        double slot = 1.0 / (fps.rate().num() / (double) fps.rate().den());
        for (int i = 0; i < out.size(); i++) {
            assertEquals(i * slot, out.get(i).seconds(), 1e-9, "constant rate from zero");
        }
    }

    @Test
    void fpsFollowsTimestampsNotFrameCounts() {
        // Frames 10..19 (0.4 s to 0.8 s) go missing: at the same rate, the frame before the hole is
        // repeated until the frame after it is nearer, so the output still has 50 frames on the grid.
        Run r = graphs.run(new Decode(small), GraphHarness.map(m -> {
            if (m instanceof VideoFrame f && f.seconds() > 0.39 && f.seconds() < 0.79) {
                RefCounted.releaseIfCounted(f);
                return null;
            }
            return m;
        }), new Fps(new Rational(25, 1)));
        List<Seen> plain = fiftyFramesAfterHeader(graphs.run(new Decode(small), new Fps(new Rational(25, 1))));
        List<Seen> out = r.frames();
        assertEquals(50, out.size());
        // Slots before 0.58 s (10..14) are nearer frame 9 (0.36 s), the next ones nearer frame 20 (0.8 s).
        for (int i = 0; i < 50; i++) {
            int shown = i >= 10 && i <= 14 ? 9 : i >= 15 && i <= 20 ? 20 : i;
            assertEquals(plain.get(shown).luma(), out.get(i).luma(), "slot " + i + " shows frame " + shown);
            assertEquals(i * 0.04, out.get(i).seconds(), 1e-9);
        }
        assertNotEquals(plain.get(9).luma(), plain.get(20).luma(), "the clip moves");
    }

    @Test
    void nonFrameMessagesPassThroughInOrder() {
        Run r = graphs.run(new Decode(small), new GraphHarness.KeyRequests(0, 25), Scale.of("160:-2"), Crop.of("100:80"),
                Fps.of("25"));
        assertTrue(r.result().ok(), () -> String.valueOf(r.result().cause()));
        assertEquals(3, r.others().size(), "the header and two requests");
        assertTrue(r.seen().get(0).message() instanceof StreamInfo);
        assertEquals(50, r.frames().size());
        long requests = r.others().stream().filter(m -> m instanceof dev.reel.media.frame.ForceKeyframe).count();
        assertEquals(2, requests);
    }
}
