package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.COME_BACK_EXTRA;
import static dev.reel.media.shots.GradualThresholds.COME_BACK_SHARE;
import static dev.reel.media.shots.GradualThresholds.OUTSIDE_FRAMES;
import static dev.reel.media.shots.GradualThresholds.RETURN_FRAMES;
import static dev.reel.media.shots.GradualThresholds.RETURN_SHARE;
import static dev.reel.media.shots.GradualThresholds.STEP_AFTER_FRAMES;
import static dev.reel.media.shots.GradualThresholds.STRIDES;

/**
 * What the gradual path remembers of the recent frames, beside the host's sketches: the change over each
 * window stride, the motion-compensated residual, the contrast and flatness of each frame (a ring of
 * {@value #RING} frames), and the questions the checks ask of them. Single-threaded.
 */
final class GradualHistory {
    private static final int RING = 512;

    private final GradualTracker.Host host;
    private final double[][] lag = new double[STRIDES.length][RING];
    private final double[] mcMean = new double[RING];
    private final double[] contrast = new double[RING];
    private final boolean[] flat = new boolean[RING];
    private long first = -1;
    private long last = -1;

    GradualHistory(GradualTracker.Host host) {
        this.host = host;
    }

    private static int r(long s) {
        return (int) (s % RING);
    }

    /** Records frame {@code seq} (its sketch is in the host ring) and its motion-compensated residual. */
    void add(long seq, double mcResidualMean) {
        if (first < 0) {
            first = seq;
        }
        last = seq;
        FrameSketch cur = sketch(seq);
        mcMean[r(seq)] = mcResidualMean;
        contrast[r(seq)] = cur.lumaStd;
        flat[r(seq)] = GradualThresholds.isFlat(cur);
        for (int k = 0; k < STRIDES.length; k++) {
            int s = STRIDES[k];
            lag[k][r(seq)] = seq - s >= first ? FrameSketch.rawDistance(sketch(seq - s), cur) : 0;
        }
    }

    /** The first frame seen, -1 before it. */
    long first() {
        return first;
    }

    /** The last frame seen. */
    long last() {
        return last;
    }

    FrameSketch sketch(long seq) {
        return host.sketch(seq);
    }

    boolean inRing(long seq) {
        return host.inRing(seq);
    }

    /** Change from frame {@code seq - STRIDES[k]} to frame {@code seq}. */
    double lag(int k, long seq) {
        return lag[k][r(seq)];
    }

    /** Change from the frame before {@code seq} to it. */
    double step(long seq) {
        return lag[0][r(seq)];
    }

    /** Mean motion-compensated residual of frame {@code seq} against the one before (NaN: none). */
    double mcMean(long seq) {
        return mcMean[r(seq)];
    }

    double contrast(long seq) {
        return contrast[r(seq)];
    }

    boolean flat(long seq) {
        return flat[r(seq)];
    }

    /** Mean frame-to-frame change over up to a few frames before a and after b (cut-like steps left out). */
    double outsideRate(long a, long b) {
        double sum = 0;
        int n = 0;
        for (long i = a; i > a - OUTSIDE_FRAMES && i > first && host.inRing(i - 1); i--) {
            sum += lag[0][r(i)];
            n++;
        }
        for (long i = b + 1; i <= Math.min(last, b + OUTSIDE_FRAMES); i++) {
            sum += lag[0][r(i)];
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Largest step into {@code a - 1} or {@code a}. */
    double stepBefore(long a) {
        double m = 0;
        for (long i = Math.max(first + 1, a - 1); i <= a; i++) {
            if (host.inRing(i - 1)) {
                m = Math.max(m, lag[0][r(i)]);
            }
        }
        return m;
    }

    /** Largest step in the frames right after {@code b}. */
    double stepAfter(long b) {
        double m = 0;
        for (long i = b + 1; i <= Math.min(last, b + STEP_AFTER_FRAMES); i++) {
            m = Math.max(m, lag[0][r(i)]);
        }
        return m;
    }

    /**
     * True when, within the transition's length plus a few frames after it, the picture goes back to
     * what it was before: a large object passing the camera or a light going up and down, not a change
     * of shot.
     */
    boolean comesBack(long s, long e) {
        long a = s - 1;
        if (!host.inRing(a)) {
            return false;
        }
        FrameSketch before = sketch(a);
        double n = FrameSketch.rawDistance(before, sketch(Math.min(last, e + 1)));
        long reach = (e - s + 1) + COME_BACK_EXTRA;
        for (long i = e + 2; i <= Math.min(last, e + reach); i++) {
            if (FrameSketch.rawDistance(before, sketch(i)) < COME_BACK_SHARE * n) {
                return true;
            }
        }
        // ... or the picture after it is what was there shortly before (the object leaving).
        FrameSketch after = sketch(Math.min(last, e + 1));
        for (long i = a - 2; i >= Math.max(first, a - reach) && host.inRing(i); i--) {
            if (FrameSketch.rawDistance(sketch(i), after) < COME_BACK_SHARE * n) {
                return true;
            }
        }
        return false;
    }

    /** True when the picture returns: b matches a frame shortly before a, or a one shortly after b (a flash). */
    boolean returns(long a, long b, double n) {
        for (int k = 1; k <= RETURN_FRAMES; k++) {
            if (a - k >= first && host.inRing(a - k) && FrameSketch.rawDistance(sketch(a - k), sketch(b)) < RETURN_SHARE * n) {
                return true;
            }
            if (b + k <= last && FrameSketch.rawDistance(sketch(a), sketch(b + k)) < RETURN_SHARE * n) {
                return true;
            }
        }
        return false;
    }
}
