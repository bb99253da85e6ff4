package dev.reel.media.ffmpeg;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.Map;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;

/**
 * Decodes an audio stream into {@link AudioFrame}s (zero copy). Same contract as
 * {@link VideoDecoder}: send, receive until null; damaged packets are counted, not fatal.
 */
public final class AudioDecoder implements AutoCloseable {
    static {
        Natives.load();
    }

    private final DecoderCore core;
    private final StreamInfo stream;
    private long nextPts = AV_NOPTS_VALUE;
    private long discardBefore = AV_NOPTS_VALUE;
    private Rational sampleTb = Rational.UNKNOWN;

    public AudioDecoder(StreamInfo stream) {
        this(stream, Map.of());
    }

    /** {@code options}: AVCodecContext / decoder private options (e.g. "drc_scale"). */
    public AudioDecoder(StreamInfo stream, Map<String, String> options) {
        if (stream.type() != MediaType.AUDIO) {
            throw new IllegalArgumentException("not an audio stream: " + stream);
        }
        this.stream = stream;
        this.core = new DecoderCore(stream, 1, options);
    }

    /** Feeds one packet (borrowed); false if it was rejected as undecodable. */
    public boolean send(Packet packet) {
        return core.send(packet);
    }

    public void sendEof() {
        core.sendEof();
    }

    /** The next frame (caller owns one reference), or null. */
    public AudioFrame receive() {
        while (core.receive()) {
            long pts = core.scratch.pts();
            Rational tb = core.timeBase;
            int sr = core.scratch.sample_rate();
            if (pts == AV_NOPTS_VALUE && nextPts != AV_NOPTS_VALUE) {
                pts = nextPts;
                core.scratch.pts(pts);
            }
            if (pts != AV_NOPTS_VALUE && sr > 0) {
                if (sampleTb.den() != sr) {
                    sampleTb = new Rational(1, sr);
                }
                nextPts = pts + Rational.rescale(core.scratch.nb_samples(), sampleTb, tb);
            }
            if (discardBefore != AV_NOPTS_VALUE && pts != AV_NOPTS_VALUE && nextPts <= discardBefore) {
                av_frame_unref(core.scratch);
                continue;
            }
            return AudioFrame.adopt(core.scratch, tb);
        }
        return null;
    }

    public void flush() {
        core.flush();
        nextPts = AV_NOPTS_VALUE;
    }

    /** Drops frames ending before this absolute time (seconds), see {@link Demuxer#seek}. */
    public void discardBefore(double seconds) {
        discardBefore = core.streamTime(seconds);
    }

    public StreamInfo stream() {
        return stream;
    }

    public int sampleRate() {
        return core.ctx.sample_rate();
    }

    public int channels() {
        return core.ctx.ch_layout().nb_channels();
    }

    /** AV_SAMPLE_FMT_* of the decoded frames. */
    public int sampleFormat() {
        return core.ctx.sample_fmt();
    }

    public String name() {
        return core.name;
    }

    public long corruptPackets() {
        return core.corruptPackets;
    }

    public long framesDecoded() {
        return core.frames;
    }

    @Override
    public void close() {
        core.close();
    }
}
