package dev.reel.media.shots;

import static dev.reel.media.shots.GradualThresholds.CUT_STEP_FACTOR;
import static dev.reel.media.shots.GradualThresholds.DROP_FACTOR;
import static dev.reel.media.shots.GradualThresholds.DROP_NOISE;
import static dev.reel.media.shots.GradualThresholds.FADE_DEPTH;
import static dev.reel.media.shots.GradualThresholds.FADE_DEPTH_NOISE;
import static dev.reel.media.shots.GradualThresholds.FADE_MIN_CONTRAST;
import static dev.reel.media.shots.GradualThresholds.FADE_PLATEAU;
import static dev.reel.media.shots.GradualThresholds.FALL_FACTOR;
import static dev.reel.media.shots.GradualThresholds.FALL_NOISE;
import static dev.reel.media.shots.GradualThresholds.FLASH_RUN;
import static dev.reel.media.shots.GradualThresholds.LEAVE_FLAT_FACTOR;
import static dev.reel.media.shots.GradualThresholds.LEAVE_FLAT_NOISE;
import static dev.reel.media.shots.GradualThresholds.MAX_FADE;
import static dev.reel.media.shots.GradualThresholds.MAX_PROGRESS_SPREAD;
import static dev.reel.media.shots.GradualThresholds.MIN_FADE_FRAMES;
import static dev.reel.media.shots.GradualThresholds.RISE_FACTOR;
import static dev.reel.media.shots.GradualThresholds.RISE_NOISE;

/**
 * Finds fades from flat frames (black, white, one colour): the run of steadily decreasing contrast
 * before a flat run is a fade-out, the steadily increasing run after it a fade-in. This works while the
 * faded shot moves, where the blend model does not hold. Single-threaded.
 */
final class FadeTracker {
    private final GradualHistory history;
    private final GradualProposals proposals;
    private final FadeProgress progress;
    private final double minChange;

    private long flatRunStart = -1;
    private boolean fadedOut;
    private long pendingFadeIn = -1;
    /** First frame of the fade-in being measured, its highest contrast so far and the frame of its last rise. */
    private long fadeInStart;
    private long fadeInLastRise;
    private double fadeInPeak;
    /** Lowest contrast of the current (or last) flat run. */
    private double flatLevel;
    /** Fade-out being measured into a flat run: its last frame before the drop (-1: none), last falling frame, lowest contrast. */
    private long fadeOutStart = -1;
    private long fadeOutEnd;
    private double fadeOutLow;

    FadeTracker(GradualHistory history, GradualProposals proposals, double minChange) {
        this.history = history;
        this.proposals = proposals;
        this.progress = new FadeProgress(history);
        this.minChange = minChange;
    }

    /** Earliest frame a fade being measured may cover; Long.MAX_VALUE when none is. */
    long openFrom() {
        long h = Long.MAX_VALUE;
        if (pendingFadeIn >= 0) {
            h = Math.min(h, fadeInStart - 1);
        }
        if (fadeOutStart >= 0) {
            h = Math.min(h, fadeOutStart);
        }
        return h;
    }

    /** True when contrast {@code to} is clearly above {@code from} (beyond noise). */
    private static boolean rises(double to, double from) {
        return to > from * RISE_FACTOR + RISE_NOISE;
    }

