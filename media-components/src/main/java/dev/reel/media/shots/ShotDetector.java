package dev.reel.media.shots;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A frame-at-a-time shot-change detector.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #accept} is called once per frame in presentation order (indexes strictly increasing;
 *       gaps are allowed, e.g. skipped frames). The detector copies what it needs into its own
 *       preallocated state during the call and keeps no reference to the frame or its planes: the caller
 *       reuses them. Steady state allocates nothing per frame and memory does not grow with input
 *       length (only with the number of transitions kept by the caller).</li>
 *   <li>Transitions are emitted incrementally with a bounded delay ({@link #latencyFrames()} frames
 *       after the frame that completes them at most, plus the duration of a gradual transition), so a
 *       live stream that never ends still gets results. {@link #finish()} flushes the rest. They go to
 *       the listener if one is set (called on the thread that calls accept/finish), else to a queue
 *       read with {@link #drain()}. Emission is in frame order except that a gradual transition may
 *       come after cuts of later frames (see {@link #latencyFrames()}).</li>
 *   <li>Per-frame metric values for a stats CSV go to the {@link StatsSink}, also in frame order and
 *       possibly a few frames late (a value may need later frames).</li>
 *   <li>A detector is single-threaded and used for one stream; the frame size must not change.</li>
 * </ul>
 */
public interface ShotDetector {

    /** Receives one row of per-frame metrics; {@code values} is reused, copy it to keep it. */
    @FunctionalInterface
    interface StatsSink {
        void onFrame(long index, double pts, double[] values);
    }

    /** Registry name (see {@link Detectors}). */
    String name();

    /** Effective parameters (every parameter, defaults included), formatted as strings. */
    Map<String, String> params();

    void accept(AnalysisFrame frame);

    /** End of stream: decides pending candidates and flushes transitions and stats. */
    void finish();

    /** Transitions go to this listener from now on instead of the drain queue. */
    void setListener(Consumer<Transition> listener);

    /** Transitions emitted since the last drain (when no listener is set). */
    List<Transition> drain();

    /** Names of the per-frame metrics, in the order of the stats values. */
    List<String> metricNames();

    void setStatsSink(StatsSink sink);

    /**
     * Upper bound, in frames, between accepting frame f and emitting a cut at f (so a consumer that
     * holds this many frames can act before the first frame of each new shot leaves). Gradual
     * transitions are emitted when verified, which can take longer (for {@code default} and
     * {@code gradual} up to about 2 x 64 frames after their end); they may then follow cuts of later
     * frames.
     */
    int latencyFrames();
}
