package dev.reel.runtime.components;

import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.buffer.RefCounted;

/**
 * Sends every message to each of its branches (outboxes {@code out0..outN-1}), by reference: a
 * reference-counted message is retained once per extra branch. The policy of a branch is the policy
 * of its link: a normal link makes the tee wait for the slowest branch, a leaky link drops on that
 * branch alone (counted there) and never holds the others back.
 */
public final class Tee implements Component {
    private final int branches;
    private Inbox<Object> in;
    private Outbox<Object>[] outs;

    public Tee(int branches) {
        if (branches < 1) {
            throw new IllegalArgumentException("a tee needs at least one branch");
        }
        this.branches = branches;
    }

    public static String branch(int i) {
        return "out" + i;
    }

    @Override
    public Boxes boxes() {
        Boxes.Builder b = Boxes.builder().noOutbox();
        for (int i = 0; i < branches; i++) {
            b.out(branch(i), Object.class);
        }
        return b.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(Context ctx) {
        in = ctx.inbox();
        outs = new Outbox[branches];
        for (int i = 0; i < branches; i++) {
            outs[i] = ctx.outbox(branch(i));
        }
    }

    @Override
    public Step step(Context ctx) {
        for (Outbox<Object> o : outs) {
            if (!o.ready()) {
                // Some branch is still full: the runtime parks us; send nothing to the others meanwhile.
                return Step.CONTINUE;
            }
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        RefCounted.retainIfCounted(m, branches - 1);
        for (Outbox<Object> o : outs) {
            o.send(m);
        }
        return Step.CONTINUE;
    }
}
