package dev.reel.media.component;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.VideoFrame;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * A {@link Decode}'s output timeline: where it starts (the input's first time, the seek target, or
 * the first copied packet) and where a duration ends it. Every output is shifted by the same
 * origin, so audio and video stay in sync.
 */
final class DecodeClock {
    private final double duration;
    private double origin;
    private boolean fromFirstPacket;

    /** @param duration seconds to keep from the origin; 0: to the end */
    DecodeClock(double duration) {
        this.duration = duration;
    }

    /** Output time starts at {@code seconds} on the input's timeline. */
    void startAt(double seconds) {
        origin = seconds;
    }

    /** Output time starts at the first packet given to {@link #fromPacket} (a copy after a seek). */
    void startAtFirstPacket() {
        fromFirstPacket = true;
    }

    /** Takes the origin from {@code p} if it was waiting for the first packet. */
    void fromPacket(Packet p) {
        if (fromFirstPacket) {
            fromFirstPacket = false;
            origin = p.timeBase().seconds(p.dts() != avutil.AV_NOPTS_VALUE ? p.dts() : p.pts());
        }
    }

    /** Seconds on the output timeline. */
    double since(double seconds) {
        return seconds - origin;
    }

    /** True when output time {@code t} is at or past the duration, less {@code slack}. */
    boolean past(double t, double slack) {
        return duration > 0 && t >= duration - slack;
    }

    void shift(VideoFrame f) {
        Rational tb = f.timeBase();
        f.setPts(f.pts() - offset(tb), tb);
    }

    void shift(AudioFrame a) {
        Rational tb = a.timeBase();
        a.setPts(a.pts() - offset(tb), tb);
    }

    /** A reference to {@code p} with timestamps moved by the origin (p stays the caller's). */
    Packet shifted(Packet p) {
        Rational tb = p.timeBase();
        long d = offset(tb);
        if (d == 0) {
            p.retain();
            return p;
        }
        AVPacket raw = p.avPacket();
        long pts = raw.pts();
        long dts = raw.dts();
        raw.pts(pts == avutil.AV_NOPTS_VALUE ? pts : pts - d);
        raw.dts(dts == avutil.AV_NOPTS_VALUE ? dts : dts - d);
        return Packet.reference(raw, tb);
    }

    private long offset(Rational tb) {
        return Math.round(origin * tb.den() / tb.num());
    }
}
