package dev.reel.media.shots;

/**
 * Verified gradual transitions waiting to be reported: every scale and both paths may find the same
 * transition with different ends, so overlapping proposals merge, and one is reported (in frame order)
 * once no open window can still overlap it. Remembers recent reports so none is reported twice.
 * Single-threaded.
 */
final class GradualProposals {
    /** Proposals held at once; more are a burst of unrelated findings, flushed early. */
    private static final int MAX_PROPOSALS = 8;
    /** Recent reports remembered (the oldest gives way). */
    private static final int MAX_COVERED = 16;

    /** One verified transition: frames {@code from..to} (seq), its type and score. */
    private static final class Proposal {
        long from;
        long to;
        TransitionType type;
        double score;
    }

    private final GradualTracker.Host host;
    private final GradualHistory history;
    private final Proposal[] proposals = new Proposal[MAX_PROPOSALS];
    private int count;
    private final long[] coveredFrom = new long[MAX_COVERED];
    private final long[] coveredTo = new long[MAX_COVERED];
    private int coveredCount;

    GradualProposals(GradualTracker.Host host, GradualHistory history) {
        this.host = host;
        this.history = history;
        for (int i = 0; i < MAX_PROPOSALS; i++) {
            proposals[i] = new Proposal();
        }
    }

    /** True when {@code from..to} overlaps a recent report. */
    boolean covered(long from, long to) {
        for (int i = 0; i < coveredCount; i++) {
            if (from <= coveredTo[i] && coveredFrom[i] <= to) {
                return true;
            }
        }
        return false;
    }

    /** Earliest frame a waiting proposal covers; Long.MAX_VALUE when none waits. */
    long earliest() {
        long h = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            h = Math.min(h, proposals[i].from);
        }
        return h;
    }

    /** Proposes a verified transition {@code s..e}, merging it with an overlapping one. */
    void propose(TransitionType type, long s, long e, double score) {
        if (covered(s, e)) {
            return;
        }
        for (int i = 0; i < count; i++) {
            Proposal p = proposals[i];
            if (s <= p.to + 1 && p.from <= e + 1) {
                // Same transition seen at another scale or by the other path: keep the union; the type
                // of the longer finding (fades from the flat-frame path win).
                boolean longer = e - s > p.to - p.from;
                boolean fadeWins = p.type != type && isFade(type);
                if ((longer && !isFade(p.type)) || fadeWins) {
                    p.type = type;
                    p.score = score;
                }
                p.from = Math.min(p.from, s);
                p.to = Math.max(p.to, e);
                return;
            }
        }
        if (count == MAX_PROPOSALS) {
            flush(Long.MAX_VALUE);
        }
        Proposal p = proposals[count++];
        p.from = s;
        p.to = e;
        p.type = type;
        p.score = score;
    }

    private static boolean isFade(TransitionType t) {
        return t == TransitionType.FADE_IN || t == TransitionType.FADE_OUT;
    }

    /** Reports the proposals that end before {@code before}, in frame order. */
    void flush(long before) {
        while (true) {
            int best = -1;
            for (int i = 0; i < count; i++) {
                if (proposals[i].to < before && (best < 0 || proposals[i].from < proposals[best].from)) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            Proposal p = proposals[best];
            long s = p.from;
            long e = p.to;
            TransitionType type = p.type;
            double score = p.score;
            // Removed by moving the last one into its place (the order later merges and ties follow).
            count--;
            proposals[best] = proposals[count];
            proposals[count] = p;
            if (covered(s, e)) {
                continue;
            }
            if (!isFade(type) && history.comesBack(s, e)) {
                continue; // an object passing or a light going up and down: not a transition
            }
            int i = coveredCount < MAX_COVERED ? coveredCount++ : oldestCovered();
            coveredFrom[i] = s;
            coveredTo[i] = e;
            host.gradual(type, s, e, score);
        }
    }

    private int oldestCovered() {
        int o = 0;
        for (int i = 1; i < coveredCount; i++) {
            if (coveredTo[i] < coveredTo[o]) {
                o = i;
            }
        }
        return o;
    }
}
