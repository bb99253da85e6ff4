package dev.reel.media.component;

import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Outbox;

/**
 * A one-in-one-out component that maps each video frame to one new frame (rotate, scale): stream
 * headers and in-band requests pass through untouched, each frame goes through {@link #apply}.
 */
abstract class FrameFilter extends OneInOneOut {

    @Override
    protected final void accept(Object m, Outbox<Object> out) throws Exception {
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
    }

    /** Returns a new frame (owned by the caller) for {@code f}; {@code f} is released afterwards. */
    protected abstract VideoFrame apply(VideoFrame f) throws Exception;

    /** Non-frame messages (stream headers, requests): forwarded as they are by default. */
    protected Object passThrough(Object m) {
        return m;
    }
}
