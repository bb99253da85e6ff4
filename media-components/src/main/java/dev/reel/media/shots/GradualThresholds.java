package dev.reel.media.shots;

/**
 * The tuned constants of the gradual-transition path ({@link GradualTracker} and its parts), each with
 * the reason for its value. They were tuned on real footage: changing one changes detections.
 */
final class GradualThresholds {
    // ------------------------------------------------------------------ window search

    /** Steps per candidate window: enough for change spread over steps to differ from a cut's one step. */
    static final int STEPS = 8;
    /** Step strides in frames: windows of 8 to 64 frames cover transitions from a third of a second to two. */
    static final int[] STRIDES = {1, 2, 4, 8};
    /** The longest window, in frames. */
    static final int MAX_WINDOW = STEPS * STRIDES[STRIDES.length - 1];
    /** Frames without a qualifying window that end an event: one noisy frame inside a transition does not split it. */
    static final int QUIET = 3;
    /** An event whose best window is this old closes, so that its frames are still in the sketch ring. */
    static final int MAX_EVENT_AGE = 2 * MAX_WINDOW;
    /** Least spread (path length / largest step) of a candidate: a cut puts all its change in one step. */
    static final double MIN_SPREAD = 2.5;

    // ------------------------------------------------------------------ flat frames

    /** Luma std under which any picture is flat (black, white, one colour). */
    static final double FLAT_STD = 8;
    /** Dark pictures (mean under this) hold film grain: a little more std still counts as flat. */
    static final double DARK_MEAN = 24;
    static final double DARK_FLAT_STD = 10;
    /** Bright pictures (mean over this) clip unevenly: more std still counts as flat. */
    static final double BRIGHT_MEAN = 231;
    static final double BRIGHT_FLAT_STD = 14;

    // ------------------------------------------------------------------ blend fit

    /** Total rise of alpha over a window below which the projection has stopped moving (per frame: this / length). */
    static final double ALPHA_MOVE = 0.2;
    /** Picture contrast (luma std) under which a transition's minimum change scales down. */
    static final double LOW_CONTRAST = 32;
    /** ... but not below this share of it: dark film changes less, not nothing. */
    static final double MIN_CHANGE_SCALE = 0.6;
    /** Frames this near alpha 0.5 are the middle of a blend, where cells are judged. */
    static final double MID_ALPHA = 0.2;
    /** A cell's change between A and B (squared, chroma weighted) from which it carries signal, not noise. */
    static final double SIGNIFICANT_CELL = 100;
    /** In a dissolve's middle a cell's own alpha lies in this band; in a wipe it is 0 or 1. */
    static final double CELL_BAND_LOW = 0.2;
    static final double CELL_BAND_HIGH = 0.8;

    // ------------------------------------------------------------------ verification

    /** A clean dissolve: the global blend fits this well (residual / change) ... */
    static final double DISSOLVE_FIT = 0.17;
    /** ... with this share of mid cells mid-way ... */
    static final double DISSOLVE_BAND = 0.6;
    /** ... between pictures differing at least this much in structure (not a brightness ramp). */
    static final double MIN_STRUCTURE = 0.25;
    /** A looser dissolve (moving content on both sides): a worse fit, more cells mid-way ... */
    static final double LOOSE_DISSOLVE_FIT = 0.22;
    static final double LOOSE_DISSOLVE_BAND = 0.7;
    /** ... a little less coherence ... */
    static final double LOOSE_COHERENCE_MARGIN = 0.1;
    /** ... between clearly different pictures. */
    static final double DISTINCT_STRUCTURE = 0.9;
    /** A dissolve under camera motion: one alpha per cell fits this well ... */
    static final double MOVING_DISSOLVE_CELL_FIT = 0.12;
    static final double MOVING_DISSOLVE_BAND = 0.4;
    /** ... and motion compensation explains at most 1 - this of the change. */
    static final double MOVING_DISSOLVE_UNEXPLAINED = 0.7;
    /** A fade to or from a flat picture through the blend model: a fit and coherence a moving shot still reaches. */
    static final double BLEND_FADE_FIT = 0.2;
    static final double BLEND_FADE_COHERENCE = 0.7;
    /** A wipe: each cell follows its own alpha very closely ... */
    static final double WIPE_CELL_FIT = 0.08;
    /** ... each cell is either A or B ... */
    static final double WIPE_IN_PLACE_FIT = 0.2;
    /** ... and few cells are mid-way at the middle. */
    static final double WIPE_MAX_BAND = 0.3;
    /** A step this many times the transition's mean step next to it is a cut: the "transition" is a changing shot. */
    static final double CUT_STEP_FACTOR = 3;
    /** One step carrying this share of the change makes it a cut, not a transition. */
    static final double ONE_STEP_SHARE = 0.45;
    /** Twin comparison: the change must run at least this much faster than in the frames around it. */
    static final double MIN_RATE_RATIO = 1.1;
    /** The rate ratio when nothing around the transition changes. */
    static final double NO_OUTSIDE_RATE = 99;
    /** Frames on each side over which the outside rate is measured. */
    static final int OUTSIDE_FRAMES = 6;
    /** Frames after a transition searched for a cut-like step. */
    static final int STEP_AFTER_FRAMES = 2;
    /** Most that alpha may fall back in all (a blend moves one way). */
    static final double MAX_BACK = 0.3;
    /** Least share of the change that motion compensation must leave unexplained (a pan it explains). */
    static final double MIN_UNEXPLAINED = 0.4;
    /** A flash: within this many frames the picture returns ... */
    static final int RETURN_FRAMES = 4;
    /** ... to within this share of the transition's change. */
    static final double RETURN_SHARE = 0.35;
    /** An object passing: frames beyond the transition's length searched for the picture coming back ... */
    static final int COME_BACK_EXTRA = 10;
    /** ... to within this share of its change. */
    static final double COME_BACK_SHARE = 0.3;

