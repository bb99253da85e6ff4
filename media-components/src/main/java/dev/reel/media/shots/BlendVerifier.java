package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.BLEND_FADE_COHERENCE;
import static dev.reel.media.shots.GradualThresholds.BLEND_FADE_FIT;
import static dev.reel.media.shots.GradualThresholds.CELL_BAND_HIGH;
import static dev.reel.media.shots.GradualThresholds.CELL_BAND_LOW;
import static dev.reel.media.shots.GradualThresholds.CUT_STEP_FACTOR;
import static dev.reel.media.shots.GradualThresholds.DISSOLVE_BAND;
import static dev.reel.media.shots.GradualThresholds.DISSOLVE_FIT;
import static dev.reel.media.shots.GradualThresholds.DISTINCT_STRUCTURE;
import static dev.reel.media.shots.GradualThresholds.LOOSE_COHERENCE_MARGIN;
import static dev.reel.media.shots.GradualThresholds.LOOSE_DISSOLVE_BAND;
import static dev.reel.media.shots.GradualThresholds.LOOSE_DISSOLVE_FIT;
import static dev.reel.media.shots.GradualThresholds.LOW_CONTRAST;
import static dev.reel.media.shots.GradualThresholds.MAX_BACK;
import static dev.reel.media.shots.GradualThresholds.MID_ALPHA;
import static dev.reel.media.shots.GradualThresholds.MIN_CHANGE_SCALE;
import static dev.reel.media.shots.GradualThresholds.MIN_RATE_RATIO;
import static dev.reel.media.shots.GradualThresholds.MIN_STRUCTURE;
import static dev.reel.media.shots.GradualThresholds.MIN_UNEXPLAINED;
import static dev.reel.media.shots.GradualThresholds.MOVING_DISSOLVE_BAND;
import static dev.reel.media.shots.GradualThresholds.MOVING_DISSOLVE_CELL_FIT;
import static dev.reel.media.shots.GradualThresholds.MOVING_DISSOLVE_UNEXPLAINED;
import static dev.reel.media.shots.GradualThresholds.NO_OUTSIDE_RATE;
import static dev.reel.media.shots.GradualThresholds.ONE_STEP_SHARE;
import static dev.reel.media.shots.GradualThresholds.SIGNIFICANT_CELL;
import static dev.reel.media.shots.GradualThresholds.WIPE_CELL_FIT;
import static dev.reel.media.shots.GradualThresholds.WIPE_IN_PLACE_FIT;
import static dev.reel.media.shots.GradualThresholds.WIPE_MAX_BAND;

/**
 * Verifies a candidate transition between two pure frames and proposes it with its type: the frames
 * must follow the blend model (globally for a dissolve or fade, per cell for a wipe), alpha must rise
 * steadily, motion compensation must not explain the change, and the change must not be a cut, a
 * changing shot, a flash or a brightness ramp. Single-threaded.
 */
final class BlendVerifier {
    private final GradualHistory history;
    private final BlendFit fit;
    private final WipeChecks wipes;
    private final GradualProposals proposals;
    private final double minChange;
    private final double minCoherence;

    BlendVerifier(GradualHistory history, BlendFit fit, GradualProposals proposals, double minChange, double minCoherence) {
        this.history = history;
        this.fit = fit;
        this.wipes = new WipeChecks(history, fit);
        this.proposals = proposals;
        this.minChange = minChange;
        this.minCoherence = minCoherence;
    }

