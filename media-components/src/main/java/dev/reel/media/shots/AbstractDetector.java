package dev.reel.media.shots;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shared machinery of the detectors: a ring of {@link FrameSketch}es, the flash filter, the minimum
 * shot length, ordered emission and delayed stats rows.
 *
 * <p>Internally frames are numbered by arrival ({@code seq}, 0, 1, 2, ...) so that gaps in the input
 * indexes do not break "the previous frame"; transitions are reported with the frames' own indexes and
 * presentation times.
 *
 * <p>Cut candidates from a subclass pass, in order: the flash filter (a burst of at most {@code flash}
 * seconds whose frames after the burst match the frames before it, compared with motion compensation,
 * is not a cut: this removes photo flashes, strobes and brief occlusions), then the minimum shot
 * length (time-based, counted from the previous emitted boundary, not from the stream start; the first
 * candidate wins, as in PySceneDetect).
 */
abstract class AbstractDetector implements ShotDetector {
    static final int MAX_FLASH_FRAMES = 8;

    protected final Params params;
    private final int ringSize;
    protected final double minShot;
    protected final double flashSeconds;

    protected FrameSketch.Grid grid;
    private FrameSketch[] ring;
    protected MotionMatcher matcher;

    /** Sequence number of the last accepted frame, -1 before the first. */
    protected long seq = -1;
    private long lastIndex = -1;
    private double firstPts = Double.NaN;

    // Cut candidates waiting for the flash check (bounded: one per frame at most within the window).
    private final ArrayDeque<long[]> candidateSeqs = new ArrayDeque<>();
    private final ArrayDeque<double[]> candidateScores = new ArrayDeque<>();
    /** A transition waiting for release, with the seq of its first frame. */
    private record Pending(Transition t, long seq) {}

    // Candidates that passed the flash check, kept until no earlier candidate can arrive (cuts wait at
    // most CUT_WAIT frames for an open gradual candidate that might contain them).
    private final List<Pending> pending = new ArrayList<>();
    static final int CUT_WAIT = 16;
    private long lastEmittedCut = -1;
    private double lastBoundaryPts = Double.NaN;

    private Consumer<Transition> listener;
    private final ArrayDeque<Transition> queue = new ArrayDeque<>();

    private StatsSink statsSink;
    private double[][] statsRows;
    private long statsFlushed = -1;

    /** Counters for diagnostics and tests. */
    protected int flashesSuppressed, minShotSuppressed;

    protected AbstractDetector(Params params, int ringSize) {
        this.params = params;
        this.ringSize = Math.max(ringSize, 2 * MAX_FLASH_FRAMES + 4 + candidateDelay());
        this.minShot = params.info().param("min_shot") != null ? params.num("min_shot") : 0;
        this.flashSeconds = params.info().param("flash") != null ? params.num("flash") : 0;
    }

    /** A detector's description: its own parameters ({@code own}), then {@link #commonParams()}. */
    static DetectorInfo info(String name, String description, String mainParam, ParamSpec... own) {
        List<ParamSpec> p = new ArrayList<>(List.of(own));
        p.addAll(commonParams());
        return new DetectorInfo(name, description, mainParam, p);
    }

    /** Parameters every cut detector has. */
    static List<ParamSpec> commonParams() {
        return List.of(
                ParamSpec.number("min_shot", 0.6, 0, 60, "minimum shot length in seconds; a cut closer than this to the previous boundary is dropped"),
                ParamSpec.number("flash", 0.1, 0, 0.3, "flash filter: a burst of at most this many seconds (at least one frame) that returns to the previous content is not a cut; 0 disables"));
    }

    // ---------------------------------------------------------------- subclass hooks

    /** Processes the frame whose sketch has just been computed ({@code sketch(seq)}). */
    protected abstract void process(AnalysisFrame f, FrameSketch s);

    /** How many frames after a frame its cut candidate may be reported (lookahead of the detector). */
    protected abstract int candidateDelay();

    /**
     * Every future candidate (cut or gradual) will start at or after this seq; default: seq - candidateDelay.
     * Cuts before it are released; a cut waits at most {@link #CUT_WAIT} frames past its decision.
     */
    protected long horizon() { return seq - candidateDelay(); }

    /** Number of frames after which a stats row is final. */
    protected int statsDelay() { return candidateDelay(); }

    protected void onFinish() {}

