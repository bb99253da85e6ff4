package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swresample.*;

import java.util.ArrayDeque;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVAudioFifo;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.PointerPointer;

import dev.reel.media.core.AvError;
import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;
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

    /** Audio encoder settings; all optional (default aac at the input's rate and channels). */
    public static final class Settings extends EncoderSettings<Settings> {
        int sampleRate;
        int channels;

        public Settings() {
            super("aac");
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
    }

    private final EncoderCore core;
    private final String name;
    private final Rational timeBase;
    private final StreamInfo info;
    private final int frameSize;
    private final int outFormat;
    private final int outRate;
    private final int outChannels;
    private final AVFrame conv;
    private final AVFrame encFrame;
    private AVAudioFifo fifo;
    private SwrContext swr;
    private int swrInRate = -1;
    private int swrInFormat = -1;
    private int swrInChannels = -1;
    private int convCapacity;
    private long nextPts = AV_NOPTS_VALUE;
    /** Samples per frame for encoders that take any size (pcm, flac...). */
    private static final int DEFAULT_FRAME_SIZE = 1024;

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
        int[] fmts = Codecs.supported(codec, AV_CODEC_CONFIG_SAMPLE_FORMAT);
        int fmt = Codecs.contains(fmts, inFormat) && inFormat >= 0 ? inFormat : fmts != null ? fmts[0] : AV_SAMPLE_FMT_FLTP;
        int[] rates = Codecs.supported(codec, AV_CODEC_CONFIG_SAMPLE_RATE);
        int rate = nearestRate(rates, s.sampleRate > 0 ? s.sampleRate : inRate);
        int ch = s.channels > 0 ? s.channels : inChannels;
        this.outFormat = fmt;
        this.outRate = rate;
        this.outChannels = ch;
        AVFrame f1 = av_frame_alloc();
        AVFrame f2 = av_frame_alloc();
        if (f1 == null || f1.isNull() || f2 == null || f2.isNull()) {
            throw new OutOfMemoryError("encoder allocation");
        }
        conv = f1;
        encFrame = f2;
        EncoderCore c;
        try {
            c = new EncoderCore(codec);
        } catch (RuntimeException | Error e) {
            av_frame_free(conv);
            av_frame_free(encFrame);
            throw e;
        }
        core = c;
        AVCodecContext ctx = core.ctx();
        this.name = core.name;
        try {
            ctx.sample_fmt(fmt).sample_rate(rate);
            av_channel_layout_default(ctx.ch_layout(), ch);
            ctx.time_base().num(1).den(rate);
            long br = s.bitrate > 0 ? s.bitrate : CodecOptions.defaultAudioBitrate(name, ch);
            if (br > 0) {
                ctx.bit_rate(br);
            }
            core.open(s, rate + " Hz, " + ch + " ch");
            boolean variable = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
            this.frameSize = ctx.frame_size() > 0 && !variable ? ctx.frame_size() : DEFAULT_FRAME_SIZE;
            this.timeBase = core.timeBase();
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
        int r = swr_alloc_set_opts2(s, core.ctx().ch_layout(), outFormat, outRate, f.avFrame().ch_layout(), f.sampleFormat(),
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
        Av.check(av_channel_layout_copy(conv.ch_layout(), core.ctx().ch_layout()), "channel layout");
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
            Av.check(av_channel_layout_copy(encFrame.ch_layout(), core.ctx().ch_layout()), "channel layout");
            // Fresh buffers per frame: the encoder may keep references to earlier ones.
            Av.check(av_frame_get_buffer(encFrame, 0), "cannot allocate audio buffer");
            av_audio_fifo_read(fifo, encFrame.extended_data(), n);
            encFrame.pts(nextPts);
            nextPts += n;
            try {
                core.send(encFrame);
            } finally {
                av_frame_unref(encFrame);
            }
            collect();
        }
    }

    /** Moves every packet the encoder has ready to {@link #out}: audio frames are small, so it never stalls. */
    private void collect() {
        Packet p;
        while ((p = core.receive()) != null) {
            out.add(p);
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
        core.sendEof();
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
        core.ctx();
    }

    @Override
    public void close() {
        Packet p;
        while ((p = out.poll()) != null) {
            p.release();
        }
        core.close();
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
    }
}
