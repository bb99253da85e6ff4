package dev.reel.media.shots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Accuracy of detectors against ground truth, for tests and the shots benchmark. The matching rules are
 * those of samples-media's {@code TruthScorer} (re-implemented here so that src/main does not depend on
 * samples-media):
 * <ul>
 *   <li>Cuts: a detected cut matches a true cut within {@code ±tolerance} frames (default 1), one-to-one,
 *       closest pairs first; a true cut left over may be matched by a detected gradual transition
 *       covering it (± tolerance).</li>
 *   <li>Gradual transitions (dissolve, fades, wipe): any remaining detection (gradual, or a cut) matches
 *       a true one when it overlaps the true interval widened by the tolerance, one-to-one, closest
 *       centres first. The type is not compared (reported separately as {@code typeMatches}).</li>
 *   <li>Unmatched detections are false positives; per clip tag (e.g. {@code flash}, {@code motion}) and,
 *       within 2 frames of a true flash frame, as flash false positives.</li>
 * </ul>
 * Detection cost is measured as thread CPU time per frame inside {@code accept}/{@code finish}.
 * Decoding is pluggable ({@link FrameSource}); callers pass clip paths and parsed truth (the truth
 * file format is {@link ShotListJson}, plus optional {@code tags} and {@code flashes}).
 */
public final class ShotsEvaluation {
    private ShotsEvaluation() {}

    /** Decodes a clip into analysis frames (one reused frame is fine); returns the number of frames. */
    @FunctionalInterface
    public interface FrameSource {
        long decode(Path clip, Consumer<AnalysisFrame> sink) throws IOException;
    }

    /** A clip, its true transitions, its tags (e.g. "flash", "motion") and its true flash frames. */
    public record Sample(String name, Path clip, List<Transition> truth, Set<String> tags, List<Long> flashes) {
        public Sample {
            truth = List.copyOf(truth);
            tags = Set.copyOf(tags);
            flashes = List.copyOf(flashes);
        }

        public Sample(String name, Path clip, List<Transition> truth) {
            this(name, clip, truth, Set.of(), List.of());
        }

        /** True for clips that must have no detection at all (no true transition). */
        public boolean negative() { return truth.isEmpty(); }

        /** Reads {@code <name>.truth.json}; the clip is the file named by its "input" field next to it. */
        public static Sample fromTruthFile(Path truthFile) throws IOException {
            String json = Files.readString(truthFile);
            ShotList t = ShotListJson.parse(json);
            JsonNode root = new ObjectMapper().readTree(json);
            Set<String> tags = new LinkedHashSet<>();
            for (JsonNode n : root.path("tags")) {
                tags.add(n.asText());
            }
            List<Long> flashes = new ArrayList<>();
            for (JsonNode n : root.path("flashes")) {
                flashes.add(n.asLong());
            }
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
            return new Sample(name, clip, t.transitions(), tags, flashes);
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

    /**
     * Result on one clip. {@code falsePositives}: all unmatched detections; {@code flashFalsePositives}:
     * those within 2 frames of a true flash.
     */
    public record SampleResult(Sample sample, List<Transition> detected, Score cuts, Score gradual, int typeMatches,
                               int falsePositives, int flashFalsePositives, long frames, double microsPerFrame) {
        public int negativeCuts() { return sample.negative() ? cuts.fp() : 0; }
        public int negativeGradual() { return sample.negative() ? gradual.fp() : 0; }
    }

    /**
     * Totals over a suite. {@code falsePositivesByTag}: unmatched detections counted under every tag of
     * their clip (so "flash" and "motion" count false detections on flash and motion clips).
     */
    public record Result(String detector, Map<String, String> params, Score cuts, Score gradual, int typeMatches,
                         int negativeCuts, int negativeGradual, int flashFalsePositives,
                         Map<String, Integer> falsePositivesByTag, double microsPerFrame, List<SampleResult> samples) {
        public int falsePositives(String tag) { return falsePositivesByTag.getOrDefault(tag, 0); }

        public String summary() {
            return String.format(Locale.ROOT,
                    "%-10s cuts F1 %.3f (P %.3f R %.3f, tp %d fp %d fn %d) | gradual F1 %.3f (P %.3f R %.3f, tp %d fp %d fn %d, type ok %d)"
                            + " | FP on flash clips %d (at flashes %d), motion clips %d, negatives %d | %.1f us/frame",
                    detector, cuts.f1(), cuts.precision(), cuts.recall(), cuts.tp(), cuts.fp(), cuts.fn(),
                    gradual.f1(), gradual.precision(), gradual.recall(), gradual.tp(), gradual.fp(), gradual.fn(), typeMatches,
                    falsePositives("flash"), flashFalsePositives, falsePositives("motion"), negativeCuts + negativeGradual,
                    microsPerFrame);
        }
    }

    /** Runs one detector over all samples. */
    public static Result run(List<Sample> samples, String detector, Map<String, String> params, FrameSource source)
            throws IOException {
        List<SampleResult> out = new ArrayList<>();
        Score cuts = Score.ZERO, grad = Score.ZERO;
        int types = 0, negCuts = 0, negGrad = 0, flashFp = 0;
        Map<String, Integer> byTag = new TreeMap<>();
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
            flashFp += r.flashFalsePositives();
            for (String tag : s.tags()) {
                byTag.merge(tag, r.falsePositives(), Integer::sum);
            }
            frames += r.frames();
            nanos += r.microsPerFrame() * 1000 * r.frames();
        }
        return new Result(detector, params == null ? Map.of() : params, cuts, grad, types, negCuts, negGrad, flashFp,
                Map.copyOf(byTag), frames == 0 ? 0 : nanos / 1000 / frames, out);
    }