    /** Follows frame {@code seq} (already in the history). */
    void onFrame(long seq) {
        long first = history.first();
        boolean f = history.flat(seq);
        boolean prevFlat = seq > first && history.flat(seq - 1);
        double c = history.contrast(seq);
        if (pendingFadeIn >= 0) {
            // A fade-in goes on while the contrast keeps rising; a plateau of a few frames or a drop ends it.
            // A frame that looks flat again on the way (dark film hovering at the flat bound) does not.
            if (rises(c, fadeInPeak)) {
                fadeInPeak = c;
                fadeInLastRise = seq;
            }
            if (c < fadeInPeak * DROP_FACTOR - DROP_NOISE || seq - fadeInLastRise > FADE_PLATEAU || seq - fadeInStart > MAX_FADE) {
                finishFadeIn(fadeInLastRise);
            } else {
                return;
            }
        }
        if (f && (seq == first || !prevFlat)) {
            flatRunStart = seq;
            flatLevel = c;
            fadedOut = false;
            if (seq > first) {
                beginFadeOut(seq);
            }
        } else if (f) {
            flatLevel = Math.min(flatLevel, c);
            if (fadeOutStart >= 0) {
                // A fade-out goes on into the flat run while the contrast keeps falling.
                if (c < fadeOutLow * FALL_FACTOR - FALL_NOISE) {
                    fadeOutLow = c;
                    fadeOutEnd = seq;
                } else if (seq - fadeOutEnd > FADE_PLATEAU) {
                    fadedOut = finishFadeOut();
                }
            }
        } else if (prevFlat && flatRunStart >= 0) {
            if (fadeOutStart >= 0) {
                fadedOut = finishFadeOut();
            }
            // A flat run of a few frames entered abruptly is a flash (or a cut to black and back):
            // what follows is no fade-in. After a fade-out, or from the start of the stream, it is.
            long run = seq - flatRunStart;
            if (fadedOut || flatRunStart == first || run >= FLASH_RUN) {
                pendingFadeIn = seq;
                fadeInPeak = c;
                fadeInLastRise = seq;
                // The fade may have begun inside the flat run: from where the contrast left the run's level.
                long i = seq;
                while (i - 1 > flatRunStart && seq - (i - 1) < MAX_FADE && history.inRing(i - 2)
                        && history.contrast(i - 1) > flatLevel * LEAVE_FLAT_FACTOR + LEAVE_FLAT_NOISE) {
                    i--;
                }
                fadeInStart = i;
            }
            flatRunStart = -1;
        }
    }

    /** Judges the fades still being measured at the end of the stream. */
    void finish() {
        if (fadeOutStart >= 0) {
            finishFadeOut();
        }
        if (pendingFadeIn >= 0) {
            finishFadeIn(fadeInLastRise);
        }
    }

    /** At the first flat frame {@code d}: where the contrast started dropping, if it did; judged when the drop ends. */
    private void beginFadeOut(long d) {
        long first = history.first();
        // Walk back while the contrast keeps rising (going back in time), through plateaus of a few frames.
        double peak = history.contrast(d);
        long top = d;
        for (long i = d - 1; i > first && d - i < MAX_FADE && history.inRing(i - 1); i--) {
            double ci = history.contrast(i);
            if (rises(ci, peak)) {
                peak = ci;
                top = i;
            } else if (ci < peak * DROP_FACTOR - DROP_NOISE || top - i > FADE_PLATEAU) {
                break;
            }
        }
        // The last frame before the contrast starts dropping belongs to the fade too.
        fadeOutStart = d - top < MIN_FADE_FRAMES ? -1 : top;
        fadeOutEnd = d;
        fadeOutLow = history.contrast(d);
    }

    private boolean finishFadeOut() {
        long start = fadeOutStart;
        long end = fadeOutEnd;
        fadeOutStart = -1;
        double from = history.contrast(start);
        double to = history.contrast(end);
        // Faded from something with hardly any picture, or hardly darker than it: not a fade.
        if (from < FADE_MIN_CONTRAST || from < FADE_DEPTH * to + FADE_DEPTH_NOISE) {
            return false;
        }
        if (cutAdjacent(start + 1, end)) {
            return false;
        }
        if (progress.spread(start, end) > MAX_PROGRESS_SPREAD) {
            return false;
        }
        proposals.propose(TransitionType.FADE_OUT, start + 1, end, from - to);
        return true;
    }

    private void finishFadeIn(long end) {
        long s = fadeInStart - 1; // the last frame at the flat run's level
        pendingFadeIn = -1;
        double to = history.contrast(end);
        if (end - s < MIN_FADE_FRAMES || to < FADE_MIN_CONTRAST || to < FADE_DEPTH * flatLevel + FADE_DEPTH_NOISE) {
            return;
        }
        if (cutAdjacent(s + 1, end)) {
            return; // a shot coming out of the dark that a cut ends is no fade-in
        }
        if (progress.spread(s, end) > MAX_PROGRESS_SPREAD) {
            return;
        }
        proposals.propose(TransitionType.FADE_IN, s + 1, end, to - history.contrast(s));
    }

    /** A cut-like step (3x the mean step of {@code s..e}, at least the minimum change) right before or after. */
    private boolean cutAdjacent(long s, long e) {
        double path = 0;
        for (long i = s; i <= e; i++) {
            path += history.step(i);
        }
        double step = path / (e - s + 1);
        double limit = Math.max(CUT_STEP_FACTOR * step, minChange);
        return history.stepBefore(s - 1) > limit || (e + 1 <= history.last() && history.stepAfter(e) > limit);
    }
}
