package dev.reel.media.ffmpeg;

import dev.reel.media.core.AvError;

import dev.reel.media.core.MediaException;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.PixelFormats;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * Encodes {@link VideoFrame}s into {@link Packet}s. Frames are passed to FFmpeg by reference (no
 * pixel copy) when they already have the encoder's size and pixel format; otherwise they are
 * converted with an internal {@link Scaler}.
 *
 * <p>Codec names as ffmpeg users know them: h264 (libx264), hevc (libx265), vp9 (libvpx-vp9),
 * av1 (libsvtav1), openh264 (libopenh264), or any FFmpeg encoder name. Timestamps are kept from
 * the frames (variable frame rate stays variable); packets come out in {@link #timeBase()}.
 *
 * <p>Use: {@code send(frame)} then {@code receive()} until null; at the end {@code sendEof()}
 * then {@code receive()} until null. One thread at a time.
 */
public final class VideoEncoder implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Encoder settings; everything optional (default: h264, codec's default quality). */
    public static final class Settings {
        String codec = "h264";
        Integer crf;
        long bitrate;
        long maxrate;
        long bufsize;
        String preset;
        int gop = -1;
        double[] keyframeTimes = new double[0];
        int threads;
        boolean globalHeader = true;
        int pixelFormat = PixelFormats.NONE;
        final Map<String, String> options = new LinkedHashMap<>();

        public Settings codec(String name) {
            this.codec = name;
            return this;
        }

        /** Constant quality (x264/x265 CRF scale; vp9/av1 use their own 0-63 scale). */
        public Settings crf(int crf) {
            this.crf = crf;
            return this;
        }

        /** Target bit rate in bit/s (instead of CRF). */
        public Settings bitrate(long bitsPerSecond) {
            this.bitrate = bitsPerSecond;
            return this;
        }

        /** VBV cap: maximum rate and buffer size in bits (for streaming). */
        public Settings maxrate(long bitsPerSecond, long bufferBits) {
            this.maxrate = bitsPerSecond;
            this.bufsize = bufferBits;
            return this;
        }

        /**
         * x264-style preset names (ultrafast ... veryslow), mapped for vp9 (cpu-used) and svt-av1
         * (preset number); a number is passed as is.
         */
        public Settings preset(String preset) {
            this.preset = preset;
            return this;
        }

        /** Maximum keyframe interval in frames (ffmpeg -g). */
        public Settings gop(int frames) {
            this.gop = frames;
            return this;
        }

        /** Forces keyframes on the first frames at or after these times (seconds of pts). */
        public Settings forceKeyFramesAt(double... seconds) {
            double[] t = seconds.clone();
            Arrays.sort(t);
            this.keyframeTimes = t;
            return this;
        }

        /** Encoder threads; 0 (default) lets the encoder choose. */
        public Settings threads(int n) {
            this.threads = n;
            return this;
        }

        /**
         * Put codec headers in the stream info (extradata) rather than in-band: true (default)
         * for mp4/mkv/webm, false for mpegts and raw streams; see {@link Muxer#needsGlobalHeader}.
         */
        public Settings globalHeader(boolean global) {
            this.globalHeader = global;
            return this;
        }

        /** Pixel format to encode in (default: the input's if the encoder takes it). */
        public Settings pixelFormat(int avPixFmt) {
            this.pixelFormat = avPixFmt;
            return this;
        }

        /** Any encoder option, e.g. ("tune", "film"), ("x264-params", "scenecut=0"). */
        public Settings option(String key, String value) {
            options.put(key, value);
            return this;
        }
    }

    private static final String[] PRESETS = {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"};
    private static final int[] VP9_CPU_USED = {8, 7, 6, 5, 4, 3, 2, 1, 0};
    private static final int[] SVT_PRESET = {12, 11, 10, 9, 8, 6, 5, 4, 2};
    private static final int[] AOM_CPU_USED = {8, 7, 6, 5, 4, 3, 2, 1, 0};

    private AVCodecContext ctx;
    private final AVFrame shell;
    private final AVPacket scratch;
    private final String name;
    private final int width;
    private final int height;
    private final int pixFmt;
    private final Rational timeBase;
    private final StreamInfo info;
    private final double[] keyTimes;
    private int nextKey;
    private boolean forceNext;
    private long lastPts = AV_NOPTS_VALUE;
    private Scaler converter;
    private boolean eofSent;
    private boolean drained;
    private long framesIn;

    /**
     * Opens an encoder for frames of this size and format.
     *
     * @param timeBase the time base of the incoming frames' pts (kept as the encoder's)
     * @param frameRate nominal frame rate (rate control hint; 0/1 if unknown)
     */
    public static VideoEncoder open(Settings s, int width, int height, int pixelFormat, Rational timeBase, Rational frameRate) {
        return new VideoEncoder(s, width, height, pixelFormat, timeBase, frameRate, null, null);
    }

    /** Opens an encoder for frames derived from {@code source} (time base, rate, colour, aspect). */
    public static VideoEncoder open(Settings s, StreamInfo source, int width, int height, int pixelFormat) {
        return new VideoEncoder(s, width, height, pixelFormat, source.timeBase(), source.frameRate(), source.codecParameters(), null);
    }

    /**
     * Opens an encoder for {@code first} and the frames after it, derived from {@code source}: colour
     * properties the frame states win over the stream's (decoders know them better than containers,
     * and ffmpeg takes them from the frame too).
     */
    public static VideoEncoder open(Settings s, StreamInfo source, VideoFrame first) {
        AVCodecParameters like = avcodec_parameters_alloc();
        if (like == null || like.isNull()) {
            throw new OutOfMemoryError("avcodec_parameters_alloc");
        }
        try {
            Av.check(avcodec_parameters_copy(like, source.codecParameters()), "cannot copy codec parameters");
            AVFrame f = first.avFrame();
            if (f.color_range() != AVCOL_RANGE_UNSPECIFIED) {
                like.color_range(f.color_range());
            } else if (like.color_range() == AVCOL_RANGE_UNSPECIFIED && !PixelFormats.isRgb(first.pixelFormat())
                    && !av_get_pix_fmt_name(first.pixelFormat()).getString().startsWith("yuvj")) {
                like.color_range(AVCOL_RANGE_MPEG); // what unstated YUV means, and what ffmpeg writes for it
            }
            if (f.color_primaries() != AVCOL_PRI_UNSPECIFIED) {
                like.color_primaries(f.color_primaries());
            }
            if (f.color_trc() != AVCOL_TRC_UNSPECIFIED) {
                like.color_trc(f.color_trc());
            }
            if (f.colorspace() != AVCOL_SPC_UNSPECIFIED) {
                like.color_space(f.colorspace());
            }
            if (f.chroma_location() != AVCHROMA_LOC_UNSPECIFIED) {
                like.chroma_location(f.chroma_location());
            }
            if (f.sample_aspect_ratio().num() > 0) {
                like.sample_aspect_ratio().num(f.sample_aspect_ratio().num()).den(f.sample_aspect_ratio().den());
            }
            like.format(first.pixelFormat());
            return new VideoEncoder(s, first.width(), first.height(), first.pixelFormat(), source.timeBase(), source.frameRate(), like, f);
        } finally {
            avcodec_parameters_free(like);
        }
    }

    /** HDR metadata a frame carries for the whole stream, and the stream-level side data it becomes. */
    private static final int[][] HDR_SIDE_DATA = {
        {AV_FRAME_DATA_MASTERING_DISPLAY_METADATA, AV_PKT_DATA_MASTERING_DISPLAY_METADATA},
        {AV_FRAME_DATA_CONTENT_LIGHT_LEVEL, AV_PKT_DATA_CONTENT_LIGHT_LEVEL},
    };

    /**
     * Hands {@code frame}'s HDR metadata to the encoder before it opens (x264, x265 and libvpx write
     * it into the bitstream, as ffmpeg has them do).
     */
    private static void passHdr(AVCodecContext ctx, AVFrame frame) {
        for (int[] t : HDR_SIDE_DATA) {
            AVFrameSideData sd = av_frame_get_side_data(frame, t[0]);
            if (sd == null || sd.isNull()) {
                continue;
            }
            // The binding passes the array by reference and writes its new address back into arr.
            PointerPointer<AVFrameSideData> arr = ctx.decoded_side_data();
            if (arr == null) {
                arr = new PointerPointer<AVFrameSideData>((org.bytedeco.javacpp.Pointer) null);
            }
            IntPointer nb = new IntPointer(1).put(ctx.nb_decoded_side_data());
            try {
                Av.check(av_frame_side_data_clone(arr, nb, sd, 0), "cannot copy HDR metadata");
                ctx.decoded_side_data(arr).nb_decoded_side_data(nb.get());
            } finally {
                nb.close();
            }
        }
    }

    /** The stream description with {@code frame}'s HDR metadata as stream-level side data (mdcv/clli boxes). */
    private static StreamInfo withHdr(StreamInfo info, AVFrame frame) {
        for (int[] t : HDR_SIDE_DATA) {
            AVFrameSideData sd = av_frame_get_side_data(frame, t[0]);
            if (sd != null && !sd.isNull()) {
                info = info.withSideData(t[1], sd.data(), sd.size());
            }
        }
        return info;
    }

    private VideoEncoder(Settings s, int width, int height, int inFormat, Rational tb, Rational frameRate, AVCodecParameters like,
            AVFrame hdrFrom) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad encoder size " + width + "x" + height);
        }
        if (!tb.isValid()) {
            throw new IllegalArgumentException("encoder needs a valid time base, got " + tb);
        }
        AVCodec codec = Codecs.videoEncoder(s.codec);
        this.name = Av.str(codec.name());
        if (name.equals("libsvtav1")) {
            Natives.quietSvtAv1();
        }
        int[] fmts = Codecs.supported(codec, AV_CODEC_CONFIG_PIX_FORMAT);
        int fmt = s.pixelFormat != PixelFormats.NONE ? s.pixelFormat : inFormat;
        if (!Codecs.contains(fmts, fmt)) {
            if (s.pixelFormat != PixelFormats.NONE) {
                throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "encoder " + name + " does not take pixel format "
                        + PixelFormats.name(fmt));
            }
            // 4:2:0 plays everywhere; FFmpeg's "least loss" pick would be 4:4:4 for RGB input.
            if (Codecs.contains(fmts, PixelFormats.YUV420P)) {
                fmt = PixelFormats.YUV420P;
            } else {
                int[] terminated = Arrays.copyOf(fmts, fmts.length + 1);
                terminated[fmts.length] = PixelFormats.NONE;
                fmt = avcodec_find_best_pix_fmt_of_list(terminated, inFormat, 0, (int[]) null);
            }
        }
        this.width = width;
        this.height = height;
        this.pixFmt = fmt;
        this.keyTimes = s.keyframeTimes;
        AVCodecContext c = avcodec_alloc_context3(codec);
        AVFrame f = av_frame_alloc();
        AVPacket p = av_packet_alloc();
        if (c == null || c.isNull() || f == null || f.isNull() || p == null || p.isNull()) {
            free(c, f, p);
            throw new OutOfMemoryError("encoder allocation");
        }
        ctx = c;
        shell = f;
        scratch = p;
        try {
            ctx.width(width).height(height).pix_fmt(fmt);
            tb.copyTo(ctx.time_base());
            if (frameRate != null && frameRate.isValid()) {
                frameRate.copyTo(ctx.framerate());
            }
            if (like != null) {
                ctx.sample_aspect_ratio().num(like.sample_aspect_ratio().num()).den(like.sample_aspect_ratio().den());
                if (PixelFormats.isRgb(fmt) == PixelFormats.isRgb(like.format() < 0 ? fmt : like.format())) {
                    ctx.color_range(like.color_range()).color_primaries(like.color_primaries())
                            .color_trc(like.color_trc()).colorspace(like.color_space()).chroma_sample_location(like.chroma_location());
                }
            }
            if (s.gop > 0) {
                ctx.gop_size(s.gop);
            }
            ctx.thread_count(s.threads);
            if (s.globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            if (s.bitrate > 0) {
                ctx.bit_rate(s.bitrate);
            }
            if (s.maxrate > 0) {
                ctx.rc_max_rate(s.maxrate).rc_buffer_size((int) Math.min(Integer.MAX_VALUE, s.bufsize > 0 ? s.bufsize : s.maxrate * 2));
            }
            if (hdrFrom != null) {
                passHdr(ctx, hdrFrom);
            }
            Map<String, String> opts = codecOptions(s);
            AVDictionary d = Av.dict(opts);
            int r;
            try {
                r = avcodec_open2(ctx, codec, d);
                if (r >= 0) {
                    var unused = Av.keys(d);
                    if (!unused.isEmpty()) {
                        throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown option '" + unused.get(0)
                                + "' for encoder " + name);
                    }
                }
            } finally {
                av_dict_free(d);
            }
            if (r < 0) {
                throw MediaException.of("cannot open encoder " + name + " (" + width + "x" + height + " "
                        + PixelFormats.name(fmt) + ")", r);
            }
            this.timeBase = Rational.of(ctx.time_base());
            this.info = hdrFrom == null ? StreamInfo.of(ctx, timeBase, frameRate) : withHdr(StreamInfo.of(ctx, timeBase, frameRate), hdrFrom);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Map<String, String> codecOptions(Settings s) {
        Map<String, String> o = new LinkedHashMap<>();
        int preset = s.preset == null ? -1 : Arrays.asList(PRESETS).indexOf(s.preset.toLowerCase(Locale.ROOT));
        switch (name) {
            case "libx264":
            case "libx265":
                if (s.preset != null) {
                    o.put("preset", s.preset);
                }
                if (s.crf != null) {
                    o.put("crf", s.crf.toString());
                }
                // Forced keyframes must be IDR so files can be cut and segmented there.
                o.put("forced-idr", "1");
                if (name.equals("libx265")) {
                    // x265 logs to stderr by itself unless told not to.
                    String level = Natives.quiet() ? "none" : Natives.logLevel() >= AV_LOG_INFO ? "info" : "warning";
                    String user = s.options.get("x265-params");
                    o.put("x265-params", "log-level=" + level + (user == null || user.isEmpty() ? "" : ":" + user));
                }
                break;
            case "libvpx-vp9":
            case "libvpx":
                if (s.crf != null || s.bitrate <= 0) {
                    o.put("crf", Integer.toString(s.crf != null ? s.crf : 32));
                    if (s.bitrate <= 0) {
                        o.put("b", "0"); // constant quality mode
                    }
                }
                o.put("deadline", "good");
                o.put("cpu-used", Integer.toString(preset >= 0 ? VP9_CPU_USED[preset] : isNumber(s.preset) ? Integer.parseInt(s.preset) : 4));
                if (name.equals("libvpx-vp9")) {
                    o.put("row-mt", "1");
                }
                break;
            case "libsvtav1":
                if (s.crf != null) {
                    o.put("crf", s.crf.toString());
                }
                if (s.preset != null) {
                    o.put("preset", Integer.toString(preset >= 0 ? SVT_PRESET[preset] : Integer.parseInt(s.preset)));
                }
                break;
            case "libaom-av1":
                if (s.crf != null || s.bitrate <= 0) {
                    o.put("crf", Integer.toString(s.crf != null ? s.crf : 32));
                    if (s.bitrate <= 0) {
                        o.put("b", "0");
                    }
                }
                if (s.preset != null) {
                    o.put("cpu-used", Integer.toString(preset >= 0 ? AOM_CPU_USED[preset] : Integer.parseInt(s.preset)));
                }
                break;
            case "libopenh264":
                if (s.crf != null) {
                    throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "encoder libopenh264 has no CRF mode; give a bitrate");
                }
                break;
            default:
                if (s.crf != null) {
                    o.put("crf", s.crf.toString());
                }
                if (s.preset != null) {
                    o.put("preset", s.preset);
                }
        }
        for (var e : s.options.entrySet()) {
            if (!(name.equals("libx265") && e.getKey().equals("x265-params"))) {
                o.put(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    private static boolean isNumber(String s) {
        return s != null && s.matches("-?\\d+");
    }

    /**
     * Encodes one frame (borrowed: the caller still releases it). The frame itself is never
     * modified; its pts is rescaled to the encoder time base and kept strictly increasing.
     */
    public void send(VideoFrame frame) {
        checkOpen();
        if (eofSent) {
            throw new IllegalStateException("send after sendEof()");
        }
        VideoFrame in = frame;
        if (frame.width() != width || frame.height() != height || frame.pixelFormat() != pixFmt) {
            if (converter == null) {
                converter = new Scaler(width, height, pixFmt);
            }
            in = converter.scale(frame);
        }
        try {
            Av.check(av_frame_ref(shell, in.avFrame()), "cannot reference frame");
            long pts = Rational.rescale(frame.pts(), frame.timeBase(), timeBase);
            if (pts == AV_NOPTS_VALUE) {
                pts = lastPts == AV_NOPTS_VALUE ? 0 : lastPts + 1;
            } else if (lastPts != AV_NOPTS_VALUE && pts <= lastPts) {
                pts = lastPts + 1; // encoders reject non-increasing timestamps
            }
            lastPts = pts;
            shell.pts(pts);
            if (frame.duration() > 0) {
                shell.duration(Rational.rescale(frame.duration(), frame.timeBase(), timeBase));
            }
            // Decoded frames carry their old picture type; a stale I would force keyframes.
            boolean force = forceNext;
            forceNext = false;
            double t = frame.seconds();
            while (nextKey < keyTimes.length && !Double.isNaN(t) && t + 1e-6 >= keyTimes[nextKey]) {
                force = true;
                nextKey++;
            }
            shell.pict_type(force ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            shell.flags(force ? shell.flags() | VideoFrame.FLAG_KEY : shell.flags() & ~VideoFrame.FLAG_KEY);
            int r = avcodec_send_frame(ctx, shell);
            av_frame_unref(shell);
            if (r == AvError.EAGAIN) {
                throw new IllegalStateException("receive() every packet before sending the next frame");
            }
            if (r < 0) {
                throw MediaException.of("encoder " + name + " failed", r);
            }
            framesIn++;
        } finally {
            av_frame_unref(shell);
            if (in != frame) {
                in.release();
            }
        }
    }

    /** Signals end of input; then drain with {@link #receive()}. */
    public void sendEof() {
        checkOpen();
        if (!eofSent) {
            eofSent = true;
            int r = avcodec_send_frame(ctx, (AVFrame) null);
            if (r < 0 && r != AVERROR_EOF) {
                throw MediaException.of("encoder " + name + " failed to flush", r);
            }
        }
    }

    /** Makes the next frame sent a key frame (shot starts, segment boundaries). */
    public void forceNextKeyFrame() {
        forceNext = true;
    }

    /** The next packet (caller owns one reference), or null when more frames are needed / drained. */
    public Packet receive() {
        checkOpen();
        if (drained) {
            return null;
        }
        int r = avcodec_receive_packet(ctx, scratch);
        if (r >= 0) {
            return Packet.adopt(scratch, timeBase);
        }
        if (r == AvError.EAGAIN) {
            return null;
        }
        if (r == AVERROR_EOF) {
            drained = true;
            return null;
        }
        throw MediaException.of("encoder " + name + " failed", r);
    }

    /** Output description for a muxer (codec parameters including extradata). */
    public StreamInfo streamInfo() {
        return info;
    }

    /** Time base of output packets (that of the input frames as given at open). */
    public Rational timeBase() {
        return timeBase;
    }

    /** FFmpeg encoder name, e.g. "libx264". */
    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int pixelFormat() {
        return pixFmt;
    }

    public long framesIn() {
        return framesIn;
    }

    private void checkOpen() {
        if (ctx == null) {
            throw new IllegalStateException("encoder closed");
        }
    }

    @Override
    public void close() {
        AVCodecContext c = ctx;
        ctx = null;
        free(c, shell, scratch);
        if (converter != null) {
            converter.close();
            converter = null;
        }
    }

    private static void free(AVCodecContext c, AVFrame f, AVPacket p) {
        if (c != null && !c.isNull()) {
            avcodec_free_context(c);
        }
        if (f != null && !f.isNull()) {
            av_frame_free(f);
        }
        if (p != null && !p.isNull()) {
            av_packet_free(p);
        }
    }
}
