package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.buffer.LeakTracker;

/** The video encoder converts frames of another size or format and picks a pixel format it can take. */
class EncoderTest {

    @Test
    void framesOfOtherSizeOrFormatAreConverted() {
        int base = LeakTracker.live();
        try (FrameSource src = new FrameSource(TestClips.small());
                Scaler toRgb = new Scaler(320, 240, PixelFormats.RGB24);
                VideoEncoder enc = VideoEncoder.open(new VideoEncoder.Settings().preset("ultrafast"), 160, 120,
                        PixelFormats.YUV420P, src.demuxer().stream(0).timeBase(), new Rational(25, 1))) {
            assertEquals("libx264", enc.name());
            assertEquals(src.demuxer().stream(0).timeBase(), enc.timeBase());
            int packets = 0;
            VideoFrame f;
            int i = 0;
            while ((f = src.next()) != null) {
                if (i++ % 2 == 0) {
                    enc.send(f); // 320x240 yuv420p: scaled
                } else {
                    VideoFrame rgb = toRgb.scale(f);
                    enc.send(rgb); // rgb24: converted
                    rgb.release();
                }
                f.release();
                Packet p;
                while ((p = enc.receive()) != null) {
                    assertEquals(enc.timeBase(), p.timeBase());
                    packets++;
                    p.release();
                }
            }
            enc.sendEof();
            Packet p;
            while ((p = enc.receive()) != null) {
                packets++;
                p.release();
            }
            assertEquals(50, packets);
            assertEquals(50, enc.framesIn());
        }
        assertEquals(base, LeakTracker.live());
    }

    @Test
    void pixelFormatTheEncoderCannotTakeIsPicked() {
        // libx264 has no rgb24 input: the encoder picks yuv420p (plays everywhere) and converts
        try (VideoEncoder enc = VideoEncoder.open(new VideoEncoder.Settings().preset("ultrafast"), 64, 48, PixelFormats.RGB24,
                new Rational(1, 25), new Rational(25, 1))) {
            assertEquals(PixelFormats.YUV420P, enc.pixelFormat());
        }
    }
}
