package dev.reel.media.ffmpeg;

import dev.reel.media.core.AvError;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avfilter.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

import dev.reel.media.frame.Rational;
import dev.reel.media.frame.VideoFrame;

/**
 * A libavfilter chain in ffmpeg's {@code -vf} syntax ("transpose=clock", "yadif", "fps=25") for
 * what swscale cannot do. Frames go in by reference (no copy); the graph is configured from the
 * first frame and rebuilt if the input size or format changes (stateful filters then restart).
 *
 * <p>Main use: {@link #forRotation(int)} applies a stream's display rotation to the pixels.
 * Same send/receive contract as the codecs. One thread at a time; the graph runs single-threaded
 * (a pipeline stage owns one core).
 */
public final class VideoFilter implements AutoCloseable {
    static {
        Natives.load();
        Loader.load(avfilter.class);
    }

    private final String description;
    private AVFilterGraph graph;
    private AVFilterContext src;
    private AVFilterContext sink;
    private final AVFrame scratch;
    private Rational outTimeBase;
    private int inW = -1;
    private int inH = -1;
    private int inFmt = -1;
    private Rational inTb;
    private boolean eofSent;
    private boolean closed;

    /** @param description a filter chain, one input and one output, e.g. "transpose=clock,scale=640:-2" */
    public VideoFilter(String description) {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("empty filter description");
        }
        this.description = description;
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new OutOfMemoryError("av_frame_alloc");
        }
        scratch = f;
    }

    /**
     * The filter that turns stored pictures upright for a clockwise display rotation (as
     * {@link dev.reel.media.frame.StreamInfo#rotation()}), or null for 0.
     */
    public static VideoFilter forRotation(int degreesClockwise) {
        String d = rotationFilter(degreesClockwise);
        return d == null ? null : new VideoFilter(d);
    }

    /** "transpose=clock", "transpose=cclock", "hflip,vflip" or null for 90, 270, 180, 0 degrees. */
    public static String rotationFilter(int degreesClockwise) {
        switch (((degreesClockwise % 360) + 360) % 360) {
            case 0: return null;
            case 90: return "transpose=clock";
            case 180: return "hflip,vflip";
            case 270: return "transpose=cclock";
            default: throw new IllegalArgumentException("rotation must be a multiple of 90, got " + degreesClockwise);
        }
    }

    /** Feeds a frame (borrowed: the caller still releases it). */
    public void send(VideoFrame frame) {
        checkOpen();
        if (eofSent) {
            throw new IllegalStateException("send after sendEof()");
        }
        if (graph == null || frame.width() != inW || frame.height() != inH || frame.pixelFormat() != inFmt
                || !frame.timeBase().equals(inTb)) {
            configure(frame);
        }
        int r = av_buffersrc_add_frame_flags(src, frame.avFrame(), AV_BUFFERSRC_FLAG_KEEP_REF);
        if (r < 0) {
            throw MediaException.of("filter '" + description + "' rejected a frame", r);
        }
    }

    /** Ends the input; remaining frames come out of {@link #receive()}. */
    public void sendEof() {
        checkOpen();
        if (!eofSent && graph != null) {
            eofSent = true;
            Av.check(av_buffersrc_add_frame_flags(src, null, 0), "cannot close filter input");
        }
    }

    /** The next filtered frame (caller owns one reference), or null. */
    public VideoFrame receive() {
        checkOpen();
        if (graph == null) {
            return null;
        }
        int r = av_buffersink_get_frame(sink, scratch);
        if (r == AvError.EAGAIN || r == AVERROR_EOF) {
            return null;
        }
        if (r < 0) {
            throw MediaException.of("filter '" + description + "' failed", r);
        }
        return VideoFrame.adopt(scratch, outTimeBase);
    }

    /** Time base of output frames (known after the first frame). */
    public Rational outputTimeBase() {
        return outTimeBase;
    }

    private void configure(VideoFrame f) {
        freeGraph();
        AVFilterGraph g = avfilter_graph_alloc();
        if (g == null || g.isNull()) {
            throw new OutOfMemoryError("avfilter_graph_alloc");
        }
        graph = g;
        g.nb_threads(1);
        AVFrame frame = f.avFrame();
        Rational tb = f.timeBase().isValid() ? f.timeBase() : new Rational(1, 1_000_000);
        int sarNum = frame.sample_aspect_ratio().num();
        int sarDen = frame.sample_aspect_ratio().den();
        String args = "video_size=" + f.width() + "x" + f.height() + ":pix_fmt=" + f.pixelFormat() + ":time_base=" + tb
                + ":pixel_aspect=" + (sarNum > 0 && sarDen > 0 ? sarNum + "/" + sarDen : "1/1")
                + ":colorspace=" + frame.colorspace() + ":range=" + frame.color_range();
        AVFilterContext s = new AVFilterContext(null);
        Av.check(avfilter_graph_create_filter(s, avfilter_get_by_name("buffer"), "in", args, null, g), "cannot create filter input");
        AVFilterContext k = new AVFilterContext(null);
        Av.check(avfilter_graph_create_filter(k, avfilter_get_by_name("buffersink"), "out", null, null, g), "cannot create filter output");
        src = s;
        sink = k;
        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            if (outputs == null || inputs == null || outputs.isNull() || inputs.isNull()) {
                throw new OutOfMemoryError("avfilter_inout_alloc");
            }
            // The in/out lists own their names (freed by avfilter_inout_free): av_strdup copies.
            try (BytePointer in = new BytePointer("in"); BytePointer out = new BytePointer("out")) {
                outputs.name(av_strdup(in)).filter_ctx(s).pad_idx(0).next(null);
                inputs.name(av_strdup(out)).filter_ctx(k).pad_idx(0).next(null);
            }
            int r = avfilter_graph_parse_ptr(g, description, inputs, outputs, null);
            if (r < 0) {
                throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "bad filter '" + description + "': " + MediaException.describe(r), r);
            }
            r = avfilter_graph_config(g, null);
            if (r < 0) {
                throw MediaException.of("cannot configure filter '" + description + "'", r);
            }
        } catch (RuntimeException | Error e) {
            freeGraph();
            throw e;
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
        outTimeBase = Rational.of(av_buffersink_get_time_base(sink));
        inW = f.width();
        inH = f.height();
        inFmt = f.pixelFormat();
        inTb = f.timeBase();
    }

    private void freeGraph() {
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
            src = null;
            sink = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("filter closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            freeGraph();
            av_frame_free(scratch);
        }
    }
}
