package dev.reel.media.component;

import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Outbox;

/**
 * The video stream a {@link Decode} reads, on its {@code outbox}: decoded into frames, or copied as
 * packets when there is no decoder; either way moved onto the output timeline and cut where the
 * duration ends.
 */
final class VideoTrack {
    /** How close to the end of a duration a frame counts as past it. */
    private static final double END_SLACK = 1e-6;

    private final Outbox<Object> out;
    private final int index;
    private final StreamInfo info;
    private final VideoDecoder decoder;
    private boolean done;
    private long frames;

    /**
     * @param index the stream's index in the input, -1 for none (an audio-only plan)
     * @param decoder null to copy the packets
     */
    VideoTrack(Outbox<Object> out, int index, StreamInfo info, VideoDecoder decoder) {
        this.out = out;
        this.index = index;
        this.info = info;
        this.decoder = decoder;
        this.done = index < 0;
    }

    int index() {
        return index;
    }

    /** Null before open and without video. */
    StreamInfo info() {
        return info;
    }

    /** True once the stream has ended here (no video, or the duration reached). */
    boolean done() {
        return done;
    }

    long frames() {
        return frames;
    }

    long corruptPackets() {
        return decoder == null ? 0 : decoder.corruptPackets();
    }

    /** After a seek to {@code seconds}: a decoder drops what lies before; a copy starts at the key frame found. */
    void seekedTo(double seconds, DecodeClock clock) {
        if (decoder != null) {
            decoder.discardBefore(seconds);
        } else if (index >= 0) {
            clock.startAtFirstPacket();
        }
    }

    /** The StreamInfo, or the end of the box at once when there is no video. */
    void sendHeader() {
        if (info != null) {
            out.send(info);
        } else {
            out.end();
        }
    }

    /** A packet of this stream (still the caller's): to the decoder, or copied on. */
    void accept(Packet p, DecodeClock clock) {
        if (decoder == null) {
            copy(p, clock);
        } else if (!done) {
            decoder.send(p);
        }
    }

    private void copy(Packet p, DecodeClock clock) {
        if (done) {
            return;
        }
        clock.fromPacket(p);
        if (clock.past(clock.since(p.seconds()), END_SLACK)) {
            done = true;
            return;
        }
        frames++;
        out.send(clock.shifted(p));
    }

    /** Sends one decoded frame if there is one (or drops it past the duration); true if there was one. */
    boolean sendDecoded(DecodeClock clock) {
        if (done || decoder == null) {
            return false;
        }
        VideoFrame f = decoder.receive();
        if (f == null) {
            return false;
        }
        if (clock.past(clock.since(f.seconds()), END_SLACK)) {
            f.release();
            done = true;
            return true;
        }
        clock.shift(f);
        frames++;
        out.send(f);
        return true;
    }

    void sendEof() {
        if (decoder != null) {
            decoder.sendEof();
        }
    }

    void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
