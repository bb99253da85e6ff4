package dev.reel.media.ffmpeg;

import dev.reel.media.core.AvError;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Encodes {@link AudioFrame}s (any sample format, rate or channel count: converted with
 * swresample) into {@link Packet}s, re-blocking samples into the encoder's frame size.
 *
 * <p>Codecs: aac (FFmpeg's), opus (libopus, 48 kHz), mp3 (libmp3lame), flac, or any FFmpeg
 * encoder name. Output timestamps are in 1/sample-rate, continuing from the first input frame's
 * pts by sample count.
 */
public final class AudioEncoder implements AutoCloseable {
    static {
        Natives.load();
    }

    /** Encoder settings; all optional (default aac at the input's rate and channels). */
    public static final class Settings {
        String codec = "aac";
        long bitrate;
        int sampleRate;
        int channels;
        boolean globalHeader = true;
        final Map<String, String> options = new LinkedHashMap<>();

        public Settings codec(String name) {
            this.codec = name;
            return this;
        }

        /** Bit rate in bit/s (default: 64 kb/s per channel for aac/mp3, 48 kb/s per channel for opus). */
        public Settings bitrate(long bitsPerSecond) {
            this.bitrate = bitsPerSecond;
            return this;
        }

        /** Output sample rate (default: the input's, or the nearest the codec supports). */
        public Settings sampleRate(int hz) {
            this.sampleRate = hz;
            return this;
        }

        /** Output channels (default: the input's). */
        public Settings channels(int n) {
            this.channels = n;
            return this;
        }

        /** See {@link VideoEncoder.Settings#globalHeader}. */
        public Settings globalHeader(boolean global) {
            this.globalHeader = global;
            return this;
        }

        public Settings option(String key, String value) {
            options.put(key, value);
            return this;
        }
    }

    private AVCodecContext ctx;
    private final String name;
    private final Rational timeBase;
    private final StreamInfo info;
    private final int frameSize;
    private final int outFormat;
    private final int outRate;
    private final int outChannels;
    private final AVFrame conv;
    private final AVFrame encFrame;
    private final AVPacket scratch;
    private AVAudioFifo fifo;
    private SwrContext swr;
    private int swrInRate = -1;
    private int swrInFormat = -1;
    private int swrInChannels = -1;
    private int convCapacity;
    private long nextPts = AV_NOPTS_VALUE;
    private final ArrayDeque<Packet> out = new ArrayDeque<>();
    private boolean eofSent;

    /** Opens an encoder for input of this rate, channel count and AV_SAMPLE_FMT_*. */
    public static AudioEncoder open(Settings s, int inSampleRate, int inChannels, int inSampleFormat) {
        return new AudioEncoder(s, inSampleRate, inChannels, inSampleFormat);
    }

    /** Opens an encoder for decoded frames of {@code source}. */
    public static AudioEncoder open(Settings s, StreamInfo source) {
        return new AudioEncoder(s, source.sampleRate(), source.channels(), source.format());
    }

    private AudioEncoder(Settings s, int inRate, int inChannels, int inFormat) {
        if (inRate <= 0 || inChannels <= 0) {
            throw new IllegalArgumentException("bad audio input " + inRate + " Hz, " + inChannels + " channels");
        }
        AVCodec codec = Codecs.audioEncoder(s.codec);
        this.name = Av.str(codec.name());
        int[] fmts = Codecs.supported(codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        int fmt = Codecs.contains(fmts, inFormat) && inFormat >= 0 ? inFormat : fmts != null ? fmts[0] : AV_SAMPLE_FMT_FLTP;
        int[] rates = Codecs.supported(codec, AV_CODEC_CONFIG_SAMPLE_RATE);
        int rate = nearestRate(rates, s.sampleRate > 0 ? s.sampleRate : inRate);
        int ch = s.channels > 0 ? s.channels : inChannels;
        this.outFormat = fmt;
        this.outRate = rate;
        this.outChannels = ch;
        AVCodecContext c = avcodec_alloc_context3(codec);
        AVFrame f1 = av_frame_alloc();
        AVFrame f2 = av_frame_alloc();
        AVPacket p = av_packet_alloc();
        if (c == null || c.isNull() || f1 == null || f1.isNull() || f2 == null || f2.isNull() || p == null || p.isNull()) {
            throw new OutOfMemoryError("encoder allocation");
        }
        ctx = c;
        conv = f1;
        encFrame = f2;
        scratch = p;
        try {
            ctx.sample_fmt(fmt).sample_rate(rate);
            av_channel_layout_default(ctx.ch_layout(), ch);
            ctx.time_base().num(1).den(rate);
            long br = s.bitrate > 0 ? s.bitrate : defaultBitrate(name, ch);
            if (br > 0) {
                ctx.bit_rate(br);
            }
            if (s.globalHeader) {
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            AVDictionary d = Av.dict(s.options);
            int r;
            try {
                r = avcodec_open2(ctx, codec, d);
                if (r >= 0 && !Av.keys(d).isEmpty()) {
                    throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown option '" + Av.keys(d).get(0)
                            + "' for encoder " + name);
                }
            } finally {
                av_dict_free(d);
            }
            if (r < 0) {
                throw MediaException.of("cannot open encoder " + name + " (" + rate + " Hz, " + ch + " ch)", r);
            }
            boolean variable = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
            this.frameSize = ctx.frame_size() > 0 && !variable ? ctx.frame_size() : 1024;
            this.timeBase = Rational.of(ctx.time_base());
            this.info = StreamInfo.of(ctx, timeBase, new Rational(rate, 1));
            fifo = av_audio_fifo_alloc(fmt, ch, frameSize * 4);
            if (fifo == null || fifo.isNull()) {
                throw new OutOfMemoryError("av_audio_fifo_alloc");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static long defaultBitrate(String name, int channels) {
        switch (name) {
            case "aac":
            case "libmp3lame":
                return Math.min(320_000, 64_000L * channels);
            case "libopus":
            case "opus":
                return Math.min(256_000, 48_000L * channels);
            default:
                return 0;
        }
    }

    private static int nearestRate(int[] rates, int want) {
        if (rates == null) {
            return want;
        }
        int best = rates[0];
        for (int r : rates) {
            if (r == want) {
                return r;
            }
            // Prefer the smallest rate above the wanted one (no loss), else the largest.
            if ((r >= want && (best < want || r < best)) || (best < want && r > best)) {
                best = r;
            }
        }
        return best;
    }

    /** Encodes (borrowed: the caller still releases {@code frame}). */
    public void send(AudioFrame frame) {
        checkOpen();
        if (eofSent) {
            throw new IllegalStateException("send after sendEof()");
        }
        AVFrame in = frame.avFrame();
        if (nextPts == AV_NOPTS_VALUE) {
            long p = Rational.rescale(frame.pts(), frame.timeBase(), timeBase);
            nextPts = p == AV_NOPTS_VALUE ? 0 : p;
        }
        configureResampler(frame);
        int need = swr_get_out_samples(swr, frame.samples());
        ensureConv(need);
        PointerPointer<?> o = conv.extended_data();
        int n = swr_convert(swr, o, convCapacity, in.extended_data(), frame.samples());
        if (n < 0) {
            throw MediaException.of("cannot resample audio for " + name, n);
        }
        if (n > 0) {
            Av.check(av_audio_fifo_write(fifo, o, n), "audio fifo");
        }
        drainFifo(false);
    }

    private void configureResampler(AudioFrame f) {
        if (swr != null && f.sampleRate() == swrInRate && f.sampleFormat() == swrInFormat && f.channels() == swrInChannels) {
            return;
        }
        if (swr != null) {
            flushResampler(); // keep the tail of the old configuration
            swr_free(swr);
            swr = null;
        }
        SwrContext s = new SwrContext(null);
        int r = swr_alloc_set_opts2(s, ctx.ch_layout(), outFormat, outRate, f.avFrame().ch_layout(), f.sampleFormat(),
                f.sampleRate(), 0, null);
        if (r < 0 || s.isNull()) {
            throw MediaException.of("cannot set up audio conversion", r < 0 ? r : AvError.ENOMEM);
        }
        swr = s;
        Av.check(swr_init(swr), "cannot set up audio conversion");
        swrInRate = f.sampleRate();
        swrInFormat = f.sampleFormat();
        swrInChannels = f.channels();
    }

    private void ensureConv(int samples) {
        if (samples <= convCapacity) {
            return;
        }
        av_frame_unref(conv);
        int cap = Math.max(samples, frameSize * 2);
        conv.format(outFormat).nb_samples(cap).sample_rate(outRate);
        Av.check(av_channel_layout_copy(conv.ch_layout(), ctx.ch_layout()), "channel layout");
        Av.check(av_frame_get_buffer(conv, 0), "cannot allocate audio buffer");
        convCapacity = cap;
    }

    private void flushResampler() {
        if (swr == null) {
            return;
        }
        ensureConv(frameSize);
        PointerPointer<?> o = conv.extended_data();
        int n;
        while ((n = swr_convert(swr, o, convCapacity, (PointerPointer<?>) null, 0)) > 0) {
            Av.check(av_audio_fifo_write(fifo, o, n), "audio fifo");
        }
    }

    private void drainFifo(boolean all) {
        while (av_audio_fifo_size(fifo) >= frameSize || (all && av_audio_fifo_size(fifo) > 0)) {
            int n = Math.min(frameSize, av_audio_fifo_size(fifo));
            av_frame_unref(encFrame);
            encFrame.format(outFormat).nb_samples(n).sample_rate(outRate);
            Av.check(av_channel_layout_copy(encFrame.ch_layout(), ctx.ch_layout()), "channel layout");
            // Fresh buffers per frame: the encoder may keep references to earlier ones.
            Av.check(av_frame_get_buffer(encFrame, 0), "cannot allocate audio buffer");
            av_audio_fifo_read(fifo, encFrame.extended_data(), n);
            encFrame.pts(nextPts);
            nextPts += n;
            int r = avcodec_send_frame(ctx, encFrame);
            av_frame_unref(encFrame);
            if (r < 0) {
                throw MediaException.of("encoder " + name + " failed", r);
            }
            collect();
        }
    }

    private void collect() {
        for (;;) {
            int r = avcodec_receive_packet(ctx, scratch);
            if (r == AvError.EAGAIN || r == AVERROR_EOF) {
                return;
            }
            if (r < 0) {
                throw MediaException.of("encoder " + name + " failed", r);
            }
            out.add(Packet.adopt(scratch, timeBase));
        }
    }

    /** Flushes resampler, buffered samples and encoder; then drain with {@link #receive()}. */
    public void sendEof() {
        checkOpen();
        if (eofSent) {
            return;
        }
        eofSent = true;
        flushResampler();
        drainFifo(true);
        int r = avcodec_send_frame(ctx, (AVFrame) null);
        if (r < 0 && r != AVERROR_EOF) {
            throw MediaException.of("encoder " + name + " failed to flush", r);
        }
        collect();
    }

    /** The next packet (caller owns one reference), or null. */
    public Packet receive() {
        checkOpen();
        return out.poll();
    }

    public StreamInfo streamInfo() {
        return info;
    }

    /** 1/sample rate. */
    public Rational timeBase() {
        return timeBase;
    }

    public String name() {
        return name;
    }

    public int sampleRate() {
        return outRate;
    }

    public int channels() {
        return outChannels;
    }

    /** Samples per encoded frame. */
    public int frameSize() {
        return frameSize;
    }

    private void checkOpen() {
        if (ctx == null) {
            throw new IllegalStateException("encoder closed");
        }
    }

    @Override
    public void close() {
        Packet p;
        while ((p = out.poll()) != null) {
            p.release();
        }
        if (ctx != null && !ctx.isNull()) {
            avcodec_free_context(ctx);
        }
        ctx = null;
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (fifo != null) {
            av_audio_fifo_free(fifo);
            fifo = null;
        }
        if (conv != null && !conv.isNull()) {
            av_frame_free(conv);
        }
        if (encFrame != null && !encFrame.isNull()) {
            av_frame_free(encFrame);
        }
        if (scratch != null && !scratch.isNull()) {
            av_packet_free(scratch);
        }
    }
}
