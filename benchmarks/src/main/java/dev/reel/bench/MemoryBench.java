package dev.reel.bench;

import dev.reel.samples.Ffmpeg;
import dev.reel.samples.SampleSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench memory [MINUTES]}: peak resident memory of {@code reel transcode} (x264
 * veryfast CRF 23, 1080p) and {@code reel shots} on a 1-minute input and on a long one (default 10
 * minutes: the 1-minute clip joined end to end by stream copy, so the content is the same), and
 * their ratio. Memory must not grow with the input's length.
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Files.createDirectories(dir);
        Path shortClip = SampleSuite.benchClip(dir, 1920, 1080, 60, 1);
        Path longClip = dir.resolve("bench_1920x1080_" + minutes + "min_1.mp4");
        if (!Files.exists(longClip)) {
            Path list = dir.resolve("concat.txt");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < minutes; i++) {
                sb.append("file '").append(shortClip.toAbsolutePath()).append("'\n");
            }
            Files.writeString(list, sb);
            Path tmp = dir.resolve(".long.part.mp4");
            Ffmpeg.run(List.of("-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy",
                    tmp.toString()), Duration.ofMinutes(5));
            Files.move(tmp, longClip);
            Files.delete(list);
        }
        System.out.println("# inputs " + shortClip + " (1 min), " + longClip + " (" + minutes + " min)");
        Path out = dir.resolve("memory-out.mp4");
        long[] transcode = new long[2];
        long[] shots = new long[2];
        Path[] clips = {shortClip, longClip};
        for (int i = 0; i < 2; i++) {
            transcode[i] = peak(List.of("transcode", clips[i].toString(), out.toString(), "-y", "-q", "--vcodec", "h264",
                    "--preset", "veryfast", "--crf", "23", "--acodec", "none"));
            shots[i] = peak(List.of("shots", clips[i].toString(), "-q", "-o", dir.resolve("memory-shots.json").toString()));
            System.out.printf(Locale.ROOT, "# %s: transcode %d MB, shots %d MB%n", i == 0 ? "1 min" : minutes + " min",
                    transcode[i] / 1024, shots[i] / 1024);
        }
        print("transcode", minutes, transcode);
        print("shots", minutes, shots);
        Files.deleteIfExists(out);
        Files.deleteIfExists(dir.resolve("memory-shots.json"));
    }

    private static long peak(List<String> args) throws Exception {
        PeerRun.Figures f = PeerRun.run(PeerRun.reel(new ArrayList<>(args)));
        if (f.exit() != 0) {
            throw new IllegalStateException("reel " + args.get(0) + " failed with exit " + f.exit());
        }
        return f.peakRssKb();
    }

    private static void print(String what, int minutes, long[] kb) {
        System.out.printf(Locale.ROOT, "bench memory-%s-1min-peak-rss %d MB%n", what, kb[0] / 1024);
        System.out.printf(Locale.ROOT, "bench memory-%s-%dmin-peak-rss %d MB%n", what, minutes, kb[1] / 1024);
        System.out.printf(Locale.ROOT, "bench memory-%s-growth %.3f ratio%n", what, (double) kb[1] / kb[0]);
    }
}
