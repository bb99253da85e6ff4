package dev.reel.media.shots;

import dev.reel.media.ffmpeg.Scaler;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.VideoFrame;
import org.bytedeco.ffmpeg.global.swscale;

/**
 * Makes the small analysis copy a detector reads from a decoded frame: area-averaged (over every
 * row up to twice the analysis height, every n-th row above that) to the size
 * {@link AnalysisSize} picks for the input, rgb24 plus luma. One reused {@link AnalysisFrame}, so
 * nothing is allocated per frame. Single-threaded; {@link #close()} frees the scaler.
 */
public final class AnalysisCopier implements AutoCloseable {
    private Scaler scaler;
    private AnalysisFrame analysis;

    /** The analysis copy of {@code f} (valid until the next call), with index and time set. */
    public AnalysisFrame copy(VideoFrame f, long index, double seconds) {
        if (scaler == null) {
            AnalysisSize size = AnalysisSize.forInput(f.width(), f.height());
            scaler = new Scaler(size.width(), size.height(), PixelFormats.RGB24, swscale.SWS_AREA, true);
            analysis = size.newFrame();
        }
        // Area-averaging needs no more than two source rows per output row; skipping the rest
        // (a view, no copy) cuts the copy's cost about three-fold at 1080p.
        int step = Math.max(1, f.height() / (2 * analysis.height()));
        VideoFrame rows = f.everyNthRow(step);
        VideoFrame small;
        try {
            small = scaler.scale(rows);
        } finally {
            rows.release();
        }
        try {
            small.plane(0).get(0, analysis.rgb(), 0, analysis.width() * analysis.height() * 3);
        } finally {
            small.release();
        }
        return analysis.computeLumaFromRgb().set(index, seconds);
    }

    @Override
    public void close() {
        if (scaler != null) {
            scaler.close();
            scaler = null;
        }
    }
}