    /** Checks the blend a+1..b-1 between the pure frames a and b and proposes it; false if it fails. */
    boolean verify(long a, long b) {
        long s = a + 1;
        long e = b - 1;
        FrameSketch pa = history.sketch(a);
        FrameSketch pb = history.sketch(b);
        double n = FrameSketch.rawDistance(pa, pb);
        // Low-contrast (dark) film changes less in absolute terms across a transition: the minimum scales
        // down with the contrast of the pictures.
        double need = minChange * Math.max(MIN_CHANGE_SCALE, Math.min(1, Math.max(pa.lumaStd, pb.lumaStd) / LOW_CONTRAST));
        if (e - s < 1 || n < need || !fit.profile(a, b, a, b)) {
            return false;
        }
        int cells = pa.y.length;
        double globalRes = 0;
        double cellRes = 0;
        double inPlaceRes = 0;
        double path = 0;
        double mc = 0;
        double back = 0;
        double midBand = 0;
        double midCount = 0;
        int frames = 0;
        for (long i = s; i <= e; i++) {
            FrameSketch x = history.sketch(i);
            double al = fit.alpha((int) (i - a));
            double gr = 0;
            double cr = 0;
            double ip = 0;
            boolean nearMid = Math.abs(al - 0.5) < MID_ALPHA;
            for (int c = 0; c < cells; c++) {
                double dy = pb.y[c] - pa.y[c];
                double du = pb.cb[c] - pa.cb[c];
                double dv = pb.cr[c] - pa.cr[c];
                double xy = x.y[c] - pa.y[c];
                double xu = x.cb[c] - pa.cb[c];
                double xv = x.cr[c] - pa.cr[c];
                // Dissolve: one alpha for the whole frame.
                gr += Math.abs(xy - al * dy) + 0.5 * (Math.abs(xu - al * du) + Math.abs(xv - al * dv));
                // Wipe: each cell is A or B (in place), whichever is nearer.
                double toA = Math.abs(xy) + 0.5 * (Math.abs(xu) + Math.abs(xv));
                double toB = Math.abs(xy - dy) + 0.5 * (Math.abs(xu - du) + Math.abs(xv - dv));
                ip += Math.min(toA, toB);
                double dd = dy * dy + 0.25 * (du * du + dv * dv);
                double ac = dd > SIGNIFICANT_CELL ? (xy * dy + 0.25 * (xu * du + xv * dv)) / dd : al;
                double acl = Math.max(0, Math.min(1, ac));
                cr += Math.abs(xy - acl * dy) + 0.5 * (Math.abs(xu - acl * du) + Math.abs(xv - acl * dv));
                if (nearMid && dd > SIGNIFICANT_CELL) {
                    midCount++;
                    if (ac > CELL_BAND_LOW && ac < CELL_BAND_HIGH) {
                        midBand++;
                    }
                }
            }
            globalRes += gr / (2.0 * cells);
            cellRes += cr / (2.0 * cells);
            inPlaceRes += ip / (2.0 * cells);
            frames++;
            path += FrameSketch.rawDistance(history.sketch(i - 1), x);
            double m = history.mcMean(i);
            if (Double.isFinite(m)) {
                mc += m;
            }
            back += Math.max(0, fit.alpha((int) (i - 1 - a)) - al);
        }
        path += FrameSketch.rawDistance(history.sketch(e), pb);
        double m = history.mcMean(b);
        if (Double.isFinite(m)) {
            mc += m;
        }
        double coherence = path > 0 ? n / path : 0;
        double unexplained = path > 0 ? mc / path : 0;
        double fitG = globalRes / frames / n;
        double fitC = cellRes / frames / n;
        double fitW = inPlaceRes / frames / n;
        double band = midCount == 0 ? 1 : midBand / midCount;
        boolean flatA = GradualThresholds.isFlat(pa);
        boolean flatB = GradualThresholds.isFlat(pb);
        // Between two shots the structure changes; a brightness or contrast ramp of one picture keeps it.
        double structure = 0;
        for (int c = 0; c < cells; c++) {
            structure += Math.abs(pa.zy[c] - pb.zy[c]);
        }
        structure /= cells;
        // A blend model must fit, alpha must rise steadily, and motion must not explain the change.
        // A clean blend, or a looser one (moving content on both sides) between clearly different pictures.
        boolean dissolve = (fitG <= DISSOLVE_FIT && band >= DISSOLVE_BAND && coherence >= minCoherence && structure >= MIN_STRUCTURE)
                || (fitG <= LOOSE_DISSOLVE_FIT && band >= LOOSE_DISSOLVE_BAND && coherence >= minCoherence - LOOSE_COHERENCE_MARGIN
                        && structure >= DISTINCT_STRUCTURE)
                // Under camera motion one alpha for the frame fits poorly, one per cell still does, and
                // motion compensation explains little of the change.
                || (fitC <= MOVING_DISSOLVE_CELL_FIT && band >= MOVING_DISSOLVE_BAND && unexplained >= MOVING_DISSOLVE_UNEXPLAINED
                        && coherence >= minCoherence && structure >= DISTINCT_STRUCTURE);
        boolean fade = (flatA != flatB) && fitG <= BLEND_FADE_FIT && coherence >= BLEND_FADE_COHERENCE;
        boolean wipe = fitC <= WIPE_CELL_FIT && fitW <= WIPE_IN_PLACE_FIT && band <= WIPE_MAX_BAND && coherence >= minCoherence
                && structure >= MIN_STRUCTURE;
        if (wipe && !dissolve && !fade) {
            wipe = wipes.settled(a, b, n) && wipes.oneBoundary(a, b);
        }
        // A transition joins two stable stretches: a cut right before or after it means the "transition"
        // is a whole shot that keeps changing (an animation, a light drifting).
        double step = path / (b - a + 1);
        // ... and the change is spread over the frames: one step carrying most of it is a cut.
        double maxStep = 0;
        for (long i = a + 1; i <= b; i++) {
            maxStep = Math.max(maxStep, history.step(i));
        }
        boolean oneStep = maxStep > ONE_STEP_SHARE * n;
        boolean cutAdjacent = history.stepBefore(a) > Math.max(CUT_STEP_FACTOR * step, minChange)
                || history.stepAfter(b) > Math.max(CUT_STEP_FACTOR * step, minChange);
        // Twin comparison: the picture changes faster during a transition than in the shots around it.
        double outside = history.outsideRate(a, b);
        double rateRatio = outside > 0 ? step / outside : NO_OUTSIDE_RATE;
        boolean ok = (dissolve || fade || wipe) && !cutAdjacent && !oneStep && rateRatio >= MIN_RATE_RATIO && back <= MAX_BACK
                && unexplained >= MIN_UNEXPLAINED && !history.returns(a, b, n);
        if (!ok) {
            return false;
        }
        TransitionType type = fade ? (flatB ? TransitionType.FADE_OUT : TransitionType.FADE_IN)
                : dissolve ? TransitionType.DISSOLVE : TransitionType.WIPE;
        proposals.propose(type, s, e, coherence);
        return true;
    }
}
