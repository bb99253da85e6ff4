package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.Arrays;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVFrame;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;
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
 * Option mapping is {@link CodecOptions}'s, the codec loop {@link EncoderCore}'s.
 *
 * <p>Use: {@code send(frame)} then {@code receive()} until null; at the end {@code sendEof()}
 * then {@code receive()} until null. One thread at a time.
 */
public final class VideoEncoder implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Video encoder settings; everything optional (default: h264, codec's default quality). */
    public static final class Settings extends EncoderSettings<Settings> {
        Integer crf;
        long maxrate;
        long bufsize;
        String preset;
        int gop = -1;
        double[] keyframeTimes = new double[0];
        int threads;
        int pixelFormat = PixelFormats.NONE;

        public Settings() {
            super("h264");
        }

        /** Constant quality (x264/x265 CRF scale; vp9/av1 use their own 0-63 scale). */
        public Settings crf(int crf) {
            this.crf = crf;
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

        /** Pixel format to encode in (default: the input's if the encoder takes it). */
        public Settings pixelFormat(int avPixFmt) {
            this.pixelFormat = avPixFmt;
            return this;
        }

        @Override
        Integer crf() {
            return crf;
        }

        @Override
        String preset() {
            return preset;
        }
    }

    private final EncoderCore core;
    private final AVFrame shell;
    private final String name;
    private final int width;
    private final int height;
    private final int pixFmt;
    private final Rational timeBase;
    private final StreamInfo info;
    private final KeyframeSchedule keyframes;
    private long lastPts = AV_NOPTS_VALUE;
    private Scaler converter;
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
     * properties the frame states win over the stream's (see {@link EncoderColour#takeFromFrame}).
     */
    public static VideoEncoder open(Settings s, StreamInfo source, VideoFrame first) {
        AVCodecParameters like = avcodec_parameters_alloc();
        if (like == null || like.isNull()) {
            throw new OutOfMemoryError("avcodec_parameters_alloc");
        }
        try {
            Av.check(avcodec_parameters_copy(like, source.codecParameters()), "cannot copy codec parameters");
            EncoderColour.takeFromFrame(like, first);
            return new VideoEncoder(s, first.width(), first.height(), first.pixelFormat(), source.timeBase(), source.frameRate(),
                    like, first.avFrame());
        } finally {
            avcodec_parameters_free(like);
        }
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
        String codecName = Av.str(codec.name());
        if (codecName.equals("libsvtav1")) {
            Natives.quietSvtAv1();
        }
        int fmt = encoderFormat(codec, codecName, s.pixelFormat, inFormat);
        this.name = codecName;
        this.width = width;
        this.height = height;
        this.pixFmt = fmt;
        this.keyframes = new KeyframeSchedule(s.keyframeTimes);
        AVFrame f = av_frame_alloc();
        if (f == null || f.isNull()) {
            throw new OutOfMemoryError("encoder allocation");
        }
        shell = f;
        EncoderCore c;
        try {
            c = new EncoderCore(codec);
        } catch (RuntimeException | Error e) {
            av_frame_free(shell);
            throw e;
        }
        core = c;
        try {
            AVCodecContext ctx = core.ctx();
            ctx.width(width).height(height).pix_fmt(fmt);
            tb.copyTo(ctx.time_base());
            if (frameRate != null && frameRate.isValid()) {
                frameRate.copyTo(ctx.framerate());
            }
            if (like != null) {
                EncoderColour.apply(ctx, like, fmt);
            }
            if (s.gop > 0) {
                ctx.gop_size(s.gop);
            }
            ctx.thread_count(s.threads);
            if (s.bitrate > 0) {
                ctx.bit_rate(s.bitrate);
            }
            if (s.maxrate > 0) {
                ctx.rc_max_rate(s.maxrate).rc_buffer_size((int) Math.min(Integer.MAX_VALUE, s.bufsize > 0 ? s.bufsize : s.maxrate * 2));
            }
            if (hdrFrom != null) {
                EncoderColour.passHdr(ctx, hdrFrom);
            }
            core.open(s, width + "x" + height + " " + PixelFormats.name(fmt));
            this.timeBase = core.timeBase();
            StreamInfo described = StreamInfo.of(ctx, timeBase, frameRate);
            this.info = hdrFrom == null ? described : EncoderColour.withHdr(described, hdrFrom);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The pixel format to encode in: the one asked for (which the encoder must take), else the
     * input's if the encoder takes it, else 4:2:0 (plays everywhere; FFmpeg's "least loss" pick
     * would be 4:4:4 for RGB input), else FFmpeg's best match.
     */
    private static int encoderFormat(AVCodec codec, String name, int asked, int inFormat) {
        int[] fmts = Codecs.supported(codec, AV_CODEC_CONFIG_PIX_FORMAT);
        int fmt = asked != PixelFormats.NONE ? asked : inFormat;
        if (Codecs.contains(fmts, fmt)) {
            return fmt;
        }
        if (asked != PixelFormats.NONE) {
            throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "encoder " + name + " does not take pixel format "
                    + PixelFormats.name(fmt));
        }
        if (Codecs.contains(fmts, PixelFormats.YUV420P)) {
            return PixelFormats.YUV420P;
        }
        int[] terminated = Arrays.copyOf(fmts, fmts.length + 1);
        terminated[fmts.length] = PixelFormats.NONE;
        return avcodec_find_best_pix_fmt_of_list(terminated, inFormat, 0, (int[]) null);
    }

    /**
     * Encodes one frame (borrowed: the caller still releases it). The frame itself is never
     * modified; its pts is rescaled to the encoder time base and kept strictly increasing.
     */
    public void send(VideoFrame frame) {
        core.ctx();
        if (core.eofSent()) {
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
            boolean force = keyframes.isKeyFrame(frame.seconds());
            shell.pict_type(force ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            shell.flags(force ? shell.flags() | VideoFrame.FLAG_KEY : shell.flags() & ~VideoFrame.FLAG_KEY);
            core.send(shell);
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
        core.sendEof();
    }

    /** Makes the next frame sent a key frame (shot starts, segment boundaries). */
    public void forceNextKeyFrame() {
        keyframes.forceNext();
    }

    /** The next packet (caller owns one reference), or null when more frames are needed / drained. */
    public Packet receive() {
        return core.receive();
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

    @Override
    public void close() {
        core.close();
        if (!shell.isNull()) {
            av_frame_free(shell);
        }
        if (converter != null) {
            converter.close();
            converter = null;
        }
    }
}
