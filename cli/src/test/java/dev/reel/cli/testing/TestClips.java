package dev.reel.cli.testing;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The clips command tests run on, made by the bundled ffmpeg (no binary fixtures), and the per-frame
 * checksums that compare a decoded output with its input.
 */
public final class TestClips {
    /** Long enough for a small clip on a loaded 2-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private TestClips() {
    }

    /** Runs {@code ffmpeg -y ARGS OUT} and returns {@code out}. */
    public static Path make(Path out, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("-y"));
        cmd.addAll(List.of(args));
        cmd.add(out.toString());
        Ffmpeg.run(cmd, DEFAULT_TIMEOUT);
        return out;
    }

    /**
     * Scenes with cuts for chunked encodes, 192x108 at 25 fps with a 440 Hz tone: a test card, a
     * Mandelbrot zoom and, if {@code mirrored}, the test card again mirrored; H.264 (ultrafast, a key
     * frame at least every 30 frames, then {@code x264Options}) and AAC.
     */
    public static Path scenes(Path out, int cardSeconds, int zoomSeconds, boolean mirrored, String... x264Options)
            throws IOException {
        int total = cardSeconds * (mirrored ? 2 : 1) + zoomSeconds;
        String join = mirrored ? "[0:v]split[a][b];[b]hflip[c];[a][1:v][c]concat=n=3:v=1,format=yuv420p[v]"
                : "[0:v][1:v]concat=n=2:v=1,format=yuv420p[v]";
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=192x108:rate=25:duration=" + cardSeconds,
                "-f", "lavfi", "-t", Integer.toString(zoomSeconds), "-i", "mandelbrot=size=192x108:rate=25",
                "-f", "lavfi", "-i", "sine=f=440:duration=" + total,
                "-filter_complex", join, "-map", "[v]", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast", "-g", "30"));
        args.addAll(List.of(x264Options));
        args.addAll(List.of("-c:a", "aac", "-shortest"));
        return make(out, args.toArray(String[]::new));
    }

    /** The MD5 of each decoded frame of the first video stream of {@code f}, in order. */
    public static List<String> frameMd5s(Path f, Duration timeout) throws IOException {
        String text = new String(Ffmpeg.output(List.of("-i", f.toString(), "-map", "0:v:0", "-f", "framemd5", "-"), timeout),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        text.lines().filter(l -> !l.startsWith("#")).forEach(l -> out.add(l.substring(l.lastIndexOf(',') + 1).strip()));
        return out;
    }
}
