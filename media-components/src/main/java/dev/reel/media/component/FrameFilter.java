package dev.reel.media.component;

import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;

/**
 * The shape shared by frame-to-frame components (crop, scale): stream headers and in-band requests
 * pass through untouched, each video frame goes through {@link #apply}. One message per step, so a
 * full outbox parks the component after at most one send.
 */
abstract class FrameFilter implements dev.reel.runtime.Component {
    private Inbox<Object> in;
    private Outbox<Object> out;

    @Override
    public void open(Context ctx) throws Exception {
        in = ctx.inbox();
        out = ctx.outbox();
    }

    @Override
    public final Step step(Context ctx) throws Exception {
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (m instanceof VideoFrame f) {
            VideoFrame r;
            try {
                r = apply(f);
            } finally {
                f.release();
            }
            if (r != null) {
                out.send(r);
            }
        } else {
            out.send(passThrough(m));
        }
        return Step.CONTINUE;
    }

    /** Returns a new frame (owned by the caller) for {@code f}; {@code f} is released afterwards. */
    protected abstract VideoFrame apply(VideoFrame f) throws Exception;

    /** Non-frame messages (stream headers, requests): forwarded as they are by default. */
    protected Object passThrough(Object m) {
        return m;
    }
}
