package dev.reel.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Scores shot-boundary detections against a hand-annotated real-footage truth file (the development
 * set's {@code truth.json}), with the conventions of that set (the same results as its reference
 * scorer):
 * <ul>
 *   <li>a true cut at {@code f} is found by a detection touching {@code [f-1, f+1]}; a true gradual
 *       transition {@code [s, e]} by one touching {@code [s-2, e+2]}; cuts are matched first, then
 *       gradual transitions, each in truth order, each taking the unused detection whose centre is
 *       nearest (one-to-one; the first in start order on a tie);</li>
 *   <li>an unmatched detection touching a gradual or ignore span widened by 1 is neutral; every other
 *       unmatched detection is a false alarm;</li>
 *   <li>precision and recall over all transitions count all false alarms; so do those over cuts
 *       (a false alarm is a false cut, whatever its type).</li>
 * </ul>
 * Differs from {@link TruthScorer} (the generated suite's scorer): no cut/gradual type split of false
 * alarms, the wider gradual tolerance, and ignore spans.
 */
public final class DevsetScorer {
    public static final int CUT_TOLERANCE = 1;
    public static final int GRADUAL_TOLERANCE = 2;
    public static final int NEUTRAL_REACH = 1;

    private DevsetScorer() {
    }

    /** An inclusive frame span. */
    public record Span(long start, long end) {
        public Span {
            if (end < start) throw new IllegalArgumentException("span end " + end + " before start " + start);
        }

        public static Span of(long frame) {
            return new Span(frame, frame);
        }

        boolean touches(long a, long b) {
            return !(end < a || start > b);
        }
    }

    /** One annotated clip: its true cuts (first frame of the new shot), gradual spans and ignore spans. */
    public record Clip(String id, String file, String half, List<Long> cuts, List<Span> gradual, List<Span> ignore) {
        public Clip {
            cuts = List.copyOf(cuts);
            gradual = List.copyOf(gradual);
            ignore = List.copyOf(ignore);
        }

        /** A clip with no true cut nor gradual transition: every detection on it is a false alarm. */
        public boolean negative() {
            return cuts.isEmpty() && gradual.isEmpty();
        }
    }

    /** Hits, false alarms and truth sizes; sums over clips with {@link #plus}. */
    public record Result(int cutHits, int gradualHits, int falseAlarms, int cuts, int graduals) {
        public static final Result ZERO = new Result(0, 0, 0, 0, 0);

        public Result plus(Result o) {
            return new Result(cutHits + o.cutHits, gradualHits + o.gradualHits, falseAlarms + o.falseAlarms,
                    cuts + o.cuts, graduals + o.graduals);
        }

        public double precision() {
            return ratio(cutHits + gradualHits, cutHits + gradualHits + falseAlarms);
        }

        public double recall() {
            return ratio(cutHits + gradualHits, cuts + graduals);
        }

        public double f1() {
            return f1(precision(), recall());
        }

        public double cutPrecision() {
            return ratio(cutHits, cutHits + falseAlarms);
        }

        public double cutRecall() {
            return ratio(cutHits, cuts);
        }

        public double cutF1() {
            return f1(cutPrecision(), cutRecall());
        }

        public double gradualRecall() {
            return ratio(gradualHits, graduals);
        }

        /** One line as the reference scorer prints it. */
        public String summary() {
            return String.format(Locale.ROOT, "all P=%.3f R=%.3f F1=%.3f | cuts R=%.3f F1=%.3f | gradual R=%d/%d | false=%d",
                    precision(), recall(), f1(), cutRecall(), cutF1(), gradualHits, graduals, falseAlarms);
        }

        private static double ratio(int a, int b) {
            return b == 0 ? 1.0 : (double) a / b;
        }

        private static double f1(double p, double r) {
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    /** Reads every clip of a truth file ({@code videos}, plus {@code videos_extra} and {@code videos_github} if present). */
    public static List<Clip> readTruth(Path truthJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(truthJson.toFile());
        List<Clip> out = new ArrayList<>();
        for (String list : List.of("videos", "videos_extra", "videos_github")) {
            for (JsonNode v : root.path(list)) {
                List<Long> cuts = new ArrayList<>();
                for (JsonNode c : v.path("cuts")) cuts.add(c.asLong());
                out.add(new Clip(v.path("id").asText(), v.path("file").asText(v.path("id").asText()),
                        v.path("half").asText(""), cuts, spans(v.path("gradual")), spans(v.path("ignore"))));
            }
        }
        return out;
    }

    private static List<Span> spans(JsonNode list) throws IOException {
        List<Span> out = new ArrayList<>();
        for (JsonNode s : list) {
            if (!s.isArray() || s.size() != 2) throw new IOException("span must be [start, end]: " + s);
            out.add(new Span(s.get(0).asLong(), s.get(1).asLong()));
        }
        return out;
    }

    /** Scores one clip's detections (cuts as one-frame spans, gradual transitions as their first..last frame). */
    public static Result score(Clip clip, List<Span> detections) {
        return match(clip, detections).result();
    }

    /** What a clip's scoring found: the result, the true events missed and the false alarms. */
    public record Match(Result result, List<Long> missedCuts, List<Span> missedGradual, List<Span> falseAlarms) {
        /** "missed cuts [..] missed gradual [..] false [..]", the non-empty parts only. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (!missedCuts.isEmpty()) sb.append(" missed cuts ").append(missedCuts);
            if (!missedGradual.isEmpty()) sb.append(" missed gradual ").append(spans(missedGradual));
            if (!falseAlarms.isEmpty()) sb.append(" false ").append(spans(falseAlarms));
            return sb.toString().trim();
        }

        private static String spans(List<Span> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Span s : l) {
                if (sb.length() > 1) sb.append(", ");
                sb.append(s.start() == s.end() ? Long.toString(s.start()) : s.start() + "-" + s.end());
            }
            return sb.append(']').toString();
        }
    }

    /** Scores one clip and lists what was missed and the false alarms. */
    public static Match match(Clip clip, List<Span> detections) {
        List<Span> dets = new ArrayList<>(detections);
        dets.sort(Comparator.comparingLong(Span::start).thenComparingLong(Span::end));
        boolean[] used = new boolean[dets.size()];
        List<Long> missedCuts = new ArrayList<>();
        for (long f : clip.cuts()) {
            if (!take(dets, used, f - CUT_TOLERANCE, f + CUT_TOLERANCE)) missedCuts.add(f);
        }
        List<Span> missedGradual = new ArrayList<>();
        for (Span g : clip.gradual()) {
            if (!take(dets, used, g.start() - GRADUAL_TOLERANCE, g.end() + GRADUAL_TOLERANCE)) missedGradual.add(g);
        }
        List<Span> neutral = new ArrayList<>(clip.gradual());
        neutral.addAll(clip.ignore());
        List<Span> falseAlarms = new ArrayList<>();
        for (int i = 0; i < dets.size(); i++) {
            if (used[i]) continue;
            Span d = dets.get(i);
            boolean isNeutral = false;
            for (Span n : neutral) {
                if (d.touches(n.start() - NEUTRAL_REACH, n.end() + NEUTRAL_REACH)) {
                    isNeutral = true;
                    break;
                }
            }
            if (!isNeutral) falseAlarms.add(d);
        }
        Result r = new Result(clip.cuts().size() - missedCuts.size(), clip.gradual().size() - missedGradual.size(),
                falseAlarms.size(), clip.cuts().size(), clip.gradual().size());
        return new Match(r, List.copyOf(missedCuts), List.copyOf(missedGradual), List.copyOf(falseAlarms));
    }

    /** Marks the unused detection touching [a, b] with the nearest centre as used; false when there is none. */
    private static boolean take(List<Span> dets, boolean[] used, long a, long b) {
        int best = -1;
        long bestDist = Long.MAX_VALUE;
        for (int i = 0; i < dets.size(); i++) {
            Span d = dets.get(i);
            if (used[i] || !d.touches(a, b)) continue;
            long dist = Math.abs((d.start() + d.end()) - (a + b)); // twice the centre distance
            if (dist < bestDist) {
                bestDist = dist;
                best = i;
            }
        }
        if (best < 0) return false;
        used[best] = true;
        return true;
    }
}
