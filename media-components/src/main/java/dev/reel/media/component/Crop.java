package dev.reel.media.component;

import dev.reel.media.frame.ForceKeyframe;

import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Outbox;
import java.util.ArrayDeque;

/**
 * Crops each frame to a rectangle as a view: the output frame references the input's pixels, no
 * copy. With {@code auto}, the rectangle is found in one pass from the first frames (up to
 * {@link #DEFAULT_AUTO_FRAMES} or {@link #DEFAULT_AUTO_SECONDS}), which are held meanwhile and then
 * sent on cropped, so the memory cost is bounded by that sample.
 */
public final class Crop extends OneInOneOut {
    public static final int DEFAULT_AUTO_FRAMES = 24;
    public static final double DEFAULT_AUTO_SECONDS = 2.0;

    private final CropGeometry fixed;
    private final BorderDetector detector;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private CropGeometry rect;
    private double firstSeconds = Double.NaN;

    private Crop(CropGeometry fixed, boolean auto) {
        this.fixed = fixed;
        this.detector = auto ? new BorderDetector(BorderDetector.DEFAULT_LIMIT) : null;
    }

    /** {@code W:H[:X:Y]} or {@code auto}. */
    public static Crop of(String spec) {
        return "auto".equals(spec.trim()) ? new Crop(null, true) : new Crop(CropGeometry.parse(spec), false);
    }

    /** The rectangle in use, once known (for reports). */
    public CropGeometry rectangle() {
        return rect;
    }

    @Override
    protected boolean sendOwed(Outbox<Object> out) {
        if (rect != null && !held.isEmpty()) {
            out.send(emit(held.poll()));
            return true;
        }
        return false;
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (rect == null && m instanceof VideoFrame f) {
            if (fixed != null) {
                rect = fixed.within(f.width(), f.height());
            } else {
                held.add(f);
                if (Double.isNaN(firstSeconds)) {
                    firstSeconds = f.seconds();
                }
                boolean readable = detector.accept(f);
                if (!readable || held.size() >= DEFAULT_AUTO_FRAMES || f.seconds() - firstSeconds >= DEFAULT_AUTO_SECONDS) {
                    decide(f);
                }
                return;
            }
        }
        if (rect == null) {
            // A header before any frame while sampling: keep the order.
            if (!held.isEmpty() || detector != null) {
                held.add(m);
                return;
            }
        }
        out.send(emit(m));
    }

    private void decide(VideoFrame f) {
        rect = detector.result().within(f.width(), f.height());
    }

    @Override
    protected boolean flush(Outbox<Object> out) {
        if (rect == null) {
            VideoFrame any = (VideoFrame) held.stream().filter(o -> o instanceof VideoFrame).findFirst().orElse(null);
            if (any == null) {
                rect = new CropGeometry(1, 1, 0, 0); // no frame at all: nothing will be cropped
            } else {
                decide(any);
            }
        }
        if (held.isEmpty()) {
            return false;
        }
        out.send(emit(held.poll()));
        return true;
    }

    private Object emit(Object m) {
        if (m instanceof VideoFrame f) {
            try {
                if (rect.x() == 0 && rect.y() == 0 && rect.width() == (f.width() & ~1) && rect.height() == (f.height() & ~1)
                        && f.width() % 2 == 0 && f.height() % 2 == 0) {
                    f.retain();
                    return f;
                }
                return f.crop(rect.x(), rect.y(), rect.width(), rect.height());
            } finally {
                f.release();
            }
        }
        return m;
    }

    @Override
    public void close() {
        held.forEach(dev.reel.runtime.buffer.RefCounted::releaseIfCounted);
        held.clear();
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components crop}). */
    @ComponentDoc(name = "crop", summary = "Crops frames to W:H[:X:Y] (centred without X:Y) or auto (removes black borders), without copying",
            example = "decode in.mp4 ! crop auto ! encode ! mux out.mp4",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8),
                @Box(name = "outbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8)})
    public static Crop create(
            @Prop(name = "geometry", positional = true, required = true, sample = "auto",
                    doc = "W:H[:X:Y], or auto to find the picture inside black bars from the first frames") String geometry) {
        return of(geometry);
    }
}
