package dev.reel.media.shots;

import java.util.List;

/**
 * PySceneDetect's {@code detect-threshold}: fades to and from black (or white) by the mean of all
 * RGB values of the frame. A fade-out is reported when the mean drops below the threshold and a
 * fade-in when it rises back; each spans the run of frames whose brightness keeps decreasing
 * (fade-out) or increasing (fade-in) around that crossing. PySceneDetect splits the scenes in the
 * middle of the dark section; {@link ShotList} does the same with a fade-out/fade-in pair.
 *
 * <p>{@code method}: {@code floor} dark frames (mean below threshold), {@code ceiling} bright frames
 * (mean above 255 - threshold), {@code both}.
 */
final class ThresholdDetector extends AbstractDetector {
    static final DetectorInfo INFO = info("threshold", "fades to/from black or white by mean brightness (PySceneDetect detect-threshold)", "threshold",
            ParamSpec.number("threshold", 12, 0, 255, "a frame is dark when its mean RGB value is below this (bright: above 255 - threshold)"),
            ParamSpec.choice("method", "floor", List.of("floor", "ceiling", "both"), "fades to black (floor), to white (ceiling) or both"));

    /** Longest fade measured, in frames (bounded lookback and lookahead). */
    static final int MAX_FADE = 150;

    private final double threshold;
    private final boolean floor, ceiling;
    private final double[] mean = new double[MAX_FADE + 2];
    private boolean prevExtreme;
    private boolean havePrev;
    /** Pending fade-in: seq of the first non-extreme frame, -1 when none. */
    private long fadeInFrom = -1;
    private long fadeInEnd = -1;

    ThresholdDetector(Params p) {
        super(p, MAX_FADE + 4);
        threshold = p.num("threshold");
        String m = p.str("method");
        floor = !m.equals("ceiling");
        ceiling = !m.equals("floor");
    }

    @Override
    protected int candidateDelay() { return MAX_FADE; }

    @Override
    protected long horizon() {
        // Only a fade-in being measured can still start before the frames already seen.
        return fadeInFrom >= 0 ? fadeInFrom - MAX_FADE : seq + 1;
    }

    @Override
    protected int statsDelay() { return 0; }

    @Override
    public List<String> metricNames() { return List.of("mean_brightness"); }

    private double m(long s) { return mean[(int) (s % mean.length)]; }

    private boolean extreme(double v) {
        return (floor && v < threshold) || (ceiling && v > 255 - threshold);
    }

    private static double eps(double v) { return 0.15 + 0.003 * Math.min(v, 255 - v); }

    @Override
    protected void process(AnalysisFrame f, FrameSketch s) {
        byte[] rgb = f.rgb();
        long sum = 0;
        int n = f.pixels() * 3;
        for (int i = 0; i < n; i++) {
            sum += rgb[i] & 0xff;
        }
        double v = (double) sum / n;
        mean[(int) (seq % mean.length)] = v;
        double[] row = stats(seq);
        if (row != null) {
            row[0] = v;
        }
        boolean ext = extreme(v);
        if (fadeInFrom >= 0) {
            trackFadeIn(false);
        }
        if (havePrev) {
            if (!prevExtreme && ext) {
                fadeOut(seq);
            } else if (prevExtreme && !ext) {
                if (fadeInFrom >= 0) {
                    trackFadeIn(true);
                }
                fadeInFrom = seq;
                fadeInEnd = seq;
            }
        }
        prevExtreme = ext;
        havePrev = true;
    }

    /** The first extreme frame is {@code d}: the fade-out is the run of monotone steps towards it. */
    private void fadeOut(long d) {
        boolean dark = m(d) < 128;
        long start = d;
        while (start - 1 >= 1 && d - (start - 1) < MAX_FADE && towards(m(start - 2), m(start - 1), dark)) {
            start--;
        }
        long end = d; // the crossing frame ends the reported fade-out
        candidateGradual(TransitionType.FADE_OUT, start, end, Math.abs(m(start - 1) - m(end)));
    }

    private static boolean towards(double prev, double cur, boolean dark) {
        return dark ? cur < prev - eps(prev) : cur > prev + eps(prev);
    }

    private void trackFadeIn(boolean force) {
        boolean fromDark = m(fadeInFrom - 1) < 128;
        if (!force && fadeInEnd == seq - 1 && seq - fadeInFrom < MAX_FADE && towards(m(seq), m(seq - 1), fromDark)
                && !extreme(m(seq))) {
            // Still brightening (away from the extreme): the fade-in goes on.
            fadeInEnd = seq;
            return;
        }
        long start = fadeInFrom;
        while (start - 1 >= 1 && fadeInFrom - (start - 1) < MAX_FADE && inRing(start - 2)
                && towards(m(start - 1), m(start - 2), fromDark)) {
                    start--;
                }
        candidateGradual(TransitionType.FADE_IN, start, fadeInEnd, Math.abs(m(fadeInEnd) - m(start - 1)));
        fadeInFrom = -1;
    }

    @Override
    protected void onFinish() {
        if (fadeInFrom >= 0) {
            trackFadeIn(true);
        }
    }
}
