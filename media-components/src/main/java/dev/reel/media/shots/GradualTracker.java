package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.MAX_WINDOW;
import static dev.reel.media.shots.GradualThresholds.QUIET;

/**
 * Finds gradual transitions (dissolves, fades, wipes) in a stream of {@link FrameSketch}es: it feeds
 * each frame to its parts and turns a window event into a verified span.
 *
 * <p><b>Candidates</b> ({@link GradualWindows}, twin comparison made scale-free): for windows of 8 steps
 * of stride 1, 2, 4 and 8 frames (8..64 frames), the net change {@code N} between the window's first and
 * last thumbnails is compared with the path length {@code V}, the sum of the 8 step changes. A transition
 * moves every pixel monotonically from shot A to shot B, so {@code N/V} (coherence) is close to 1 and
 * the change is spread over several steps ({@code V / max step}); camera or object motion moves pixel
 * values back and forth (low coherence) and a cut puts all change in one step (spread 1).
 *
 * <p><b>Verification</b> of the best window of an event, after refining its ends on the blend
 * coefficient {@code alpha} ({@link BlendFit}): the frames must follow the blend model
 * {@code (1-alpha)A + alpha B} (globally for a dissolve or fade, per cell for a wipe), alpha must rise
 * monotonically, and motion compensation must not explain the change ({@link BlendVerifier},
 * {@link WipeChecks}). Further checks keep continuous change out: the change must run faster inside than
 * in the frames around it, must not start or end at a cut nor sit in one step, the picture must not come
 * back to what it was shortly after, A and B must differ in structure, and a wipe must have a single
 * boundary and end settled. Overlapping findings merge and are reported once no open window can still
 * overlap them ({@link GradualProposals}).
 *
 * <p><b>Fades</b> are also found from flat frames ({@link FadeTracker}). The tuned constants of all
 * parts are in {@link GradualThresholds}. Single-threaded.
 */
final class GradualTracker {
    /** The detector that owns the sketch ring and receives the transitions found. */
    interface Host {
        FrameSketch sketch(long seq);

        boolean inRing(long seq);

        void gradual(TransitionType type, long first, long last, double score);
    }

    /** Frames kept by the host's sketch ring at least. */
    static final int RING_NEEDED = 5 * MAX_WINDOW + 16;
    /** Times the ends of an event's span are looked for again from further out (a wipe's ends move). */
    private static final int WIDEN_ROUNDS = 3;

    private final GradualHistory history;
    private final GradualProposals proposals;
    private final GradualWindows windows;
    private final BlendFit fit;
    private final BlendVerifier verifier;
    private final FadeTracker fades;

    /** Per-scale values of the last frame, for stats. */
    final double[] lastN;
    final double[] lastCoherence;

    GradualTracker(Host host, double minChange, double minCoherence) {
        history = new GradualHistory(host);
        proposals = new GradualProposals(host, history);
        windows = new GradualWindows(history, proposals, this::event, minChange, minCoherence);
        fit = new BlendFit(history);
        verifier = new BlendVerifier(history, fit, proposals, minChange, minCoherence);
        fades = new FadeTracker(history, proposals, minChange);
        lastN = windows.lastN;
        lastCoherence = windows.lastCoherence;
    }

    /**
     * Earliest frame that a transition still under consideration (open event, proposal, fade-in being
     * measured) may cover; Long.MAX_VALUE when nothing is pending. Cuts before it can be given out.
     */
    long openFrom() {
        return Math.min(Math.min(windows.openFrom(), proposals.earliest()), fades.openFrom());
    }

    /**
     * Adds frame {@code seq} (its sketch is in the host ring). {@code mcResidualMean}: mean block residual
     * of raw motion-compensated matching of this frame against the previous one (NaN for the first).
     */
    void onFrame(long seq, double mcResidualMean) {
        history.add(seq, mcResidualMean);
        fades.onFrame(seq);
        windows.onFrame(seq);
        // No window still open can reach back before seq - MAX_WINDOW - QUIET.
        proposals.flush(seq - MAX_WINDOW - QUIET - 1);
    }

    void finish() {
        windows.finish();
        fades.finish();
        proposals.flush(Long.MAX_VALUE);
    }

    /** An event's best window {@code t0..t1} ended: its transition's span is refined, verified and proposed. */
    private void event(long t0, long t1) {
        if (t0 < history.first() || !history.inRing(t0)) {
            return;
        }
        // Ends of the transition: where the projection on the window's A -> B line stops moving
        // (extending past the window when the transition is longer), then again from those ends.
        long[] se = fit.refine(t0, t1, t0, t1);
        if (se == null) {
            return;
        }
        if (se[0] != t0 || se[1] != t1) {
            long[] se2 = fit.refine(se[0], se[1], t0, t1);
            if (se2 != null) {
                se = se2;
            }
        }
        // A wipe seen through a short window looks finished where the window ends (cells wiped later
        // do not differ between its ends): look from further out until the ends stop moving, and keep
        // the widest span that passes verification.
        long[] narrow = se;
        for (int iter = 0; iter < WIDEN_ROUNDS; iter++) {
            long len = se[1] - se[0];
            long a = Math.max(history.first(), se[0] - len);
            long b = Math.min(history.last(), se[1] + len);
            while (!history.inRing(a)) {
                a++;
            }
            long[] wider = fit.refine(a, b, se[0], se[1]);
            if (wider == null) {
                break;
            }
            long[] tight = fit.refine(wider[0], wider[1], se[0], se[1]);
            if (tight != null) {
                wider = tight;
            }
            if (wider[0] >= se[0] && wider[1] <= se[1]) {
                break;
            }
            se = new long[] {Math.min(se[0], wider[0]), Math.max(se[1], wider[1])};
        }
        if ((se[0] != narrow[0] || se[1] != narrow[1]) && verifier.verify(se[0], se[1])) {
            return;
        }
        verifier.verify(narrow[0], narrow[1]);
    }
}
