package dev.reel.media.record;

import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;

/**
 * How far video has got on the wall clock: the time of the last video packet and the end of its
 * picture, and whether a new packet jumps from there (a stall or a new timeline). Single-threaded.
 */
final class VideoProgress {
    /** A video jump longer than this (either way) closes the segment: a gap or a new timeline. */
    static final long GAP_MICROS = 1_500_000;
    /** A frame's length when neither the packet nor the stream says (25 fps). */
    private static final long DEFAULT_FRAME_MICROS = 40_000;

    private long lastWall = Long.MIN_VALUE;
    private long end = Long.MIN_VALUE;

    /** True when video stalled before {@code wall}: no packet for more than {@link #GAP_MICROS}. */
    boolean stalledBefore(long wall) {
        return wall - lastWall > GAP_MICROS;
    }

    /** True when a packet at {@code wall} does not continue the video so far (a stall or a jump back). */
    boolean jumps(long wall) {
        return stalledBefore(wall) || wall < lastWall - GAP_MICROS;
    }

    /** Video packet {@code p} of stream {@code video} at {@code wall} was written. */
    void advance(long wall, Packet p, StreamInfo video) {
        lastWall = wall;
        long dur = p.duration() > 0 ? Math.round(p.timeBase().seconds(p.duration()) * 1e6) : frameMicros(video);
        end = Math.max(end, wall + dur);
    }

    private static long frameMicros(StreamInfo v) {
        var fr = v.frameRate();
        return fr.isValid() ? Math.round(1e6 * fr.den() / fr.num()) : DEFAULT_FRAME_MICROS;
    }

    /** Wall-clock end of the last picture written, {@link Long#MIN_VALUE} before any. */
    long end() {
        return end;
    }
}
