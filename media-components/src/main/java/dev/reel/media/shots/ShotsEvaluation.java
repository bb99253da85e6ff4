package dev.reel.media.shots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Accuracy of detectors against ground truth, for tests and the shots benchmark.
 *
 * <ul>
 *   <li>Cuts: a detected cut matches a true cut within {@code ±tolerance} frames (default 1),
 *       one-to-one, nearest first.</li>
 *   <li>Gradual transitions (dissolve, fades, wipe): a detected gradual transition matches a true one
 *       when their frame intervals overlap, one-to-one, largest overlap first; the type is not
 *       compared (reported separately as {@code typeMatches}).</li>
 *   <li>Negative samples (truth without transitions: flashes, pans, zooms, moving objects) count every
 *       detection as a false positive ({@code negativeCuts}, {@code negativeGradual}).</li>
 * </ul>
 * Decoding is pluggable ({@link FrameSource}); this class does not depend on samples-media: callers
 * pass clip paths and parsed truth (the truth file format is {@link ShotListJson}).
 */
public final class ShotsEvaluation {
    private ShotsEvaluation() {}

    /** Decodes a clip into analysis frames (one reused frame is fine); returns the number of frames. */
    @FunctionalInterface
    public interface FrameSource {
        long decode(Path clip, Consumer<AnalysisFrame> sink) throws IOException;
    }

    /** A clip and its true transitions; {@code category} is free text (e.g. "flash", "motion", "cuts"). */
    public record Sample(String name, Path clip, List<Transition> truth, String category) {
        public Sample {
            truth = List.copyOf(truth);
        }

        public boolean negative() { return truth.isEmpty(); }