    protected void onFirstFrame(AnalysisFrame f) {}

    // ---------------------------------------------------------------- ShotDetector

    @Override
    public String name() { return params.info().name(); }

    @Override
    public Map<String, String> params() { return params.asMap(); }

    @Override
    public final void accept(AnalysisFrame f) {
        if (f.index() <= lastIndex) {
            throw new IllegalArgumentException("frame index " + f.index() + " not after " + lastIndex);
        }
        if (grid == null) {
            grid = FrameSketch.Grid.forFrame(f);
            ring = new FrameSketch[ringSize];
            for (int i = 0; i < ringSize; i++) {
                ring[i] = new FrameSketch(grid);
            }
            matcher = new MotionMatcher(grid.cols, grid.rows, 3);
            statsRows = new double[Math.max(8, statsDelay() + 2)][metricNames().size()];
            firstPts = f.pts();
            // Not from the stream start: a clip cut out of a longer video often opens with the last
            // frames of the shot before, and that cut is real.
            lastBoundaryPts = Double.NEGATIVE_INFINITY;
            onFirstFrame(f);
        }
        lastIndex = f.index();
        seq++;
        FrameSketch s = ring[(int) (seq % ringSize)];
        s.compute(f);
        if (statsSink != null) {
            Arrays.fill(statsRows[(int) (seq % statsRows.length)], Double.NaN);
        }
        process(f, s);
        checkCandidates(false);
        release(false);
        flushStats(seq - statsDelay());
    }

    @Override
    public final void finish() {
        if (seq < 0) {
            return;
        }
        onFinish();
        checkCandidates(true);
        release(true);
        flushStats(seq);
    }

    @Override
    public void setListener(Consumer<Transition> listener) { this.listener = listener; }