    public static SampleResult evaluate(Sample s, String detector, Map<String, String> params, FrameSource source)
            throws IOException {
        ShotDetector d = Detectors.create(detector, params);
        List<Transition> found = new ArrayList<>();
        d.setListener(found::add);
        long[] nanos = new long[1];
        long n = source.decode(s.clip(), f -> {
            long t0 = cpuNanos();
            d.accept(f);
            nanos[0] += cpuNanos() - t0;
        });
        long t0 = cpuNanos();
        d.finish();
        nanos[0] += cpuNanos() - t0;
        return score(s, found, 1, n, n == 0 ? 0 : nanos[0] / 1000.0 / n);
    }

    /** Scores detections on one sample (see the class comment for the rules). */
    public static SampleResult score(Sample s, List<Transition> detected, int tolerance, long frames, double microsPerFrame) {
        List<Transition> trueCuts = new ArrayList<>(), trueGrad = new ArrayList<>();
        for (Transition t : s.truth()) {
            (t.isCut() ? trueCuts : trueGrad).add(t);
        }
        List<Transition> detCuts = new ArrayList<>(), detGrad = new ArrayList<>();
        for (Transition t : detected) {
            (t.isCut() ? detCuts : detGrad).add(t);
        }
        boolean[] tcHit = new boolean[trueCuts.size()], tgHit = new boolean[trueGrad.size()];
        boolean[] dcUsed = new boolean[detCuts.size()], dgUsed = new boolean[detGrad.size()];
        int[] types = new int[1];
        int cutTp = match(trueCuts, tcHit, detCuts, dcUsed, (t, d) -> {
            long dist = Math.abs(t.frame() - d.frame());
            return dist <= tolerance ? dist : -1;
        }, null);
        cutTp += match(trueCuts, tcHit, detGrad, dgUsed, (t, d) ->
                d.startFrame() - tolerance <= t.frame() && t.frame() <= d.endFrame() + tolerance ? d.endFrame() - d.startFrame() : -1, null);
        Distance overlap = (t, d) -> {
            if (d.endFrame() < t.startFrame() - tolerance || d.startFrame() > t.endFrame() + tolerance) {
                return -1;
            }
            return Math.abs((t.startFrame() + t.endFrame()) - (d.startFrame() + d.endFrame()));
        };
        int gradTp = match(trueGrad, tgHit, detGrad, dgUsed, overlap, types);
        gradTp += match(trueGrad, tgHit, detCuts, dcUsed, overlap, null);
        List<Transition> unmatched = new ArrayList<>();
        for (int i = 0; i < detCuts.size(); i++) {
            if (!dcUsed[i]) {
                unmatched.add(detCuts.get(i));
            }
        }
        for (int i = 0; i < detGrad.size(); i++) {
            if (!dgUsed[i]) {
                unmatched.add(detGrad.get(i));
            }
        }
        int cutFp = (int) unmatched.stream().filter(Transition::isCut).count();
        int flashFp = 0;
        for (Transition d : unmatched) {
            for (long f : s.flashes()) {
                if (d.startFrame() - 2 <= f && f <= d.endFrame() + 2) {
                    flashFp++;
                    break;
                }
            }
        }
        Score c = new Score(cutTp, cutFp, trueCuts.size() - cutTp);
        Score g = new Score(gradTp, unmatched.size() - cutFp, trueGrad.size() - gradTp);
        return new SampleResult(s, List.copyOf(detected), c, g, types[0], unmatched.size(), flashFp, frames, microsPerFrame);
    }

    @FunctionalInterface
    private interface Distance {
        /** Non-negative distance when truth t and detection d may match, else -1. */
        long of(Transition t, Transition d);
    }

    /** Greedy one-to-one matching of still unmatched pairs, smallest distance first. */
    private static int match(List<Transition> truths, boolean[] hit, List<Transition> dets, boolean[] used, Distance dist,
                             int[] typeMatches) {
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            if (hit[i]) {
                continue;
            }
            for (int j = 0; j < dets.size(); j++) {
                if (used[j]) {
                    continue;
                }
                long d = dist.of(truths.get(i), dets.get(j));
                if (d >= 0) {
                    pairs.add(new long[]{d, i, j});
                }
            }
        }
        pairs.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : x[1] != y[1] ? Long.compare(x[1], y[1]) : Long.compare(x[2], y[2]));
        int matched = 0;
        for (long[] p : pairs) {
            int i = (int) p[1], j = (int) p[2];
            if (!hit[i] && !used[j]) {
                hit[i] = used[j] = true;
                matched++;
                if (typeMatches != null && truths.get(i).type() == dets.get(j).type()) {
                    typeMatches[0]++;
                }
            }
        }
        return matched;
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of this thread where supported (a shared machine makes wall time meaningless), else wall time. */
    static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Per-sample lines: counts, and the truth and detections of clips with errors. */
    public static String details(Result r) {
        StringBuilder sb = new StringBuilder();
        for (SampleResult s : r.samples()) {
            sb.append(String.format(Locale.ROOT, "  %-16s cuts tp %d fp %d fn %d | gradual tp %d fp %d fn %d%n",
                    s.sample().name(), s.cuts().tp(), s.cuts().fp(), s.cuts().fn(), s.gradual().tp(), s.gradual().fp(), s.gradual().fn()));
            if (s.cuts().fp() + s.cuts().fn() + s.gradual().fp() + s.gradual().fn() > 0) {
                sb.append("     truth: ").append(s.sample().truth()).append('\n');
                sb.append("     found: ").append(s.detected()).append('\n');
            }
        }
        return sb.toString();
    }
}
