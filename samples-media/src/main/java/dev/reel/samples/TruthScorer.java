package dev.reel.samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores detected transitions against a {@link Truth}.
 *
 * <ul>
 *   <li>Cuts: a detected cut matches a true cut within ±{@code tolerance} frames, one-to-one (closest pairs first).
 *       A true cut left over may also be matched by a detected gradual transition that covers it.</li>
 *   <li>Gradual transitions: a detection (gradual, or a cut not used above) matches a true gradual transition
 *       when it overlaps the true interval widened by {@code tolerance} frames, one-to-one. A cut at the frame
 *       right after the interval counts, since that is where a detector that reports one boundary puts it.</li>
 *   <li>Unmatched detections are false positives of their kind; they are also counted per tag of the clip
 *       (e.g. {@code flash}, {@code motion}, {@code static}) and, when within 2 frames of a true flash frame,
 *       as flash false positives.</li>
 * </ul>
 */
public final class TruthScorer {

    public static final int DEFAULT_TOLERANCE = 1;
    private static final int FLASH_REACH = 2;

    private TruthScorer() {
    }

    /** True/false positives and misses of one kind. Ratios are 1.0 when their denominator is 0. */
    public record Counts(int truePositives, int falsePositives, int falseNegatives) {
        public static final Counts ZERO = new Counts(0, 0, 0);

        public double precision() {
            int d = truePositives + falsePositives;
            return d == 0 ? 1.0 : (double) truePositives / d;
        }

        public double recall() {
            int d = truePositives + falseNegatives;
            return d == 0 ? 1.0 : (double) truePositives / d;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }

