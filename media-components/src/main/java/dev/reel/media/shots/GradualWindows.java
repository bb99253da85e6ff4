package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.MAX_EVENT_AGE;
import static dev.reel.media.shots.GradualThresholds.MIN_SPREAD;
import static dev.reel.media.shots.GradualThresholds.QUIET;
import static dev.reel.media.shots.GradualThresholds.STEPS;
import static dev.reel.media.shots.GradualThresholds.STRIDES;

/**
 * The window search of the gradual path (twin comparison made scale-free): at each stride, windows of
 * {@code STEPS} steps whose net change is large, coherent (net change / path length) and spread over
 * several steps; a run of such windows is an event, and when it ends its best window is handed on for
 * verification. Single-threaded.
 */
final class GradualWindows {
    /** Receives the best window {@code t0..t1} (seq) of an event that ended. */
    interface EventSink {
        void event(long t0, long t1);
    }

    private final GradualHistory history;
    private final GradualProposals proposals;
    private final EventSink sink;
    private final double minChange;
    private final double minCoherence;

    // One candidate event per scale: the best window so far and how long no window qualified.
    private final boolean[] open = new boolean[STRIDES.length];
    private final long[] bestT = new long[STRIDES.length];
    private final double[] bestScore = new double[STRIDES.length];
    /** Start of the first window of each open event. */
    private final long[] eventFrom = new long[STRIDES.length];
    private final int[] quiet = new int[STRIDES.length];

    /** Per-scale values of the last frame, for stats. */
    final double[] lastN = new double[STRIDES.length];
    final double[] lastCoherence = new double[STRIDES.length];

    GradualWindows(GradualHistory history, GradualProposals proposals, EventSink sink, double minChange, double minCoherence) {
        this.history = history;
        this.proposals = proposals;
        this.sink = sink;
        this.minChange = minChange;
        this.minCoherence = minCoherence;
    }

    /** Earliest frame an open event may still cover; Long.MAX_VALUE when none is open. */
    long openFrom() {
        long h = Long.MAX_VALUE;
        for (int k = 0; k < STRIDES.length; k++) {
            if (open[k]) {
                h = Math.min(h, eventFrom[k] - STEPS);
            }
        }
        return h;
    }

    /** Judges the windows ending at frame {@code seq} (already in the history), scale by scale. */
    void onFrame(long seq) {
        long first = history.first();
        FrameSketch cur = history.sketch(seq);
        for (int k = 0; k < STRIDES.length; k++) {
            int s = STRIDES[k];
            int w = STEPS * s;
            lastN[k] = Double.NaN;
            lastCoherence[k] = Double.NaN;
            boolean candidate = false;
            double score = 0;
            if (seq - w >= first) {
                double n = FrameSketch.rawDistance(history.sketch(seq - w), cur);
                double v = 0;
                double max = 0;
                for (int j = 0; j < STEPS; j++) {
                    double d = history.lag(k, seq - (long) j * s);
                    v += d;
                    max = Math.max(max, d);
                }
                double coherence = v > 0 ? n / v : 0;
                double spread = max > 0 ? v / max : 0;
                lastN[k] = n;
                lastCoherence[k] = coherence;
                candidate = n >= minChange && coherence >= minCoherence && spread >= MIN_SPREAD && !proposals.covered(seq - w, seq);
                double c2 = coherence * coherence;
                score = n * c2 * c2; // prefers clean windows to larger ones spanning more change
            }
            if (candidate) {
                if (!open[k]) {
                    eventFrom[k] = seq - w;
                }
                if (!open[k] || score > bestScore[k]) {
                    bestScore[k] = score;
                    bestT[k] = seq;
                }
                open[k] = true;
                quiet[k] = 0;
            } else if (open[k]) {
                quiet[k]++;
            }
            // An event is a run of qualifying windows; it ends when none qualifies for a few frames
            // (or, to stay inside the ring, when its best window gets too old).
            if (open[k] && (quiet[k] > QUIET || seq - bestT[k] > MAX_EVENT_AGE)) {
                close(k);
            }
        }
    }

    /** Closes every open event. */
    void finish() {
        for (int k = 0; k < STRIDES.length; k++) {
            if (open[k]) {
                close(k);
            }
        }
    }

    private void close(int k) {
        open[k] = false;
        int w = STEPS * STRIDES[k];
        sink.event(bestT[k] - w, bestT[k]);
    }
}
