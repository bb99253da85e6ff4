package dev.reel.media.component;

import dev.reel.runtime.Boxes;
import dev.reel.media.annotation.DeclaredBoxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;

/**
 * The plumbing every one-in-one-out component shares (crop, scale, fps, rotate, encoders, subtitle
 * conversion, live shot marks): messages come from {@code inbox} one per step, results go to
 * {@code outbox}, what is owed from earlier input goes out before more input is taken, and the
 * end of the input is flushed in steps. Each hook sends at most one message, so a full outbox parks
 * the component after that send (the runtime's backpressure) and the order of messages is kept.
 *
 * <p>Subclasses say what happens to one message; which messages pass through untouched (stream
 * headers, {@link dev.reel.media.frame.ForceKeyframe}) and which are consumed is theirs to decide.
 */
public abstract class OneInOneOut implements Component {
    private Inbox<Object> in;
    private Outbox<Object> out;

    /** The default boxes, typed as the factory's {@code @ComponentDoc} declares (checked by {@code Graph.build()}). */
    @Override
    public Boxes boxes() {
        return DeclaredBoxes.typed(Boxes.DEFAULT, getClass());
    }

    @Override
    public final void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
    }

    @Override
    public final Step step(Context ctx) throws Exception {
        if (sendOwed(out)) {
            return Step.CONTINUE;
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        accept(m, out);
        return Step.CONTINUE;
    }

    @Override
    public final Step finish(Context ctx) throws Exception {
        return flush(out) ? Step.CONTINUE : Step.DONE;
    }

    /**
     * Does work owed from earlier input that needs no new message (a packet the encoder has ready,
     * a held frame, a repeated frame): at most one send. True when it did some, so the step ends
     * there and no input is taken yet.
     */
    protected boolean sendOwed(Outbox<Object> out) throws Exception {
        return false;
    }

    /** Takes one message (now owned: release it or pass it on); at most one send. */
    protected abstract void accept(Object m, Outbox<Object> out) throws Exception;

    /**
     * After the input ended: one step of the flush, at most one send. True while there is more to
     * flush; false when done.
     */
    protected boolean flush(Outbox<Object> out) throws Exception {
        return false;
    }
}
