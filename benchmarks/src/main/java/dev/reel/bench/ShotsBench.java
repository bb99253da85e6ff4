package dev.reel.bench;

import dev.reel.media.shots.AnalysisFrame;
import dev.reel.media.shots.Detectors;
import dev.reel.media.shots.ShotsEvaluation;
import dev.reel.media.shots.SparseDecoder;
import dev.reel.samples.Ffmpeg;
import dev.reel.samples.SampleSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code scripts/bench shots}: every detector over the generated suite (F1 on cuts within ±1 frame,
 * F1 on gradual transitions, false positives on flash and motion clips), then the speed of
 * {@code reel shots} against {@code ffmpeg -vf scdet} on a 1080p clip, alternating, in one run.
 */
public final class ShotsBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        String scale = args.length > 1 ? args[1] : "bench";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path suiteDir = dir.resolve("suite-" + scale);
        List<ShotsEvaluation.Sample> samples = new ArrayList<>();
        var suite = SampleSuite.generate(suiteDir, "small".equals(scale) ? SampleSuite.Scale.SMALL : SampleSuite.Scale.BENCH, 1);
        for (var s : suite) {
            samples.add(ShotsEvaluation.Sample.fromTruthFile(s.truth()));
        }
        System.out.println("# suite: " + samples.size() + " clips (" + scale + ")");
        for (String name : Detectors.names()) {
            ShotsEvaluation.Result r = ShotsEvaluation.run(samples, name, Map.of(),
                    "default".equals(name) ? ShotsBench::decode : ShotsBench::decodeEveryFrame);
            System.out.println("# " + r.summary());
            System.out.printf(Locale.ROOT, "bench shots-f1-cut-%s %.3f f1%n", name, r.cuts().f1());
            System.out.printf(Locale.ROOT, "bench shots-f1-gradual-%s %.3f f1%n", name, r.gradual().f1());
            System.out.printf(Locale.ROOT, "bench shots-fp-flash-%s %d count%n", name, r.falsePositives("flash"));
            System.out.printf(Locale.ROOT, "bench shots-fp-motion-%s %d count%n", name, r.falsePositives("motion"));
        }
        // The default detector once more on every frame decoded: skipping must not change what it finds.
        ShotsEvaluation.Result every = ShotsEvaluation.run(samples, "default", Map.of(), ShotsBench::decodeEveryFrame);
        System.out.println("# every frame decoded: " + every.summary());
        System.out.printf(Locale.ROOT, "bench shots-f1-cut-default-every-frame %.3f f1%n", every.cuts().f1());
        System.out.printf(Locale.ROOT, "bench shots-f1-gradual-default-every-frame %.3f f1%n", every.gradual().f1());
        if (seconds <= 0) {
            return; // accuracy only
        }
        Path clip = SampleSuite.benchClip(dir, 1920, 1080, seconds, 1);
        double reelBest = Double.MAX_VALUE;
        double ffBest = Double.MAX_VALUE;
        long rss = 0;
        for (int i = 0; i < 3; i++) {
            PeerRun.Figures r = PeerRun.run(PeerRun.reel(List.of("shots", clip.toString(), "-q", "-o",
                    dir.resolve("bench-shots.json").toString())));
            PeerRun.Figures f = PeerRun.run(Ffmpeg.processBuilder(List.of("-i", clip.toString(), "-vf", "scdet", "-f", "null", "-")));
            System.out.printf(Locale.ROOT, "# run %d: reel shots %.2f s, ffmpeg scdet %.2f s%n", i + 1, r.seconds(), f.seconds());
            reelBest = Math.min(reelBest, r.seconds());
            ffBest = Math.min(ffBest, f.seconds());
            rss = Math.max(rss, r.peakRssKb());
        }
        System.out.printf(Locale.ROOT, "bench shots-speed-ratio %.3f ratio%n", reelBest / ffBest);
        System.out.printf(Locale.ROOT, "bench shots-reel-wall %.2f s%n", reelBest);
        System.out.printf(Locale.ROOT, "bench shots-scdet-wall %.2f s%n", ffBest);
        System.out.printf(Locale.ROOT, "bench shots-reel-peak-rss %d MB%n", rss / 1024);
        Files.deleteIfExists(dir.resolve("bench-shots.json"));
    }

    /** Decodes a clip as {@code reel shots} does for the default detector (reference frames first, the rest where a cut may hide). */
    static long decode(Path clip, Consumer<AnalysisFrame> sink) {
        return SparseDecoder.forEach(clip.toString(), true, sink).frames();
    }

    /** Decodes every frame, as {@code reel shots} does for the other detectors and with {@code --every-frame}. */
    static long decodeEveryFrame(Path clip, Consumer<AnalysisFrame> sink) {
        return SparseDecoder.forEach(clip.toString(), false, sink).frames();
    }
}
