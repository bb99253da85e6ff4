package dev.reel.media.component;

import dev.reel.media.frame.ForceKeyframe;

import dev.reel.media.ffmpeg.Scaler;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;

/**
 * Scales frames to {@code W:H}; -1/-2 for one side keeps the aspect ratio (-2: even size). The
 * scaler is made for the first frame's size and remade only if the input size changes.
 */
public final class Scale extends FrameFilter {
    private final int width;
    private final int height;
    private Scaler scaler;
    private int srcW;
    private int srcH;
    private int srcFmt = -1;

    public Scale(int width, int height) {
        if (width == 0 || height == 0 || width < -2 || height < -2 || (width < 0 && height < 0)) {
            throw new IllegalArgumentException("scale wants W:H with at most one of them -1 or -2, got " + width + ":" + height);
        }
        this.width = width;
        this.height = height;
    }

    /** Parses {@code W:H} or {@code WxH}. */
    public static Scale of(String spec) {
        String[] p = spec.trim().split("[:x]");
        if (p.length != 2) {
            throw new IllegalArgumentException("scale wants W:H (e.g. 1280:720 or 1280:-2), got '" + spec + "'");
        }
        try {
            return new Scale(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale wants integers W:H, got '" + spec + "'");
        }
    }

    @Override
    public int cost() {
        return 3;
    }

    @Override
    protected VideoFrame apply(VideoFrame f) {
        Scaler.Size want = Scaler.resolve(f.width(), f.height(), width, height);
        if (want.width() == f.width() && want.height() == f.height()) {
            f.retain(); // already that size: pass the same pixels on
            return f;
        }
        if (scaler == null || f.width() != srcW || f.height() != srcH || f.pixelFormat() != srcFmt) {
            if (scaler != null) {
                scaler.close();
            }
            Scaler.Size size = Scaler.resolve(f.width(), f.height(), width, height);
            srcW = f.width();
            srcH = f.height();
            srcFmt = f.pixelFormat();
            scaler = new Scaler(size.width(), size.height(), f.pixelFormat());
        }
        return scaler.scale(f);
    }

    @Override
    public void close() {
        if (scaler != null) {
            scaler.close();
        }
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components scale}). */
    @ComponentDoc(name = "scale", summary = "Scales frames to W:H; -1 or -2 for one side keeps the aspect ratio (-2: even)",
            example = "decode in.mp4 ! scale 1280:-2 ! encode ! mux out.mp4",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8),
                @Box(name = "outbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8)})
    public static Scale create(
            @Prop(name = "size", positional = true, sample = "1280:-2", doc = "W:H or WxH (instead of width and height)")
            String size,
            @Prop(name = "width", min = -2, doc = "output width; -1/-2 from the height") Integer width,
            @Prop(name = "height", min = -2, doc = "output height; -1/-2 from the width") Integer height) {
        if (size != null) {
            if (width != null || height != null) {
                throw new IllegalArgumentException("scale wants size W:H or width/height, not both");
            }
            return of(size);
        }
        if (width == null && height == null) {
            throw new IllegalArgumentException("scale needs a size: scale W:H, or width=W and/or height=H");
        }
        return new Scale(width == null ? -2 : width, height == null ? -2 : height);
    }
}
