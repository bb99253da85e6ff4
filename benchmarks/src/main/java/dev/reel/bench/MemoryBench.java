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
 * their ratio. Memory must not grow with the input's length. {@code batch}: see {@link #batch}.
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        Files.createDirectories(dir);
        if (args.length > 1 && args[1].equals("batch")) {
            batch(dir);
            return;
        }
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
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

    /**
     * {@code scripts/bench memory batch}: peak RSS of {@code reel transcode --output-dir} over 50 and
     * over 500 short files (1 s, 320x240, H.264 + AAC, links to one clip): a per-file native leak
     * shows as growth.
     */
    static void batch(Path dir) throws Exception {
        Path clip = dir.resolve("batch-clip.mp4");
        if (!Files.exists(clip)) {
            Ffmpeg.run(List.of("-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi",
                    "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", clip.toString()), Duration.ofSeconds(60));
        }
        long[] kb = new long[2];
        int[] counts = {50, 500};
        for (int i = 0; i < 2; i++) {
            Path in = dir.resolve("batch-in-" + counts[i]);
            Path out = dir.resolve("batch-out-" + counts[i]);
            deleteTree(in);
            deleteTree(out);
            Files.createDirectories(in);
            List<String> args = new ArrayList<>(List.of("transcode"));
            for (int n = 0; n < counts[i]; n++) {
                Path f = in.resolve(String.format(Locale.ROOT, "clip%03d.mp4", n));
                Files.createLink(f, clip);
                args.add(f.toString());
            }
            args.addAll(List.of("--output-dir", out.toString(), "-q", "--preset", "ultrafast", "--acodec", "aac"));
            long t0 = System.nanoTime();
            kb[i] = peak(args);
            System.out.printf(Locale.ROOT, "# %d files: peak RSS %d MB, %.1f s%n", counts[i], kb[i] / 1024,
                    (System.nanoTime() - t0) / 1e9);
            deleteTree(in);
            deleteTree(out);
        }
        System.out.printf(Locale.ROOT, "bench memory-batch-50-peak-rss %d MB%n", kb[0] / 1024);
        System.out.printf(Locale.ROOT, "bench memory-batch-500-peak-rss %d MB%n", kb[1] / 1024);
        System.out.printf(Locale.ROOT, "bench memory-batch-growth %.3f ratio%n", (double) kb[1] / kb[0]);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
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
