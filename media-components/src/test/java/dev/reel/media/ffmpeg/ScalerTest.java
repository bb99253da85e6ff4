package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.buffer.LeakTracker;

/** The scaler sizes as ffmpeg's scale filter does and makes small, packed, pooled analysis copies. */
class ScalerTest {

    @Test
    void sizesFollowFfmpegScaleRules() {
        assertEquals(new Scaler.Size(1280, 720), Scaler.resolve(1920, 1080, -2, 720));
        assertEquals(new Scaler.Size(256, 144), Scaler.resolve(1920, 1080, 256, -2));
        assertEquals(new Scaler.Size(160, 120), Scaler.resolve(320, 240, 160, -1));
        assertEquals(new Scaler.Size(135, 101), Scaler.resolve(320, 240, -1, 101));
        assertEquals(new Scaler.Size(134, 100), Scaler.resolve(320, 240, -2, 100));
        assertEquals(0, Scaler.resolve(1000, 333, 500, -2).height() % 2);
    }

    @Test
    void analysisCopiesAreSmallPackedAndPooled() {
        int base = LeakTracker.live();
        try (FrameSource src = new FrameSource(TestClips.small());
                Scaler gray = Scaler.analysis(256, PixelFormats.GRAY8);
                Scaler rgb = Scaler.analysis(256, PixelFormats.RGB24)) {
            VideoFrame f = src.next();
            VideoFrame g = gray.scale(f);
            assertEquals(256, g.width());
            assertEquals(192, g.height());
            assertEquals(256, g.linesize(0), "packed rows");
            assertEquals(f.pts(), g.pts());
            assertEquals(f.timeBase(), g.timeBase());
            ByteBuffer y = g.plane(0);
            assertEquals(256 * 192, y.remaining());
            // testsrc2 is not flat: the analysis copy has real picture content
            int min = 255;
            int max = 0;
            for (int i = 0; i < y.remaining(); i++) {
                int v = y.get(i) & 0xff;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min > 100, "contrast " + min + ".." + max);
            VideoFrame c = rgb.scale(f);
            assertEquals(768, c.linesize(0));
            long addr = g.avFrame().data(0).address();
            g.release();
            VideoFrame f2 = src.next();
            VideoFrame g2 = gray.scale(f2);
            assertEquals(addr, g2.avFrame().data(0).address(), "buffer reused from the pool");
            g2.release();
            f2.release();
            c.release();
            f.release();
        }
        assertEquals(base, LeakTracker.live());
    }
}
