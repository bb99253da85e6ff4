package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * Decoded audio shared by reference: an owned {@code AVFrame} with reference-counted sample
 * buffers. Same lifecycle rules as {@link VideoFrame}: pooled shells, read-only views.
 */
public final class AudioFrame extends FrameShell<AudioFrame> {
    static {
        Natives.load();
    }

    /** Most free shells kept for reuse. */
    private static final int DEFAULT_POOLED_SHELLS = 512;
    private static final ShellPool<AudioFrame> POOL = new ShellPool<>(DEFAULT_POOLED_SHELLS, AudioFrame::new);

    private int samples;
    private int sampleRate;
    private int channels;
    private int format;

    private AudioFrame() {
        super(POOL);
    }

    /** Takes over the references of {@code src}, which is left blank. */
    public static AudioFrame adopt(AVFrame src, Rational timeBase) {
        requireFrame(src);
        AudioFrame a = POOL.obtain();
        a.moveFrom(src);
        return a.load(timeBase);
    }

    /** A new reference to the buffers of {@code src}, which stays untouched. */
    public static AudioFrame reference(AVFrame src, Rational timeBase) {
        requireFrame(src);
        AudioFrame a = POOL.obtain();
        a.referenceTo(src, "cannot reference audio frame");
        return a.load(timeBase);
    }

    /** A frame with new writable buffers for {@code samples} samples (default channel order). */
    public static AudioFrame allocate(int samples, int sampleFormat, int channels, int sampleRate) {
        if (samples <= 0 || channels <= 0 || sampleRate <= 0) {
            throw new IllegalArgumentException("bad audio frame " + samples + " samples, " + channels + " ch, " + sampleRate + " Hz");
        }
        AudioFrame a = POOL.obtain();
        a.frame.format(sampleFormat).nb_samples(samples).sample_rate(sampleRate);
        av_channel_layout_default(a.frame.ch_layout(), channels);
        int r = av_frame_get_buffer(a.frame, 0);
        if (r < 0) {
            a.release();
            throw MediaException.of("cannot allocate audio frame", r);
        }
        a.frame.pts(AV_NOPTS_VALUE);
        return a.load(Rational.UNKNOWN);
    }

    private static void requireFrame(AVFrame src) {
        if (src == null || src.isNull()) {
            throw new IllegalArgumentException("null AVFrame");
        }
        if (src.buf(0) == null || src.buf(0).isNull() || src.nb_samples() <= 0 || src.format() < 0) {
            throw new IllegalArgumentException("AVFrame holds no reference-counted audio");
        }
    }

    private AudioFrame load(Rational tb) {
        samples = frame.nb_samples();
        sampleRate = frame.sample_rate();
        channels = frame.ch_layout().nb_channels();
        format = frame.format();
        pts = frame.pts();
        timeBase = tb == null ? Rational.UNKNOWN : tb;
        return this;
    }

    /** Samples per channel. */
    public int samples() {
        return samples;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** An AV_SAMPLE_FMT_* value. */
    public int sampleFormat() {
        return format;
    }

    public String sampleFormatName() {
        BytePointer p = av_get_sample_fmt_name(format);
        return p == null || p.isNull() ? "?" : p.getString();
    }

    public boolean planar() {
        return av_sample_fmt_is_planar(format) != 0;
    }

    /** Duration from the sample count: exact, unlike container durations. */
    public double durationSeconds() {
        return sampleRate <= 0 ? 0 : (double) samples / sampleRate;
    }

    /** Planes: one per channel when planar, else one interleaved plane. */
    public int planes() {
        return planar() ? channels : 1;
    }

    /** A read-only view of the valid samples of plane {@code i}. */
    public ByteBuffer plane(int i) {
        return view(i).asReadOnlyBuffer();
    }

    /** A writable view, only for an exclusively owned frame (see {@link VideoFrame#mutablePlane}). */
    public ByteBuffer mutablePlane(int i) {
        checkExclusive("frame buffers are shared");
        return view(i);
    }

    private ByteBuffer view(int i) {
        checkLive();
        int n = planes();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("plane " + i + " of " + n);
        }
        long bytes = (long) samples * av_get_bytes_per_sample(format) * (planar() ? 1 : channels);
        BytePointer p = frame.extended_data(i);
        if (p == null || p.isNull()) {
            throw new IllegalStateException("plane " + i + " has no data");
        }
        return p.capacity(bytes).asByteBuffer();
    }

    @Override
    public String toString() {
        return "AudioFrame[" + samples + " samples " + channels + "ch " + sampleRate + "Hz pts=" + pts + " tb=" + timeBase + "]";
    }
}
