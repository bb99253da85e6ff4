package dev.reel.media.component;

import dev.reel.media.frame.ForceKeyframe;

import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;

/**
 * Changes the frame rate to a constant rate by dropping or repeating frames, choosing for each
 * output slot the input frame nearest in time (like ffmpeg's fps filter). Timestamps drive it, so
 * variable-frame-rate input comes out right. A repeated frame is another reference to the same
 * pixels, not a copy.
 */
public final class Fps implements Component {
    private final Rational rate;
    private final double slot;
    private VideoFrame prev;
    private double prevT;
    private double lastDelta;
    private long n;
    private double until = Double.NaN;
    private Inbox<Object> in;
    private Outbox<Object> out;

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
    public void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
    }

    @Override
    public Step step(Context ctx) {
        if (!Double.isNaN(until)) {
            if (n * slot < until) {
                emit();
                return Step.CONTINUE;
            }
            until = Double.NaN;
            if (pending != null) {
                pending.release(); // dropped: no output slot was nearest to it
                pending = null;
            }
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (!(m instanceof VideoFrame f)) {
            out.send(m);
            return Step.CONTINUE;
        }
        double t = f.seconds();
        if (prev == null) {
            prev = f;
            prevT = t;
            return Step.CONTINUE;
        }
        lastDelta = Math.max(0, t - prevT);
        // prev serves every slot nearer to it than to f; emitted one per step.
        until = (prevT + t) / 2;
        VideoFrame old = prev;
        prev = f;
        double oldT = prevT;
        prevT = t;
        pending = old;
        pendingT = oldT;
        return Step.CONTINUE;
    }

    private VideoFrame pending;
    private double pendingT;

    private void emit() {
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
    public Step finish(Context ctx) {
        if (pending != null && !Double.isNaN(until) && n * slot < until) {
            emit();
            return Step.CONTINUE;
        }
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (prev == null) {
            return Step.DONE;
        }
        double end = prevT + (lastDelta > 0 ? lastDelta : slot);
        if (n * slot + slot / 2 < end) {
            until = end;
            emit();
            return Step.CONTINUE;
        }
        prev.release();
        prev = null;
        return Step.DONE;
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.release();
        }
        if (prev != null) {
            prev.release();
        }
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
