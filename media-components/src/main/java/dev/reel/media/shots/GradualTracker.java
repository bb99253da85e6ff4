package dev.reel.media.shots;

/**
 * Finds gradual transitions (dissolves, fades, wipes) in a stream of {@link FrameSketch}es.
 *
 * <p><b>Candidates</b> (twin comparison made scale-free): for windows of 8 steps of stride
 * 1, 2, 4 and 8 frames (8..64 frames), the net change {@code N} between the window's first and last
 * thumbnails is compared with the path length {@code V}, the sum of the 8 step changes. A transition
 * moves every pixel monotonically from shot A to shot B, so {@code N/V} (coherence) is close to 1 and
 * the change is spread over several steps ({@code V / max step}); camera or object motion moves pixel
 * values back and forth (low coherence) and a cut puts all change in one step (spread 1).
 *
 * <p><b>Verification</b> of the best window of an event, after refining its ends on the blend
 * coefficient {@code alpha} (projection of each frame on the A to B line): the frames must follow the
 * blend model {@code (1-alpha)A + alpha B} (globally for a dissolve or fade, per cell for a wipe),
 * alpha must rise monotonically, and motion compensation must not explain the change (for a pan the
 * block matcher finds every frame in the previous one; for a dissolve it cannot).
 *
 * Further checks keep continuous change out: the change must run faster inside than in the frames
 * around it (twin comparison), must not start or end at a cut nor sit in one step, the picture must not
 * come back to what it was shortly after (an object passing, a light going up and down), A and B must
 * differ in structure (not a brightness ramp), and a wipe must have a single boundary and end settled.
 * Every scale may find the same transition; overlapping findings merge and are reported once no open
 * window can still overlap them.
 *
 * <p><b>Fades</b> are also found from flat frames (black, white, one colour): the run of steadily
 * decreasing contrast before a flat run is a fade-out, the steadily increasing run after it a fade-in.
 * This works while the faded shot moves, where the blend model does not hold.
 */
final class GradualTracker {
    interface Host {
        FrameSketch sketch(long seq);
        boolean inRing(long seq);
        void gradual(TransitionType type, long first, long last, double score);
    }

    static final int STEPS = 8;
    static final int[] STRIDES = {1, 2, 4, 8};
    static final int MAX_WINDOW = STEPS * STRIDES[STRIDES.length - 1];
    /** Longest fade measured by the flat-frame path. */
    static final int MAX_FADE = 96;
    /** Frames kept by the host's sketch ring at least. */
    static final int RING_NEEDED = 5 * MAX_WINDOW + 16;
    private static final int RING = 512;
    private static final int QUIET = 3;
    /** Picture contrast (luma std) under which a transition's minimum change scales down. */
    private static final double LOW_CONTRAST = 32;

    private final Host host;
    private final double minChange, minCoherence;
    private final double minSpread = 2.5;
    final boolean debug = Boolean.getBoolean("reel.shots.debug");

    private final double[][] lag = new double[STRIDES.length][RING];
    private final double[] mcMean = new double[RING];
    private final double[] contrast = new double[RING];
    private final boolean[] flat = new boolean[RING];
    private final double[] alpha = new double[6 * MAX_WINDOW + 8];
    private long first = -1, last = -1;

    // One candidate event per scale: the best window so far and how long no window qualified.
    private final boolean[] open = new boolean[STRIDES.length];
    private final long[] bestT = new long[STRIDES.length];
    private final double[] bestScore = new double[STRIDES.length];
    /** Start of the first window of each open event. */
    private final long[] eventFrom = new long[STRIDES.length];
    private final int[] quiet = new int[STRIDES.length];
    // Verified transitions not yet reported: every scale may find the same transition with different
    // ends; overlapping proposals merge, and one is reported once no open window can still overlap it.
    private final long[] propFrom = new long[8], propTo = new long[8];
    private final TransitionType[] propType = new TransitionType[8];
    private final double[] propScore = new double[8];
    private int propCount;
    /** Recently reported transitions (seq intervals), to keep scales and paths from reporting one twice. */
    private final long[] coveredFrom = new long[16], coveredTo = new long[16];
    private int coveredCount;
    // Flat-run state for the fade path.
    private long flatRunStart = -1;
    private boolean fadedOut;
    private long pendingFadeIn = -1;
    /** First frame of the fade-in being measured, its highest contrast so far and the frame of its last rise. */
    private long fadeInStart, fadeInLastRise;
    private double fadeInPeak;
    /** Lowest contrast of the current (or last) flat run. */
    private double flatLevel;
    /** Fade-out being measured into a flat run: its last frame before the drop (-1: none), last falling frame, lowest contrast. */
    private long fadeOutStart = -1, fadeOutEnd;
    private double fadeOutLow;