    @Override
    public List<Transition> drain() {
        List<Transition> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    @Override
    public void setStatsSink(StatsSink sink) { this.statsSink = sink; }

    /** Cuts: decided after candidateDelay frames, flash-checked after up to MAX_FLASH_FRAMES, may wait CUT_WAIT. */
    @Override
    public int latencyFrames() { return candidateDelay() + MAX_FLASH_FRAMES + CUT_WAIT + 1; }

    // ---------------------------------------------------------------- helpers for subclasses

    public final FrameSketch sketch(long s) {
        if (s < 0 || s > seq || seq - s >= ringSize) {
            throw new IllegalStateException("frame seq " + s + " not in ring (now " + seq + ")");
        }
        return ring[(int) (s % ringSize)];
    }

    public final boolean inRing(long s) { return s >= 0 && s <= seq && seq - s < ringSize; }

    protected final int ringSize() { return ringSize; }

    /** Row of stats values for frame {@code s}, or null when no sink is set or the row is gone. */
    protected final double[] stats(long s) {
        if (statsSink == null || s <= statsFlushed || s > seq || seq - s >= statsRows.length) {
            return null;
        }
        return statsRows[(int) (s % statsRows.length)];
    }

    /** Mean frame interval over the recent frames in the ring (seconds); 1/30 when unknown. */
    protected final double frameInterval() {
        long n = Math.min(seq, Math.min(ringSize - 1, 16));
        if (n <= 0) {
            return 1.0 / 30;
        }
        double d = (sketch(seq).pts - sketch(seq - n).pts) / n;
        return d > 1e-6 ? d : 1.0 / 30;
    }

    /** Reports a cut whose new shot starts at frame {@code s}; it passes the flash filter and the minimum length. */
    protected final void candidateCut(long s, double score) {
        if (s <= 0) {
            return; // the first frame is no cut
        }
        candidateSeqs.add(new long[]{s});
        candidateScores.add(new double[]{score});
    }

    /** Reports a gradual transition spanning frames {@code first..last} (seqs, inclusive). */
    protected final void candidateGradual(TransitionType type, long first, long last, double score) {
        FrameSketch a = sketch(first), b = sketch(last);
        // A cut already given out wins over a gradual transition found later around it.
        if (lastEmittedCut >= a.index && lastEmittedCut <= b.index) {
            return;
        }
        // A gradual transition supersedes cut candidates inside it (a short dissolve's steepest step).
        pending.removeIf(p -> p.t().isCut() && p.t().startFrame() > a.index && p.t().startFrame() <= b.index);
        pending.add(new Pending(Transition.gradual(type, a.index, b.index, a.pts, b.pts, score), first));
    }

    // ---------------------------------------------------------------- flash filter, ordering, min length

    private void checkCandidates(boolean all) {
        while (!candidateSeqs.isEmpty()) {
            long c = candidateSeqs.peek()[0];
            int burst = flashFrames();
            if (!all && c + burst > seq) {
                break;
            }
            candidateSeqs.poll();
            double score = candidateScores.poll()[0];
            if (!inRing(c) || !inRing(c - 1)) {
                continue;
            }
            if (burst > 0 && isTransient(c, burst)) {
                flashesSuppressed++;
                continue;
            }
            FrameSketch s = sketch(c);
            pending.add(new Pending(Transition.cut(s.index, s.pts, score), c));
        }
    }

    private int flashFrames() {
        if (flashSeconds <= 0) {
            return 0;
        }
        int f = (int) Math.ceil(flashSeconds / frameInterval() - 1e-6);
        return Math.max(1, Math.min(MAX_FLASH_FRAMES, f));
    }

    /**
     * True when the change at {@code c} belongs to a burst of at most {@code burst} frames after which
     * the picture returns to what it was before: c starts the burst (frame c+k matches c-1) or ends it
     * (frame c matches c-1-k).
     */
    private boolean isTransient(long c, int burst) {
        FrameSketch before = sketch(c - 1), at = sketch(c);
        matcher.matchRaw(before, at, 0.5f);
        double jump = matcher.median;
        if (jump <= 0) {
            return false;
        }
        double limit = 0.5 * jump;
        for (int k = 1; k <= burst; k++) {
            if (inRing(c + k)) {
                matcher.matchRaw(before, sketch(c + k), 0.5f);
                if (matcher.median < limit && sameScene(before, at, sketch(c + k))) {
                    return true;
                }
            }
            if (inRing(c - 1 - k)) {
                matcher.matchRaw(sketch(c - 1 - k), at, 0.5f);
                if (matcher.median < limit && sameScene(sketch(c - 1 - k), sketch(c - 1 - k + 1), at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code after}, which returned close to {@code before} in raw values after a burst starting
     * at {@code burst}, shows the same scene. Default: yes. A detector may look closer (a few frames of
     * black between two shots of like brightness come back close in raw values, but not in structure).
     */
    protected boolean sameScene(FrameSketch before, FrameSketch burst, FrameSketch after) { return true; }

    private void release(boolean all) {
        if (pending.isEmpty()) {
            return;
        }
        long limit = all ? Long.MAX_VALUE : horizon();
        if (!all && !candidateSeqs.isEmpty()) {
            limit = Math.min(limit, candidateSeqs.peek()[0]);
        }
        long forced = seq - candidateDelay() - MAX_FLASH_FRAMES - CUT_WAIT;
        pending.sort(PENDING_ORDER);
        int i = 0;
        for (; i < pending.size(); i++) {
            Pending p = pending.get(i);
            Transition t = p.t();
            // Gradual transitions are final when reported; cuts wait for the horizon (bounded).
            if (t.isCut() && p.seq() >= limit && p.seq() > forced) {
                break;
            }
            if (t.isCut()) {
                if (t.start() - lastBoundaryPts < minShot - 1e-9) {
                    minShotSuppressed++;
                    continue;
                }
                lastBoundaryPts = t.start();
                lastEmittedCut = t.startFrame();
            } else {
                lastBoundaryPts = Math.max(lastBoundaryPts, t.end());
            }
            emit(t);
        }
        if (i > 0) {
            pending.subList(0, i).clear();
        }
    }

    private static final java.util.Comparator<Pending> PENDING_ORDER = (x, y) -> Long.compare(x.seq(), y.seq());

    private void emit(Transition t) {
        if (listener != null) {
            listener.accept(t);
        } else {
            queue.add(t);
        }
    }

    private void flushStats(long upTo) {
        if (statsSink == null) {
            statsFlushed = upTo;
            return;
        }
        long from = Math.max(statsFlushed + 1, seq - statsRows.length + 1);
        for (long s = from; s <= upTo; s++) {
            if (!inRing(s)) {
                continue;
            }
            FrameSketch k = sketch(s);
            statsSink.onFrame(k.index, k.pts, statsRows[(int) (s % statsRows.length)]);
        }
        if (upTo > statsFlushed) {
            statsFlushed = upTo;
        }
    }
}
