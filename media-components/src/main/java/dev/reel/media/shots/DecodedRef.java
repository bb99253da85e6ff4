package dev.reel.media.shots;

/** A frame the main decoder decoded, with its presentation time and sketch, while its run is judged. */
final class DecodedRef {
    final long pts;
    final AnalysisFrame frame;
    /** Null when every frame is decoded (no runs to judge). */
    final FrameSketch sketch;
    /** Plain motion-compensated change from the decoded frame before (NaN: not measured yet). */
    double plainFromPrev = Double.NaN;

    DecodedRef(long pts, AnalysisFrame frame, FrameSketch sketch) {
        this.pts = pts;
        this.frame = frame;
        this.sketch = sketch;
    }
}
