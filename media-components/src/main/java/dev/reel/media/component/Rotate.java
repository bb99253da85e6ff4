package dev.reel.media.component;

import dev.reel.media.ffmpeg.VideoFilter;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;

/**
 * Turns pictures upright for a display rotation (clockwise degrees, as
 * {@link dev.reel.media.frame.StreamInfo#rotation()}): libavfilter's transpose for ±90° (width and
 * height swap), hflip+vflip for 180°. What ffmpeg's autorotate does, before any crop or scale.
 * Timestamps and colour properties go through unchanged.
 */
public final class Rotate extends FrameFilter {
    private VideoFilter filter;

    /** Rotates as the {@link StreamInfo} ahead of the frames says (frames pass untouched for 0°). */
    public Rotate() {
    }

    @Override
    protected Object passThrough(Object m) {
        if (m instanceof StreamInfo info && filter == null) {
            filter = VideoFilter.forRotation(info.rotation());
        }
        return m;
    }

    @Override
    public int cost() {
        return 3;
    }

    @Override
    protected VideoFrame apply(VideoFrame f) {
        if (filter == null) {
            f.retain(); // upright already: the same pixels go on
            return f;
        }
        filter.send(f);
        return filter.receive(); // transpose and flips give one frame for each frame
    }

    @Override
    public void close() {
        if (filter != null) {
            filter.close();
        }
    }
}
