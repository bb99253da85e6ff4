package dev.reel.media.component;

import dev.reel.media.frame.ForceKeyframe;

import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.buffer.RefCounted;

/**
 * Changes the frame rate to a constant rate by dropping or repeating frames, choosing for each
 * output slot the input frame nearest in time (like ffmpeg's fps filter). Timestamps drive it, so
 * variable-frame-rate input comes out right. A repeated frame is another reference to the same
 * pixels, not a copy.
 */
public final class Fps extends OneInOneOut {
    private final Rational rate;
    private final double slot;
    private VideoFrame prev;
    private double prevT;
    private double lastDelta;
    private long n;
    private double until = Double.NaN;
    // The frame whose output slots are being sent, once the next one has arrived.
    private VideoFrame pending;

    public Fps(Rational rate) {
        if (rate.num() <= 0 || rate.den() <= 0) {
            throw new IllegalArgumentException("fps must be positive");
        }
        this.rate = rate;
        this.slot = (double) rate.den() / rate.num();
    }

    /** Parses "30", "29.97", "30000/1001". */
    public static Fps of(String s) {
        return new Fps(parseRate(s));
    }

    public static Rational parseRate(String s) {
        try {
            if (s.contains("/")) {
                String[] p = s.split("/");
                return new Rational(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
            double d = Double.parseDouble(s);
            if (Math.abs(d - Math.rint(d)) < 1e-9) {
                return new Rational((int) Math.rint(d), 1);
            }
            if (Math.abs(d * 1001 / 1000 - Math.rint(d * 1001 / 1000)) < 0.01) {
                return new Rational((int) Math.rint(d * 1001 / 1000) * 1000, 1001);
            }
            return new Rational((int) Math.round(d * 1000), 1000);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("fps wants a number or a fraction (30, 29.97, 30000/1001), got '" + s + "'");
        }
    }

    public Rational rate() {
        return rate;
    }

    @Override
    protected boolean sendOwed(Outbox<Object> out) {
        if (!Double.isNaN(until)) {
            if (n * slot < until) {
                emit(out);
                return true;
            }
            until = Double.NaN;
            if (pending != null) {
                pending.release(); // dropped: no output slot was nearest to it
                pending = null;
            }
        }
        return false;
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (!(m instanceof VideoFrame f)) {
            out.send(m);
            return;
        }
        double t = f.seconds();
        if (prev == null) {
            prev = f;
            prevT = t;
            return;
        }
        lastDelta = Math.max(0, t - prevT);
        // prev serves every slot nearer to it than to f; emitted one per step.
        until = (prevT + t) / 2;
        pending = prev;
        prev = f;
        prevT = t;
    }

    private void emit(Outbox<Object> out) {
        VideoFrame src = pending != null ? pending : prev;
        VideoFrame copy = VideoFrame.reference(src.avFrame(), src.timeBase());
        copy.setPts(n, new Rational(rate.den(), rate.num()));
        n++;
        out.send(copy);
        if (n * slot >= until && pending != null) {
            pending.release();
            pending = null;
        }
    }

    @Override
    protected boolean flush(Outbox<Object> out) {
        if (pending != null && !Double.isNaN(until) && n * slot < until) {
            emit(out);
            return true;
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (prev == null) {
            return false;
        }
        double end = prevT + (lastDelta > 0 ? lastDelta : slot);
        if (n * slot + slot / 2 < end) {
            until = end;
            emit(out);
            return true;
        }
        prev.release();
        prev = null;
        return false;
    }

    @Override
    public void close() {
        RefCounted.releaseIfCounted(pending);
        RefCounted.releaseIfCounted(prev);
    }

    /** The shell's way to build it ({@code reel run}, {@code reel components fps}). */
    @ComponentDoc(name = "fps", summary = "Changes the frame rate to a constant one, dropping or repeating frames by timestamp",
            example = "decode in.mp4 ! fps 25 ! encode ! mux out.mp4",
            boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8),
                @Box(name = "outbox", messages = {StreamInfo.class, VideoFrame.class, ForceKeyframe.class}, capacity = 8)})
    public static Fps create(
            @Prop(name = "rate", positional = true, required = true, sample = "25", doc = "30, 29.97 or 30000/1001")
            String rate) {
        return of(rate);
    }
}
