package dev.reel.media.ffmpeg;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * Decodes a video stream into {@link VideoFrame}s that reference the decoder's own buffers
 * (zero copy). Multi-threaded (frame and slice threads, automatic count by default).
 *
 * <p>Timestamps: frames carry the stream's time base and FFmpeg's best-effort pts; variable frame
 * rate is preserved (frames are never counted to make time). Damaged input is counted, not
 * fatal: whatever can be decoded is returned.
 *
 * <p>Use: {@code send(packet)} then {@code receive()} until null; at the end {@code sendEof()}
 * then {@code receive()} until null. One thread at a time.
 */
public final class VideoDecoder implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Decoder options; all optional. */
    public static final class Options {
        /** Downscale from which deblocking stops mattering for analysis (see {@link #forAnalysisAt}). */
        public static final int BLOCKS_AVERAGE_AWAY = 4;
        /** FFmpeg's own ceiling for automatic frame threads. */
        public static final int MAX_THREADS = 16;
        int threads;
        int analysisLongSide;
        final Map<String, String> avOptions = new LinkedHashMap<>();

        /** Decoding threads; 0 (default) lets FFmpeg choose from the core count. */
        public Options threads(int n) {
            this.threads = n;
            return this;
        }

        /**
         * Analysis-quality decoding, for pictures only ever looked at downscaled so the long side is
         * {@code longSide} px: FFmpeg's non-bit-exact shortcuts ({@code flags2 +fast}) and no
         * deblocking filter on frames nothing refers to. Where the downscale is at least
         * {@value #BLOCKS_AVERAGE_AWAY}-fold (8 px blocks become 2 px, averaged with their neighbours)
         * the filter is skipped on every frame: about 15 % less decoding. Below that, unfiltered
         * reference frames let blocking drift through each GOP, which cost the gradual-transition
         * detector a tenth of its F1 on the small sample suite.
         */
        public Options forAnalysisAt(int longSide) {
            this.analysisLongSide = longSide;
            return option("flags2", "+fast");
        }

        /**
         * Frame threads for a pass where decoding is the whole job: twice the cores plus one.
         * FFmpeg's default (cores + 1) leaves cores idle while frames wait on their references;
         * measured on 2 cores, 1080p H.264: 174 % to 187 % CPU, about 10 % less wall time.
         */
        public Options throughputThreads(int cores) {
            return threads(Math.min(MAX_THREADS, 2 * Math.max(1, cores) + 1));
        }

        /** Any AVCodecContext / decoder private option. */
        public Options option(String key, String value) {
            avOptions.put(key, value);
            return this;
        }
    }

    private final DecoderCore core;
    private final StreamInfo stream;
    private final long defaultDuration;
    private long discardBefore = AV_NOPTS_VALUE;
    private long lastPts = AV_NOPTS_VALUE;

    public VideoDecoder(StreamInfo stream) {
        this(stream, new Options());
    }

    public VideoDecoder(StreamInfo stream, Options options) {
        if (stream.type() != MediaType.VIDEO) {
            throw new IllegalArgumentException("not a video stream: " + stream);
        }
        this.stream = stream;
        this.core = new DecoderCore(stream, options.threads, avOptions(stream, options));
        Rational fr = stream.frameRate();
        long d = fr.isValid() ? Rational.rescale(1, fr.invert(), stream.timeBase()) : 1;
        this.defaultDuration = Math.max(1, d);
    }

    private static Map<String, String> avOptions(StreamInfo stream, Options o) {
        if (o.analysisLongSide <= 0 || o.avOptions.containsKey("skip_loop_filter")) {
            return o.avOptions;
        }
        Map<String, String> m = new LinkedHashMap<>(o.avOptions);
        int longSide = Math.max(stream.width(), stream.height());
        m.put("skip_loop_filter", longSide >= Options.BLOCKS_AVERAGE_AWAY * o.analysisLongSide ? "all" : "noref");
        return m;
    }

    /**
     * Feeds one packet (borrowed: the caller still releases it). Returns false if the decoder
     * rejected it as undecodable (counted in {@link #corruptPackets()}).
     */
    public boolean send(Packet packet) {
        return core.send(packet);
    }

    /**
     * Skips (true) or decodes (false) the frames no other frame refers to, from the next packet on
     * (H.264/HEVC non-reference pictures, MPEG-2/MPEG-4 part 2/VC-1 B-frames; intra-only codecs and
     * those that ignore FFmpeg's skip_frame decode all).
     * Safe to change between packets: no other frame depends on the skipped ones.
     */
    public void skipNonReference(boolean skip) {
        core.checkOpen();
        core.ctx.skip_frame(skip ? org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF
                : org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT);
    }

    /** Signals end of input so buffered frames can be drained with {@link #receive()}. */
    public void sendEof() {
        core.sendEof();
    }

    /** The next decoded frame (caller owns one reference), or null if more input is needed / drained. */
    public VideoFrame receive() {
        while (core.receive()) {
            long pts = core.scratch.pts();
            if (pts == AV_NOPTS_VALUE) {
                // Raw streams without timestamps: continue from the previous frame.
                long d = core.scratch.duration() > 0 ? core.scratch.duration() : defaultDuration;
                pts = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + d;
                core.scratch.pts(pts);
            }
            if (discardBefore != AV_NOPTS_VALUE && pts < discardBefore) {
                av_frame_unref(core.scratch);
                continue;
            }
            lastPts = pts;
            return VideoFrame.adopt(core.scratch, core.timeBase);
        }
        return null;
    }

    /** Drops everything buffered (after a seek) and accepts input again after sendEof(). */
    public void flush() {
        core.flush();
        lastPts = AV_NOPTS_VALUE;
    }

    /**
     * Frames before this absolute presentation time (seconds, as returned by
     * {@link Demuxer#seek}) are decoded but not returned: frame-exact starts after a keyframe seek.
     */
    public void discardBefore(double seconds) {
        discardBefore = core.streamTime(seconds);
    }

    /** Degrees to rotate clockwise for upright display (from the stream's display matrix). */
    public int rotation() {
        return stream.rotation();
    }

    public StreamInfo stream() {
        return stream;
    }

    /** Width and height as configured in the codec (frames carry their own size). */
    public int width() {
        return core.ctx.width();
    }

    public int height() {
        return core.ctx.height();
    }

    /** The output pixel format as known so far (AV_PIX_FMT_*). */
    public int pixelFormat() {
        return core.ctx.pix_fmt();
    }

    /** Decoder name, e.g. "h264", "hevc", "libdav1d". */
    public String name() {
        return core.name;
    }

    /** Packets the decoder rejected plus decode errors. */
    public long corruptPackets() {
        return core.corruptPackets;
    }

    /** Frames returned that the decoder flagged as damaged. */
    public long corruptFrames() {
        return core.corruptFrames;
    }

    /** Frames decoded (including discarded ones). */
    public long framesDecoded() {
        return core.frames;
    }

    /** Frames already handed out stay valid: their buffers outlive the decoder. */
    @Override
    public void close() {
        core.close();
    }
}