        /** Reads {@code <name>.truth.json}; the clip is the file named by its "input" field next to it. */
        public static Sample fromTruthFile(Path truthFile) throws IOException {
            ShotList t = ShotListJson.read(truthFile);
            String file = truthFile.getFileName().toString();
            String name = file.endsWith(".truth.json") ? file.substring(0, file.length() - ".truth.json".length()) : file;
            Path dir = truthFile.toAbsolutePath().getParent();
            Path clip = t.input().isEmpty() ? null : dir.resolve(Path.of(t.input()).getFileName().toString());
            if (clip == null || !Files.exists(clip)) {
                try (var s = Files.list(dir)) {
                    clip = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(name + ".") && !n.endsWith(".json");
                    }).findFirst().orElseThrow(() -> new IOException("no clip for " + truthFile));
                }
            }
            return new Sample(name, clip, t.transitions(), "");
        }
    }

    /** True/false positives and misses. */
    public record Score(int tp, int fp, int fn) {
        public double precision() { return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp); }
        public double recall() { return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn); }
        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        public Score plus(Score o) { return new Score(tp + o.tp, fp + o.fp, fn + o.fn); }
        static final Score ZERO = new Score(0, 0, 0);
    }

    public record SampleResult(Sample sample, List<Transition> detected, Score cuts, Score gradual, int typeMatches,
                               long frames, double microsPerFrame) {
        public int negativeCuts() { return sample.negative() ? cuts.fp() : 0; }
        public int negativeGradual() { return sample.negative() ? gradual.fp() : 0; }
    }

    public record Result(String detector, Map<String, String> params, Score cuts, Score gradual, int typeMatches,
                         int negativeCuts, int negativeGradual, double microsPerFrame, List<SampleResult> samples) {
        public String summary() {
            return String.format(Locale.ROOT,
                    "%-10s cuts F1 %.3f (P %.3f R %.3f, tp %d fp %d fn %d) | gradual F1 %.3f (P %.3f R %.3f, tp %d fp %d fn %d, type ok %d)"
                            + " | negatives: %d false cuts, %d false gradual | %.1f us/frame",
                    detector, cuts.f1(), cuts.precision(), cuts.recall(), cuts.tp(), cuts.fp(), cuts.fn(),
                    gradual.f1(), gradual.precision(), gradual.recall(), gradual.tp(), gradual.fp(), gradual.fn(), typeMatches,
                    negativeCuts, negativeGradual, microsPerFrame);
        }
    }

    /** Runs one detector over all samples. */
    public static Result run(List<Sample> samples, String detector, Map<String, String> params, FrameSource source)
            throws IOException {
        List<SampleResult> out = new ArrayList<>();
        Score cuts = Score.ZERO, grad = Score.ZERO;
        int types = 0, negCuts = 0, negGrad = 0;
        long frames = 0;
        double nanos = 0;
        for (Sample s : samples) {
            SampleResult r = evaluate(s, detector, params, source);
            out.add(r);
            cuts = cuts.plus(r.cuts());
            grad = grad.plus(r.gradual());
            types += r.typeMatches();
            negCuts += r.negativeCuts();
            negGrad += r.negativeGradual();
            frames += r.frames();
            nanos += r.microsPerFrame() * 1000 * r.frames();
        }
        return new Result(detector, params == null ? Map.of() : params, cuts, grad, types, negCuts, negGrad,
                frames == 0 ? 0 : nanos / 1000 / frames, out);
    }

    public static SampleResult evaluate(Sample s, String detector, Map<String, String> params, FrameSource source)
            throws IOException {
        ShotDetector d = Detectors.create(detector, params);
        List<Transition> found = new ArrayList<>();
        d.setListener(found::add);
        long[] nanos = new long[1];
        long n = source.decode(s.clip(), f -> {
            long t0 = System.nanoTime();
            d.accept(f);
            nanos[0] += System.nanoTime() - t0;
        });
        long t0 = System.nanoTime();
        d.finish();
        nanos[0] += System.nanoTime() - t0;
        Score c = matchCuts(s.truth(), found, 1);
        int[] types = new int[1];
        Score g = matchGradual(s.truth(), found, types);
        return new SampleResult(s, found, c, g, types[0], n, n == 0 ? 0 : nanos[0] / 1000.0 / n);
    }

    /** One-to-one matching of cuts within {@code ±tolerance} frames, nearest pairs first. */
    public static Score matchCuts(List<Transition> truth, List<Transition> detected, int tolerance) {
        List<Transition> t = truth.stream().filter(Transition::isCut).toList();
        List<Transition> d = detected.stream().filter(Transition::isCut).toList();
        boolean[] usedT = new boolean[t.size()], usedD = new boolean[d.size()];
        int tp = 0;
        for (int dist = 0; dist <= tolerance; dist++) {
            for (int i = 0; i < t.size(); i++) {
                if (usedT[i]) continue;
                for (int j = 0; j < d.size(); j++) {
                    if (!usedD[j] && Math.abs(t.get(i).frame() - d.get(j).frame()) == dist) {
                        usedT[i] = usedD[j] = true;
                        tp++;
                        break;
                    }
                }
            }
        }
        return new Score(tp, d.size() - tp, t.size() - tp);
    }

    /** One-to-one matching of gradual transitions by interval overlap; typeMatches[0] counts equal types. */
    public static Score matchGradual(List<Transition> truth, List<Transition> detected, int[] typeMatches) {
        List<Transition> t = truth.stream().filter(x -> !x.isCut()).toList();
        List<Transition> d = detected.stream().filter(x -> !x.isCut()).toList();
        boolean[] usedT = new boolean[t.size()], usedD = new boolean[d.size()];
        int tp = 0;
        while (true) {
            long best = 0;
            int bi = -1, bj = -1;
            for (int i = 0; i < t.size(); i++) {
                if (usedT[i]) continue;
                for (int j = 0; j < d.size(); j++) {
                    if (usedD[j]) continue;
                    long ov = Math.min(t.get(i).endFrame(), d.get(j).endFrame()) - Math.max(t.get(i).startFrame(), d.get(j).startFrame()) + 1;
                    if (ov > best) { best = ov; bi = i; bj = j; }
                }
            }
            if (bi < 0) break;
            usedT[bi] = usedD[bj] = true;
            tp++;
            if (typeMatches != null && t.get(bi).type() == d.get(bj).type()) typeMatches[0]++;
        }
        return new Score(tp, d.size() - tp, t.size() - tp);
    }

    /** Per-sample lines: name, truth and detected counts, misses and false detections. */
    public static String details(Result r) {
        StringBuilder sb = new StringBuilder();
        for (SampleResult s : r.samples()) {
            sb.append(String.format(Locale.ROOT, "  %-16s cuts tp %d fp %d fn %d | gradual tp %d fp %d fn %d%n",
                    s.sample().name(), s.cuts().tp(), s.cuts().fp(), s.cuts().fn(), s.gradual().tp(), s.gradual().fp(), s.gradual().fn()));
        }
        return sb.toString();
    }
}