        public Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)",
                    precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
        }
    }

    /**
     * @param falsePositivesByTag unmatched detections, counted once under every tag of the clip they occur in
     * @param flashFalsePositives unmatched detections within 2 frames of a true flash frame
     */
    public record Score(Counts cuts, Counts graduals, Counts all, int flashFalsePositives,
                        Map<String, Integer> falsePositivesByTag) {
        public static final Score ZERO = new Score(Counts.ZERO, Counts.ZERO, Counts.ZERO, 0, Map.of());

        public Score {
            falsePositivesByTag = Collections.unmodifiableMap(new TreeMap<>(falsePositivesByTag));
        }

        public Score plus(Score o) {
            Map<String, Integer> tags = new TreeMap<>(falsePositivesByTag);
            o.falsePositivesByTag.forEach((k, v) -> tags.merge(k, v, Integer::sum));
            return new Score(cuts.plus(o.cuts), graduals.plus(o.graduals), all.plus(o.all),
                    flashFalsePositives + o.flashFalsePositives, tags);
        }

        public int falsePositives(String tag) {
            return falsePositivesByTag.getOrDefault(tag, 0);
        }

        @Override
        public String toString() {
            return "cuts " + cuts + ", graduals " + graduals + ", all " + all + ", flash FP " + flashFalsePositives
                    + ", FP by tag " + falsePositivesByTag;
        }
    }

    public static Score score(Truth truth, Truth detected) {
        return score(truth, detected, DEFAULT_TOLERANCE);
    }

    public static Score score(Truth truth, Truth detected, int tolerance) {
        List<Truth.Transition> trueCuts = new ArrayList<>();
        List<Truth.Transition> trueGraduals = new ArrayList<>();
        for (Truth.Transition t : truth.transitions()) {
            (t.isCut() ? trueCuts : trueGraduals).add(t);
        }
        List<Truth.Transition> detCuts = new ArrayList<>();
        List<Truth.Transition> detGraduals = new ArrayList<>();
        for (Truth.Transition t : detected.transitions()) {
            (t.isCut() ? detCuts : detGraduals).add(t);
        }
        boolean[] trueCutHit = new boolean[trueCuts.size()];
        boolean[] trueGradHit = new boolean[trueGraduals.size()];
        boolean[] detCutUsed = new boolean[detCuts.size()];
        boolean[] detGradUsed = new boolean[detGraduals.size()];

        // 1. cut to cut, closest first
        int cutTp = match(trueCuts, trueCutHit, detCuts, detCutUsed,
                (t, d) -> Math.abs(t.frame() - d.frame()) <= tolerance ? Math.abs(t.frame() - d.frame()) : -1);
        // 1b. a true cut reported as a short gradual transition around it
        cutTp += match(trueCuts, trueCutHit, detGraduals, detGradUsed,
                (t, d) -> d.firstFrame() - tolerance <= t.frame() && t.frame() <= d.lastFrame() + tolerance
                        ? d.lastFrame() - d.firstFrame() : -1);
        // 2. gradual transitions, by any remaining detection overlapping them
        Distance overlap = (t, d) -> gradualDistance(t, d, tolerance);
        int gradTp = match(trueGraduals, trueGradHit, detGraduals, detGradUsed, overlap);
        gradTp += match(trueGraduals, trueGradHit, detCuts, detCutUsed, overlap);

        List<Truth.Transition> unmatched = new ArrayList<>();
        int cutFp = 0;
        for (int i = 0; i < detCuts.size(); i++) {
            if (!detCutUsed[i]) {
                cutFp++;
                unmatched.add(detCuts.get(i));
            }
        }
        int gradFp = 0;
        for (int i = 0; i < detGraduals.size(); i++) {
            if (!detGradUsed[i]) {
                gradFp++;
                unmatched.add(detGraduals.get(i));
            }
        }
        Counts cuts = new Counts(cutTp, cutFp, trueCuts.size() - cutTp);
        Counts graduals = new Counts(gradTp, gradFp, trueGraduals.size() - gradTp);

        int flashFp = 0;
        for (Truth.Transition d : unmatched) {
            for (int f : truth.flashes()) {
                if (d.firstFrame() - FLASH_REACH <= f && f <= d.lastFrame() + FLASH_REACH) {
                    flashFp++;
                    break;
                }
            }
        }
        Map<String, Integer> byTag = new TreeMap<>();
        for (String tag : truth.tags()) {
            byTag.put(tag, unmatched.size());
        }
        return new Score(cuts, graduals, cuts.plus(graduals), flashFp, byTag);
    }

    /** Sums scores, e.g. over a suite. */
    public static Score sum(Iterable<Score> scores) {
        Score total = Score.ZERO;
        for (Score s : scores) {
            total = total.plus(s);
        }
        return total;
    }

    /** Distance of centres when a detection overlaps the widened true interval, else -1. */
    private static int gradualDistance(Truth.Transition truth, Truth.Transition det, int tolerance) {
        int s = truth.firstFrame() - tolerance;
        int e = truth.lastFrame() + tolerance;
        if (det.lastFrame() < s || det.firstFrame() > e) {
            return -1;
        }
        int trueMid = truth.firstFrame() + truth.lastFrame();
        int detMid = det.firstFrame() + det.lastFrame();
        return Math.abs(trueMid - detMid);
    }

    @FunctionalInterface
    private interface Distance {
        /** Non-negative distance when {@code t} and {@code d} may match, else -1. */
        int of(Truth.Transition t, Truth.Transition d);
    }

    /** Greedy one-to-one matching of still unmatched pairs, smallest distance first; returns the match count. */
    private static int match(List<Truth.Transition> truths, boolean[] truthHit, List<Truth.Transition> dets,
                             boolean[] detUsed, Distance distance) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            if (truthHit[i]) {
                continue;
            }
            for (int j = 0; j < dets.size(); j++) {
                if (detUsed[j]) {
                    continue;
                }
                int d = distance.of(truths.get(i), dets.get(j));
                if (d >= 0) {
                    pairs.add(new int[] {d, i, j});
                }
            }
        }
        pairs.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]).thenComparingInt(p -> p[2]));
        int matched = 0;
        for (int[] p : pairs) {
            if (!truthHit[p[1]] && !detUsed[p[2]]) {
                truthHit[p[1]] = true;
                detUsed[p[2]] = true;
                matched++;
            }
        }
        return matched;
    }
}