    // ------------------------------------------------------------------ wipe checks

    /** A cell whose own alpha passed this at the middle frame already shows B. */
    static final double SWITCHED_ALPHA = 0.5;
    /** Most neighbouring cell pairs that may differ: a wipe has one boundary, a pan over sharp edges many. */
    static final double MAX_BOUNDARY_FRACTION = 0.1;
    /** Frames after a wipe that must stay A or B (in place) ... */
    static final int SETTLE_FRAMES = 3;
    /** ... to within this share of its change: an object sliding in keeps moving. */
    static final double MAX_SETTLE_FIT = 0.2;

    // ------------------------------------------------------------------ fades from flat frames

    /** Longest fade measured by the flat-frame path. */
    static final int MAX_FADE = 96;
    /** Frames without a rise of contrast that end a fade (slow fades in dark film creep by under 1 % a frame). */
    static final int FADE_PLATEAU = 6;
    /** Least contrast (luma std) of the shot a fade leads from or to. */
    static final double FADE_MIN_CONTRAST = 10;
    /** Fewest frames of a fade: shorter is a cut. */
    static final int MIN_FADE_FRAMES = 3;
    /** Contrast is rising when above this factor of before plus the noise allowance. */
    static final double RISE_FACTOR = 1.01;
    static final double RISE_NOISE = 0.05;
    /** A fade-out goes on into the flat run while the contrast falls under this factor minus the allowance. */
    static final double FALL_FACTOR = 0.99;
    static final double FALL_NOISE = 0.05;
    /** A drop under this factor of the peak minus the allowance ends a fade (the contrast turned back). */
    static final double DROP_FACTOR = 0.9;
    static final double DROP_NOISE = 0.5;
    /** A flat run entered abruptly and shorter than this is a flash: what follows is no fade-in. */
    static final int FLASH_RUN = 4;
    /** Contrast above this factor of the flat run's level plus the allowance has left the run (a fade began). */
    static final double LEAVE_FLAT_FACTOR = 1.03;
    static final double LEAVE_FLAT_NOISE = 0.1;
    /** The shot's contrast must be at least this times the flat level plus the allowance: else hardly a fade. */
    static final double FADE_DEPTH = 1.8;
    static final double FADE_DEPTH_NOISE = 2;
    /** Most spread of per-region progress at a fade's middle: a fade changes every region at one pace. */
    static final double MAX_PROGRESS_SPREAD = 0.35;
    /** Regions that change less than this (or a third of the most changing one) carry mostly noise. */
    static final double MIN_REGION_SPAN = 6;
    static final int REGION_SPAN_SHARE = 3;
    /** Fewest regions that must change for a frame's progress to be judged. */
    static final int MIN_REGIONS = 3;
    /** Frames with progress this near one half are the fade's middle ... */
    static final double MID_PROGRESS = 0.25;
    /** ... and with at least this many of them their median spread decides, not one noisy frame. */
    static final int MIN_MID_FRAMES = 3;

    private GradualThresholds() {
    }

    /** A near-uniform picture: black, white, one colour. */
    static boolean isFlat(FrameSketch s) {
        return s.lumaStd < FLAT_STD || (s.lumaMean < DARK_MEAN && s.lumaStd < DARK_FLAT_STD)
                || (s.lumaMean > BRIGHT_MEAN && s.lumaStd < BRIGHT_FLAT_STD);
    }
}
