package dev.reel.media.shots;

import dev.reel.media.ffmpeg.Scaler;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.VideoFrame;
import org.bytedeco.ffmpeg.global.swscale;

/**
 * Makes the small analysis copy a detector reads from a decoded frame: area-averaged (over every
 * row up to twice the analysis height, every n-th row above that) to the size
 * {@link AnalysisSize} picks for the input, rgb24 plus luma, into one reused {@link AnalysisFrame}
 * (nothing allocated per frame) or the caller's. Single-threaded; {@link #close()} frees the scaler.
 */
public final class AnalysisCopier implements AutoCloseable {
    private Scaler scaler;
    private AnalysisFrame analysis;

    /** The analysis copy of {@code f} (valid until the next call), with index and time set. */
    public AnalysisFrame copy(VideoFrame f, long index, double seconds) {
        return copyInto(f, null).set(index, seconds);
    }

    /**
     * The analysis copy of {@code f} in {@code into} (a frame of {@link #size()}), or in this copier's
     * own frame (valid until the next call) when {@code into} is null. Index and time are left as they were.
     */
    public AnalysisFrame copyInto(VideoFrame f, AnalysisFrame into) {
        if (scaler == null) {
            AnalysisSize size = AnalysisSize.forInput(f.width(), f.height());
            scaler = new Scaler(size.width(), size.height(), PixelFormats.RGB24, swscale.SWS_AREA, true);
            analysis = size.newFrame();
        }
        AnalysisFrame dst = into == null ? analysis : into;
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
            small.plane(0).get(0, dst.rgb(), 0, dst.width() * dst.height() * 3);
        } finally {
            small.release();
        }
        return dst.computeLumaFromRgb();
    }

    /** The analysis copy of {@code f} in a new frame (the caller's); index and time unset. */
    public AnalysisFrame copyNew(VideoFrame f) {
        AnalysisSize s = size();
        return copyInto(f, (s != null ? s : AnalysisSize.forInput(f.width(), f.height())).newFrame());
    }

    /** The analysis size, known after the first copy (null before). */
    public AnalysisSize size() {
        return analysis == null ? null : new AnalysisSize(analysis.width(), analysis.height());
    }

    @Override
    public void close() {
        if (scaler != null) {
            scaler.close();
            scaler = null;
        }
    }
}