    /** Per-scale values of the last frame, for stats. */
    final double[] lastN = new double[STRIDES.length], lastCoherence = new double[STRIDES.length];

    GradualTracker(Host host, double minChange, double minCoherence) {
        this.host = host;
        this.minChange = minChange;
        this.minCoherence = minCoherence;
    }

    /**
     * Earliest frame that a transition still under consideration (open event, proposal, fade-in being
     * measured) may cover; Long.MAX_VALUE when nothing is pending. Cuts before it can be given out.
     */
    long openFrom() {
        long h = Long.MAX_VALUE;
        for (int k = 0; k < STRIDES.length; k++) if (open[k]) h = Math.min(h, eventFrom[k] - STEPS);
        for (int i = 0; i < propCount; i++) h = Math.min(h, propFrom[i]);
        if (pendingFadeIn >= 0) h = Math.min(h, fadeInStart - 1);
        if (fadeOutStart >= 0) h = Math.min(h, fadeOutStart);
        return h;
    }

    private FrameSketch t(long s) { return host.sketch(s); }

    private static int r(long s) { return (int) (s % RING); }

    /**
     * Adds frame {@code seq} (its sketch is in the host ring). {@code mcResidualMean}: mean block residual
     * of raw motion-compensated matching of this frame against the previous one (NaN for the first).
     */
    void onFrame(long seq, double mcResidualMean) {
        if (first < 0) first = seq;
        last = seq;
        FrameSketch cur = t(seq);
        mcMean[r(seq)] = mcResidualMean;
        contrast[r(seq)] = cur.lumaStd;
        flat[r(seq)] = isFlat(cur);
        for (int k = 0; k < STRIDES.length; k++) {
            int s = STRIDES[k];
            lag[k][r(seq)] = seq - s >= first ? FrameSketch.rawDistance(t(seq - s), cur) : 0;
        }
        fadePath(seq);
        for (int k = 0; k < STRIDES.length; k++) {
            int s = STRIDES[k], w = STEPS * s;
            lastN[k] = lastCoherence[k] = Double.NaN;
            boolean candidate = false;
            double score = 0;
            if (seq - w >= first) {
                double n = FrameSketch.rawDistance(t(seq - w), cur);
                double v = 0, max = 0;
                for (int j = 0; j < STEPS; j++) {
                    double d = lag[k][r(seq - (long) j * s)];
                    v += d;
                    max = Math.max(max, d);
                }
                double coherence = v > 0 ? n / v : 0;
                double spread = max > 0 ? v / max : 0;
                lastN[k] = n;
                lastCoherence[k] = coherence;
                candidate = n >= minChange && coherence >= minCoherence && spread >= minSpread && !covered(seq - w, seq);
                double c2 = coherence * coherence;
                score = n * c2 * c2; // prefers clean windows to larger ones spanning more change
            }
            if (candidate) {
                if (!open[k]) eventFrom[k] = seq - w;
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
            if (open[k] && (quiet[k] > QUIET || seq - bestT[k] > 2 * MAX_WINDOW)) close(k);
        }
        // No window still open can reach back before seq - MAX_WINDOW - QUIET.
        flushProposals(seq - MAX_WINDOW - QUIET - 1);
    }

    private boolean covered(long from, long to) {
        for (int i = 0; i < coveredCount; i++) if (from <= coveredTo[i] && coveredFrom[i] <= to) return true;
        return false;
    }

    void finish() {
        for (int k = 0; k < STRIDES.length; k++) if (open[k]) close(k);
        if (fadeOutStart >= 0) finishFadeOut();
        if (pendingFadeIn >= 0) finishFadeIn(fadeInLastRise);
        flushProposals(Long.MAX_VALUE);
    }

    static boolean isFlat(FrameSketch s) {
        return s.lumaStd < 8 || (s.lumaMean < 24 && s.lumaStd < 10) || (s.lumaMean > 231 && s.lumaStd < 14);
    }

    // ------------------------------------------------------------------ blend-model path

    private void close(int k) {
        open[k] = false;
        int w = STEPS * STRIDES[k];
        long t0 = bestT[k] - w, t1 = bestT[k];
        if (t0 < first || !host.inRing(t0)) return;
        // Ends of the transition: where the projection on the window's A -> B line stops moving
        // (extending past the window when the transition is longer), then again from those ends.
        long[] se = refine(t0, t1, t0, t1);
        if (se == null) return;
        if (se[0] != t0 || se[1] != t1) {
            long[] se2 = refine(se[0], se[1], t0, t1);
            if (se2 != null) se = se2;
        }
        // A wipe seen through a short window looks finished where the window ends (cells wiped later
        // do not differ between its ends): look from further out until the ends stop moving, and keep
        // the widest span that passes verification.
        long[] narrow = se;
        for (int iter = 0; iter < 3; iter++) {
            long len = se[1] - se[0];
            long a = Math.max(first, se[0] - len), b = Math.min(last, se[1] + len);
            while (!host.inRing(a)) a++;
            long[] wider = refine(a, b, se[0], se[1]);
            if (wider == null) break;
            long[] tight = refine(wider[0], wider[1], se[0], se[1]);
            if (tight != null) wider = tight;
            if (wider[0] >= se[0] && wider[1] <= se[1]) break;
            se = new long[]{Math.min(se[0], wider[0]), Math.max(se[1], wider[1])};
        }
        if (debug) System.err.printf("event scale %d window %d..%d -> %d..%d (wide %d..%d)%n", w, t(t0).index, t(t1).index,
                t(narrow[0]).index, t(narrow[1]).index, t(se[0]).index, t(se[1]).index);
        if ((se[0] != narrow[0] || se[1] != narrow[1]) && verifyAndEmit(se[0], se[1])) return;
        verifyAndEmit(narrow[0], narrow[1]);
    }

    /**
     * Profile of the projection of frames on the line thumb(a) -> thumb(b) over a range around the
     * window; from where it crosses one half inside {@code w0..w1}, walks out while it keeps moving.
     * Returns the last frame before the blend and the first after it (the pure A and B frames).
     */
    private long[] refine(long a, long b, long w0, long w1) {
        long lo = Math.max(first, Math.min(a, w0) - MAX_WINDOW), hi = Math.min(last, Math.max(b, w1) + MAX_WINDOW);
        while (!host.inRing(lo)) lo++;
        if (hi - lo + 1 > alpha.length) lo = hi - alpha.length + 1;
        if (!blendProfile(a, b, lo, hi)) return null;
        int mid = -1;
        for (long i = Math.max(a, lo); i <= b; i++) if (alpha[(int) (i - lo)] >= 0.5) { mid = (int) (i - lo); break; }
        if (mid <= 0) return null;
        double eps = 0.2 / Math.max(2, b - a);
        int n = (int) (hi - lo);
        int s = mid, e = mid;
        while (s > 0) {
            if (alpha[s] - alpha[s - 1] > eps) s--;
            // one repeated frame (frame-rate conversion) does not end a transition
            else if (s > 1 && alpha[s - 1] - alpha[s - 2] > eps && alpha[s] - alpha[s - 2] > 2 * eps) s -= 2;
            else break;
        }
        while (e < n) {
            if (alpha[e + 1] - alpha[e] > eps) e++;
            else if (e + 2 <= n && alpha[e + 2] - alpha[e + 1] > eps && alpha[e + 2] - alpha[e] > 2 * eps) e += 2;
            else break;
        }
        return new long[]{lo + s, lo + e};
    }

    /** alpha[i - lo] = projection of frame i on thumb(a) -> thumb(b), for i in lo..hi. */
    private boolean blendProfile(long a, long b, long lo, long hi) {
        FrameSketch A = t(a), B = t(b);
        int cells = A.y.length;
        double den = 0;
        for (int c = 0; c < cells; c++) {
            double dy = B.y[c] - A.y[c], du = B.cb[c] - A.cb[c], dv = B.cr[c] - A.cr[c];
            den += dy * dy + 0.25 * (du * du + dv * dv);
        }
        if (den < 1e-6) return false;
        for (long i = lo; i <= hi; i++) {
            FrameSketch X = t(i);
            double num = 0;
            for (int c = 0; c < cells; c++) {
                double dy = B.y[c] - A.y[c], du = B.cb[c] - A.cb[c], dv = B.cr[c] - A.cr[c];
                num += (X.y[c] - A.y[c]) * dy + 0.25 * ((X.cb[c] - A.cb[c]) * du + (X.cr[c] - A.cr[c]) * dv);
            }
            alpha[(int) (i - lo)] = num / den;
        }
        return true;
    }

    /** Checks the blend a+1..b-1 between the pure frames a and b and reports it. */
    private boolean verifyAndEmit(long a, long b) {
        long s = a + 1, e = b - 1;
        FrameSketch A = t(a), B = t(b);
        double n = FrameSketch.rawDistance(A, B);
        // Low-contrast (dark) film changes less in absolute terms across a transition: the minimum scales
        // down with the contrast of the pictures, to 0.6x.
        double need = minChange * Math.max(0.6, Math.min(1, Math.max(A.lumaStd, B.lumaStd) / LOW_CONTRAST));
        if (debug && n < need) System.err.printf("  %d..%d change %.1f too small (contrast %.1f %.1f)%n", A.index, B.index, n, A.lumaStd, B.lumaStd);
        if (e - s < 1 || n < need || !blendProfile(a, b, a, b)) return false;
        int cells = A.y.length;
        double globalRes = 0, cellRes = 0, inPlaceRes = 0, path = 0, mc = 0, back = 0, midBand = 0, midCount = 0;
        int frames = 0;
        for (long i = s; i <= e; i++) {
            FrameSketch X = t(i);
            double al = alpha[(int) (i - a)];
            double gr = 0, cr = 0, ip = 0;
            boolean nearMid = Math.abs(al - 0.5) < 0.2;
            for (int c = 0; c < cells; c++) {
                double dy = B.y[c] - A.y[c], du = B.cb[c] - A.cb[c], dv = B.cr[c] - A.cr[c];
                double xy = X.y[c] - A.y[c], xu = X.cb[c] - A.cb[c], xv = X.cr[c] - A.cr[c];
                // Dissolve: one alpha for the whole frame.
                gr += Math.abs(xy - al * dy) + 0.5 * (Math.abs(xu - al * du) + Math.abs(xv - al * dv));
                // Wipe: each cell is A or B (in place), whichever is nearer.
                double toA = Math.abs(xy) + 0.5 * (Math.abs(xu) + Math.abs(xv));
                double toB = Math.abs(xy - dy) + 0.5 * (Math.abs(xu - du) + Math.abs(xv - dv));
                ip += Math.min(toA, toB);
                double dd = dy * dy + 0.25 * (du * du + dv * dv);
                double ac = dd > 100 ? (xy * dy + 0.25 * (xu * du + xv * dv)) / dd : al;
                double acl = Math.max(0, Math.min(1, ac));
                cr += Math.abs(xy - acl * dy) + 0.5 * (Math.abs(xu - acl * du) + Math.abs(xv - acl * dv));
                if (nearMid && dd > 100) {
                    midCount++;
                    if (ac > 0.2 && ac < 0.8) midBand++;
                }
            }
            globalRes += gr / (2.0 * cells);
            cellRes += cr / (2.0 * cells);
            inPlaceRes += ip / (2.0 * cells);
            frames++;
            path += FrameSketch.rawDistance(t(i - 1), X);
            double m = mcMean[r(i)];
            if (Double.isFinite(m)) mc += m;
            back += Math.max(0, alpha[(int) (i - 1 - a)] - al);
        }
        path += FrameSketch.rawDistance(t(e), B);
        double m = mcMean[r(b)];
        if (Double.isFinite(m)) mc += m;
        double coherence = path > 0 ? n / path : 0;
        double unexplained = path > 0 ? mc / path : 0;
        double fitG = globalRes / frames / n, fitC = cellRes / frames / n, fitW = inPlaceRes / frames / n;
        double band = midCount == 0 ? 1 : midBand / midCount;
        boolean flatA = isFlat(A), flatB = isFlat(B);
        // Between two shots the structure changes; a brightness or contrast ramp of one picture keeps it.
        double structure = 0;
        for (int c = 0; c < cells; c++) structure += Math.abs(A.zy[c] - B.zy[c]);
        structure /= cells;
        // A blend model must fit, alpha must rise steadily, and motion must not explain the change.
        // A clean blend, or a looser one (moving content on both sides) between clearly different pictures.
        boolean dissolve = (fitG <= 0.17 && band >= 0.6 && coherence >= minCoherence && structure >= 0.25)
                || (fitG <= 0.22 && band >= 0.7 && coherence >= minCoherence - 0.1 && structure >= 0.9)
                // Under camera motion one alpha for the frame fits poorly, one per cell still does, and
                // motion compensation explains little of the change.
                || (fitC <= 0.12 && band >= 0.4 && unexplained >= 0.7 && coherence >= minCoherence && structure >= 0.9);
        boolean fade = (flatA != flatB) && fitG <= 0.2 && coherence >= 0.7;
        boolean wipe = fitC <= 0.08 && fitW <= 0.2 && band <= 0.3 && coherence >= minCoherence && structure >= 0.25;
        if (wipe && !dissolve && !fade) wipe = settled(a, b, n) && oneBoundary(a, b);
        // A transition joins two stable stretches: a cut right before or after it means the "transition"
        // is a whole shot that keeps changing (an animation, a light drifting).
        double step = path / (b - a + 1);
        // ... and the change is spread over the frames: one step carrying most of it is a cut.
        double maxStep = 0;
        for (long i = a + 1; i <= b; i++) maxStep = Math.max(maxStep, lag[0][r(i)]);
        boolean oneStep = maxStep > 0.45 * n;

        boolean cutAdjacent = stepBefore(a) > Math.max(3 * step, minChange) || stepAfter(b) > Math.max(3 * step, minChange);
        // Twin comparison: the picture changes faster during a transition than in the shots around it.
        double outside = outsideRate(a, b);
        double rateRatio = outside > 0 ? step / outside : 99;
        boolean ok = (dissolve || fade || wipe) && !cutAdjacent && !oneStep && rateRatio >= 1.1 && back <= 0.3 && unexplained >= 0.4 && !returns(a, b, n);
        if (debug) System.err.printf(java.util.Locale.ROOT,
                "gradual? %d..%d (a=%d b=%d) N=%.1f coh=%.2f back=%.2f fitG=%.2f fitC=%.2f fitW=%.2f unexpl=%.2f band=%.2f struct=%.2f flatA=%b flatB=%b cutAdj=%b oneStep=%b rate=%.2f -> %b%n",
                t(s).index, t(e).index, t(a).index, t(b).index, n, coherence, back, fitG, fitC, fitW, unexplained, band, structure, flatA, flatB, cutAdjacent, oneStep, rateRatio, ok);
        if (!ok) return false;
        TransitionType type = fade ? (flatB ? TransitionType.FADE_OUT : TransitionType.FADE_IN)
                : dissolve ? TransitionType.DISSOLVE : TransitionType.WIPE;
        report(type, s, e, coherence);
        return true;
    }

    /** Mean frame-to-frame change over up to 6 frames before a and after b (cut-like steps left out). */
    private double outsideRate(long a, long b) {
        double sum = 0;
        int n = 0;
        for (long i = a; i > a - 6 && i > first && host.inRing(i - 1); i--) { sum += lag[0][r(i)]; n++; }
        for (long i = b + 1; i <= Math.min(last, b + 6); i++) { sum += lag[0][r(i)]; n++; }
        return n == 0 ? 0 : sum / n;
    }

    private double stepBefore(long a) {
        double m = 0;
        for (long i = Math.max(first + 1, a - 1); i <= a; i++) if (host.inRing(i - 1)) m = Math.max(m, lag[0][r(i)]);
        return m;
    }

    private double stepAfter(long b) {
        double m = 0;
        for (long i = b + 1; i <= Math.min(last, b + 2); i++) m = Math.max(m, lag[0][r(i)]);
        return m;
    }

    private boolean[] switched, significant;

    /**
     * A wipe has one boundary sweeping the picture: at its middle, the cells already showing B form one
     * region. A slow pan over flat colours with sharp edges switches cells too, but along every edge.
     */
    private boolean oneBoundary(long a, long b) {
        FrameSketch A = t(a), B = t(b);
        int cells = A.y.length, cols = A.grid.cols, rows = A.grid.rows;
        if (switched == null) { switched = new boolean[cells]; significant = new boolean[cells]; }
        long mid = a + 1;
        double best = 2;
        for (long i = a + 1; i < b; i++) {
            double d = Math.abs(alpha[(int) (i - a)] - 0.5);
            if (d < best) { best = d; mid = i; }
        }
        FrameSketch X = t(mid);
        for (int c = 0; c < cells; c++) {
            double dy = B.y[c] - A.y[c], du = B.cb[c] - A.cb[c], dv = B.cr[c] - A.cr[c];
            double dd = dy * dy + 0.25 * (du * du + dv * dv);
            significant[c] = dd > 100;
            double ac = dd > 0 ? ((X.y[c] - A.y[c]) * dy + 0.25 * ((X.cb[c] - A.cb[c]) * du + (X.cr[c] - A.cr[c]) * dv)) / dd : 0;
            switched[c] = ac > 0.5;
        }
        int pairs = 0, differ = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int c = y * cols + x;
                if (!significant[c]) continue;
                if (x + 1 < cols && significant[c + 1]) { pairs++; if (switched[c] != switched[c + 1]) differ++; }
                if (y + 1 < rows && significant[c + cols]) { pairs++; if (switched[c] != switched[c + cols]) differ++; }
            }
        }
        double frac = pairs == 0 ? 1 : (double) differ / pairs;
        if (debug) System.err.printf("  boundary fraction %.3f%n", frac);
        return frac <= 0.1;
    }

    /**
     * A wipe ends in the new shot: the next frames stay (in place) A or B. An object sliding in keeps
     * moving and covers cells that are neither.
     */
    private boolean settled(long a, long b, double n) {
        FrameSketch A = t(a), B = t(b);
        int cells = A.y.length;
        double res = 0;
        int frames = 0;
        for (long i = b + 1; i <= Math.min(last, b + 3); i++) {
            FrameSketch X = t(i);
            double ip = 0;
            for (int c = 0; c < cells; c++) {
                double toA = Math.abs(X.y[c] - A.y[c]) + 0.5 * (Math.abs(X.cb[c] - A.cb[c]) + Math.abs(X.cr[c] - A.cr[c]));
                double toB = Math.abs(X.y[c] - B.y[c]) + 0.5 * (Math.abs(X.cb[c] - B.cb[c]) + Math.abs(X.cr[c] - B.cr[c]));
                ip += Math.min(toA, toB);
            }
            res += ip / (2.0 * cells);
            frames++;
        }
        double fit = frames == 0 ? 0 : res / frames / n;
        if (debug) System.err.printf("  settled fit %.2f%n", fit);
        return fit <= 0.2;
    }

    /**
     * True when, within the transition's length plus a few frames after it, the picture goes back to
     * what it was before: a large object passing the camera or a light going up and down, not a change
     * of shot.
     */
    private boolean comesBack(long s, long e) {
        long a = s - 1;
        if (!host.inRing(a)) return false;
        FrameSketch A = t(a);
        double n = FrameSketch.rawDistance(A, t(Math.min(last, e + 1)));
        long reach = (e - s + 1) + 10;
        for (long i = e + 2; i <= Math.min(last, e + reach); i++) {
            if (FrameSketch.rawDistance(A, t(i)) < 0.3 * n) return true;
        }
        // ... or the picture after it is what was there shortly before (the object leaving).
        FrameSketch B = t(Math.min(last, e + 1));
        for (long i = a - 2; i >= Math.max(first, a - reach) && host.inRing(i); i--) {
            if (FrameSketch.rawDistance(t(i), B) < 0.3 * n) return true;
        }
        return false;
    }

    /** True when the picture returns: B matches a frame shortly before A, or A one shortly after B (a flash). */
    private boolean returns(long a, long b, double n) {
        for (int k = 1; k <= 4; k++) {
            if (a - k >= first && host.inRing(a - k) && FrameSketch.rawDistance(t(a - k), t(b)) < 0.35 * n) return true;
            if (b + k <= last && FrameSketch.rawDistance(t(a), t(b + k)) < 0.35 * n) return true;
        }
        return false;
    }

    private void report(TransitionType type, long s, long e, double score) {
        if (covered(s, e)) return;
        for (int i = 0; i < propCount; i++) {
            if (s <= propTo[i] + 1 && propFrom[i] <= e + 1) {
                // Same transition seen at another scale or by the other path: keep the union; the type
                // of the longer finding (fades from the flat-frame path win).
                boolean longer = e - s > propTo[i] - propFrom[i];
                boolean fadeWins = propType[i] != type && (type == TransitionType.FADE_IN || type == TransitionType.FADE_OUT);
                if ((longer && !isFade(propType[i])) || fadeWins) { propType[i] = type; propScore[i] = score; }
                propFrom[i] = Math.min(propFrom[i], s);
                propTo[i] = Math.max(propTo[i], e);
                return;
            }
        }
        if (propCount == propFrom.length) flushProposals(Long.MAX_VALUE);
        propFrom[propCount] = s;
        propTo[propCount] = e;
        propType[propCount] = type;
        propScore[propCount] = score;
        propCount++;
    }

    private static boolean isFade(TransitionType t) { return t == TransitionType.FADE_IN || t == TransitionType.FADE_OUT; }

    /** Reports proposals that end before {@code before} (in frame order). */
    private void flushProposals(long before) {
        while (true) {
            int best = -1;
            for (int i = 0; i < propCount; i++) if (propTo[i] < before && (best < 0 || propFrom[i] < propFrom[best])) best = i;
            if (best < 0) return;
            long s = propFrom[best], e = propTo[best];
            TransitionType type = propType[best];
            double score = propScore[best];
            propCount--;
            propFrom[best] = propFrom[propCount];
            propTo[best] = propTo[propCount];
            propType[best] = propType[propCount];
            propScore[best] = propScore[propCount];
            if (covered(s, e)) continue;
            if (!isFade(type) && comesBack(s, e)) {
                if (debug) System.err.printf("  %d..%d comes back: not a transition%n", t(s).index, t(e).index);
                continue;
            }
            int i = coveredCount < coveredFrom.length ? coveredCount++ : oldestCovered();
            coveredFrom[i] = s;
            coveredTo[i] = e;
            host.gradual(type, s, e, score);
        }
    }

    private int oldestCovered() {
        int o = 0;
        for (int i = 1; i < coveredCount; i++) if (coveredTo[i] < coveredTo[o]) o = i;
        return o;
    }

    // ------------------------------------------------------------------ flat-frame (fade) path

    /** Frames without a rise of contrast that end a fade (slow fades in dark film creep by under 1 % a frame). */
    private static final int FADE_PLATEAU = 6;
    /** Least contrast (luma std) of the shot a fade leads from or to. */
    private static final double FADE_MIN_CONTRAST = 10;

    /** True when contrast {@code to} is clearly above {@code from} (beyond noise). */
    private static boolean rises(double to, double from) { return to > from * 1.01 + 0.05; }

    private void fadePath(long seq) {
        boolean f = flat[r(seq)];
        boolean prevFlat = seq > first && flat[r(seq - 1)];
        double c = contrast[r(seq)];
        if (pendingFadeIn >= 0) {
            // A fade-in goes on while the contrast keeps rising; a plateau of a few frames or a drop ends it.
            // A frame that looks flat again on the way (dark film hovering at the flat bound) does not.
            if (rises(c, fadeInPeak)) {
                fadeInPeak = c;
                fadeInLastRise = seq;
            }
            if (c < fadeInPeak * 0.9 - 0.5 || seq - fadeInLastRise > FADE_PLATEAU || seq - fadeInStart > MAX_FADE) {
                finishFadeIn(fadeInLastRise);
            } else {
                return;
            }
        }
        if (f && (seq == first || !prevFlat)) {
            flatRunStart = seq;
            flatLevel = c;
            fadedOut = false;
            if (seq > first) beginFadeOut(seq);
        } else if (f) {
            flatLevel = Math.min(flatLevel, c);
            if (fadeOutStart >= 0) {
                // A fade-out goes on into the flat run while the contrast keeps falling.
                if (c < fadeOutLow * 0.99 - 0.05) {
                    fadeOutLow = c;
                    fadeOutEnd = seq;
                } else if (seq - fadeOutEnd > FADE_PLATEAU) {
                    fadedOut = finishFadeOut();
                }
            }
        } else if (prevFlat && flatRunStart >= 0) {
            if (fadeOutStart >= 0) fadedOut = finishFadeOut();
            // A flat run of a few frames entered abruptly is a flash (or a cut to black and back):
            // what follows is no fade-in. After a fade-out, or from the start of the stream, it is.
            long run = seq - flatRunStart;
            if (fadedOut || flatRunStart == first || run >= 4) {
                pendingFadeIn = seq;
                fadeInPeak = c;
                fadeInLastRise = seq;
                // The fade may have begun inside the flat run: from where the contrast left the run's level.
                long i = seq;
                while (i - 1 > flatRunStart && seq - (i - 1) < MAX_FADE && host.inRing(i - 2)
                        && contrast[r(i - 1)] > flatLevel * 1.03 + 0.1) i--;
                fadeInStart = i;
            }
            flatRunStart = -1;
        }
    }

    /** At the first flat frame {@code d}: where the contrast started dropping, if it did; judged when the drop ends. */
    private void beginFadeOut(long d) {
        // Walk back while the contrast keeps rising (going back in time), through plateaus of a few frames.
        double peak = contrast[r(d)];
        long top = d;
        for (long i = d - 1; i > first && d - i < MAX_FADE && host.inRing(i - 1); i--) {
            double ci = contrast[r(i)];
            if (rises(ci, peak)) {
                peak = ci;
                top = i;
            } else if (ci < peak * 0.9 - 0.5 || top - i > FADE_PLATEAU) {
                break;
            }
        }
        // The last frame before the contrast starts dropping belongs to the fade too.
        fadeOutStart = d - top < 3 ? -1 : top;
        fadeOutEnd = d;
        fadeOutLow = contrast[r(d)];
    }

    private boolean finishFadeOut() {
        long start = fadeOutStart, end = fadeOutEnd;
        fadeOutStart = -1;
        if (debug) System.err.printf("fade-out? %d..%d contrast %.1f -> %.1f%n", t(start).index, t(end).index, contrast[r(start)], contrast[r(end)]);
        // Faded from something with hardly any picture, or hardly darker than it: not a fade.
        if (contrast[r(start)] < FADE_MIN_CONTRAST || contrast[r(start)] < 1.8 * contrast[r(end)] + 2) return false;
        if (cutAdjacent(start + 1, end)) return false;
        double spread = progressSpread(start, end);
        if (debug) System.err.printf("  spread %.2f%n", spread);
        if (spread > 0.35) return false;
        report(TransitionType.FADE_OUT, start + 1, end, contrast[r(start)] - contrast[r(end)]);
        return true;
    }

    /** A cut-like step (3x the mean step of {@code s..e}, at least the minimum change) right before or after. */
    private boolean cutAdjacent(long s, long e) {
        double path = 0;
        for (long i = s; i <= e; i++) path += lag[0][r(i)];
        double step = path / (e - s + 1);
        double limit = Math.max(3 * step, minChange);
        return stepBefore(s - 1) > limit || (e + 1 <= last && stepAfter(e) > limit);
    }

    private void finishFadeIn(long end) {
        long s = fadeInStart - 1; // the last frame at the flat run's level
        pendingFadeIn = -1;
        if (debug) System.err.printf("fade-in to %d? from %d contrast %.1f -> %.1f%n", t(end).index, t(s).index, contrast[r(s)], contrast[r(end)]);
        if (end - s < 3 || contrast[r(end)] < FADE_MIN_CONTRAST || contrast[r(end)] < 1.8 * flatLevel + 2) return;
        if (cutAdjacent(s + 1, end)) return; // a shot coming out of the dark that a cut ends is no fade-in
        double spread = progressSpread(s, end);
        if (debug) System.err.printf("fade-in? %d..%d contrast %.1f -> %.1f spread %.2f%n", t(s).index, t(end).index, contrast[r(s)], contrast[r(end)], spread);
        if (spread > 0.35) return;
        report(TransitionType.FADE_IN, s + 1, end, contrast[r(end)] - contrast[r(s)]);
    }

    /**
     * A fade changes the contrast of every part of the picture at the same pace; a pan from a dark wall
     * or an object entering changes one part first. Returns the spread (max - min) of the per-region
     * contrast progress (3x3 regions) at the frame where the overall progress is nearest to one half.
     */
    private double progressSpread(long a, long b) {
        regionContrast(t(a), regionA);
        regionContrast(t(b), regionB);
        double bestDist = 2, spread = 0;
        // Regions that change little carry mostly noise (a dark corner of a night shot): judged are those
        // changing by at least a third of the most changing one.
        double maxSpan = 0;
        for (int k = 0; k < 9; k++) maxSpan = Math.max(maxSpan, Math.abs(regionB[k] - regionA[k]));
        double minSpan = Math.max(6, maxSpan / 3);
        int mids = 0;
        for (long i = a + 1; i < b; i++) {
            regionContrast(t(i), regionX);
            double lo = 2, hi = -2, sum = 0;
            int used = 0;
            for (int k = 0; k < 9; k++) {
                double span = regionB[k] - regionA[k];
                if (Math.abs(span) < minSpan) continue;
                double p = (regionX[k] - regionA[k]) / span;
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                sum += p;
                used++;
            }
            if (used < 3) continue;
            double mean = sum / used;
            if (Math.abs(mean - 0.5) < bestDist) {
                bestDist = Math.abs(mean - 0.5);
                spread = hi - lo;
            }
            if (Math.abs(mean - 0.5) <= 0.25 && mids < midSpreads.length) midSpreads[mids++] = hi - lo;
        }
        if (bestDist > 1) return 1;
        // A slow fade's middle has many frames: the median of their spreads, so one noisy frame does not decide.
        if (mids >= 3) {
            java.util.Arrays.sort(midSpreads, 0, mids);
            return midSpreads[mids / 2];
        }
        return spread;
    }

    private final double[] midSpreads = new double[2 * MAX_FADE + 8];
    private final double[] regionA = new double[9], regionB = new double[9], regionX = new double[9];
    private final double[] rs = new double[9], rs2 = new double[9];
    private final int[] rn = new int[9];

    private void regionContrast(FrameSketch f, double[] out) {
        int cols = f.grid.cols, rows = f.grid.rows;
        java.util.Arrays.fill(rs, 0);
        java.util.Arrays.fill(rs2, 0);
        java.util.Arrays.fill(rn, 0);
        for (int y = 0; y < rows; y++) {
            int ry = y * 3 / rows;
            for (int x = 0; x < cols; x++) {
                int k = ry * 3 + x * 3 / cols;
                double v = f.y[y * cols + x];
                rs[k] += v;
                rs2[k] += v * v;
                rn[k]++;
            }
        }
        for (int k = 0; k < 9; k++) {
            double m = rs[k] / rn[k];
            out[k] = Math.sqrt(Math.max(0, rs2[k] / rn[k] - m * m)) + 0.1 * Math.abs(m - f.thumbMeanY);
        }
    }
}
