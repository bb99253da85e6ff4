package dev.reel.bench;

import dev.reel.media.ffmpeg.Probe;
import dev.reel.samples.Ffmpeg;
import dev.reel.samples.SampleSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/bench transcode}: reel against the bundled ffmpeg on the same 1080p clip with the
 * same settings, alternating, 3 runs each. Prints wall-time ratios, peak memory and frame counts.
 */
public final class TranscodeBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(dir);
        Path in = SampleSuite.benchClip(dir, 1920, 1080, seconds, 1);
        System.out.println("# input " + in + " (" + seconds + " s 1080p H.264)");
        scenario("a", in, dir, reps, List.of(), List.of());
        scenario("b", in, dir, reps, List.of("--crop", "1440:810", "--scale", "1280:720"),
                List.of("-vf", "crop=1440:810,scale=1280:720"));
    }

    static void scenario(String name, Path in, Path dir, int reps, List<String> reelArgs, List<String> ffArgs)
            throws Exception {
        Path reelOut = dir.resolve("reel-" + name + ".mp4");
        Path ffOut = dir.resolve("ffmpeg-" + name + ".mp4");
        double reelBest = Double.MAX_VALUE;
        double ffBest = Double.MAX_VALUE;
        long reelRss = 0;
        long ffRss = 0;
        for (int i = 0; i < reps; i++) {
            List<String> r = new ArrayList<>(List.of("transcode", in.toString(), reelOut.toString(), "-y", "-q",
                    "--vcodec", "h264", "--preset", "veryfast", "--crf", "23", "--acodec", "none"));
            r.addAll(reelArgs);
            PeerRun.Figures fr = PeerRun.run(PeerRun.reel(r));
            List<String> f = new ArrayList<>(List.of("-y", "-i", in.toString(), "-an"));
            f.addAll(ffArgs);
            f.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", ffOut.toString()));
            PeerRun.Figures ff = PeerRun.run(Ffmpeg.processBuilder(f));
            if (fr.exit() != 0 || ff.exit() != 0) {
                throw new IllegalStateException("run failed: reel exit " + fr.exit() + ", ffmpeg exit " + ff.exit());
            }
            System.out.printf(Locale.ROOT, "# %s run %d: reel %.2f s, ffmpeg %.2f s%n", name, i + 1, fr.seconds(), ff.seconds());
            reelBest = Math.min(reelBest, fr.seconds());
            ffBest = Math.min(ffBest, ff.seconds());
            reelRss = Math.max(reelRss, fr.peakRssKb());
            ffRss = Math.max(ffRss, ff.peakRssKb());
        }
        System.out.printf(Locale.ROOT, "bench transcode-%s-ratio %.3f ratio%n", name, reelBest / ffBest);
        System.out.printf(Locale.ROOT, "bench transcode-%s-reel-wall %.2f s%n", name, reelBest);
        System.out.printf(Locale.ROOT, "bench transcode-%s-ffmpeg-wall %.2f s%n", name, ffBest);
        System.out.printf(Locale.ROOT, "bench transcode-%s-reel-peak-rss %d MB%n", name, reelRss / 1024);
        System.out.printf(Locale.ROOT, "bench transcode-%s-ffmpeg-peak-rss %d MB%n", name, ffRss / 1024);
        long rf = frames(reelOut);
        long ff = frames(ffOut);
        System.out.printf(Locale.ROOT, "bench transcode-%s-frames-reel %d frames%n", name, rf);
        System.out.printf(Locale.ROOT, "bench transcode-%s-frames-ffmpeg %d frames%n", name, ff);
        if (rf != ff) {
            System.out.println("# WARNING: frame counts differ");
        }
    }

    static long frames(Path p) {
        return Probe.probe(p.toString(), true).streams().stream().filter(s -> "video".equals(s.type())).findFirst()
                .map(s -> s.frameCount() == null ? -1L : s.frameCount()).orElse(-1L);
    }
}
