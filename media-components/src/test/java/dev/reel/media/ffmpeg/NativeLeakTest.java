package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.buffer.LeakTracker;

/** Contexts, frames and packets are freed: a long loop over files does not grow native memory. */
class NativeLeakTest {

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static void decodeOnce(Path file) {
        try (FrameSource src = new FrameSource(file); Scaler s = Scaler.analysis(32, PixelFormats.GRAY8)) {
            VideoFrame f;
            while ((f = src.next()) != null) {
                VideoFrame g = s.scale(f);
                VideoFrame c = f.crop(2, 2, 32, 32);
                g.release();
                c.release();
                f.release();
            }
        }
    }

    @Test
    void fiveHundredFilesDoNotLeak() throws IOException {
        Path tiny = TestClips.tiny();
        int base = LeakTracker.live();
        for (int i = 0; i < 50; i++) {
            decodeOnce(tiny); // warm up pools and arenas
        }
        long before = rssKb();
        for (int i = 0; i < 450; i++) {
            decodeOnce(tiny);
        }
        long grown = rssKb() - before;
        assertEquals(base, LeakTracker.live(), String.join("; ", LeakTracker.report()));
        // A leaked decoder context alone is hundreds of kB; 450 of them would be far above this.
        assertTrue(grown < 24 * 1024, "RSS grew by " + grown + " kB over 450 files");
    }

    @Test
    void encodersAndMuxersAreFreed() throws IOException {
        Path tiny = TestClips.tiny();
        for (int i = 0; i < 10; i++) {
            TranscodeFixture.run(new TranscodeFixture.Job(tiny.toString(), TestClips.file("loop.mkv").toString()).audioCodec("aac"));
        }
        long before = rssKb();
        for (int i = 0; i < 60; i++) {
            TranscodeFixture.run(new TranscodeFixture.Job(tiny.toString(), TestClips.file("loop.mkv").toString()).audioCodec("aac"));
        }
        long grown = rssKb() - before;
        assertTrue(grown < 24 * 1024, "RSS grew by " + grown + " kB over 60 transcodes");
    }
}
