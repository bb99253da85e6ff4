package dev.reel.media.ffmpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Tiny clips made once per test JVM with the bundled ffmpeg (2 cores shared: keep them small). */
public final class TestClips {
    private static Path dir;
    private static Path small;
    private static Path tiny;

    private TestClips() {
    }

    public static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("reel-ffmpeg-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> s = Files.walk(d)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temp dir
                }
            }));
        }
        return dir;
    }

    /** 320x240, 25 fps, 2 s, h264 + aac (44.1 kHz mono): 50 video frames. */
    public static synchronized Path small() {
        if (small == null) {
            small = FfTools.clip(dir(), "small.mp4", 320, 240, 2);
        }
        return small;
    }

    /** 64x48, 25 fps, 0.4 s: for loops. */
    public static synchronized Path tiny() {
        if (tiny == null) {
            tiny = FfTools.clip(dir(), "tiny.mp4", 64, 48, 0.4);
        }
        return tiny;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }
}
