package dev.reel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FfmpegTest {

    @Test
    void executableIsBundledAndCached() {
        assertTrue(Files.isExecutable(Ffmpeg.executable()));
        assertEquals(Ffmpeg.executable(), Ffmpeg.executable());
    }

    @Test
    void outputCapturesStdout() throws IOException {
        byte[] raw = Ffmpeg.output(List.of("-f", "lavfi", "-i", "color=c=white:s=16x8:r=10:d=1", "-vf",
                "format=gray", "-f", "rawvideo", "-"), Duration.ofSeconds(30));
        assertEquals(10 * 16 * 8, raw.length);
        assertEquals(255, raw[0] & 0xff);
    }

    @Test
    void failureCarriesStderr() {
        IOException e = assertThrows(IOException.class, () -> Ffmpeg.run(List.of("-f", "lavfi", "-i",
                "nosuchsource", "-f", "null", "-"), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("nosuchsource"), e.getMessage());
    }

    @Test
    void timeoutKillsTheProcess() {
        long t0 = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> Ffmpeg.run(List.of("-re", "-f", "lavfi", "-i",
                "testsrc2=s=64x36:r=10", "-f", "null", "-"), Duration.ofMillis(800)));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L);
    }
}
