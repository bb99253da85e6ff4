package dev.reel.runtime.components;

import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;

/**
 * Joins inboxes {@code in0..inN-1} onto one outbox, taking from each in turn. The order of each
 * source is kept; sources are interleaved fairly. Ends when every source has ended.
 */
public final class Merge implements Component {
    private final int sources;
    private Inbox<Object>[] ins;
    private Outbox<Object> out;
    private int next;

    public Merge(int sources) {
        if (sources < 1) {
            throw new IllegalArgumentException("a merge needs at least one source");
        }
        this.sources = sources;
    }

    public static String source(int i) {
        return "in" + i;
    }

    @Override
    public Boxes boxes() {
        Boxes.Builder b = Boxes.builder().noInbox();
        for (int i = 0; i < sources; i++) {
            b.in(source(i), Object.class);
        }
        return b.build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(Context ctx) {
        ins = new Inbox[sources];
        for (int i = 0; i < sources; i++) {
            ins[i] = ctx.inbox(source(i));
        }
        out = ctx.outbox();
    }

    @Override
    public Step step(Context ctx) {
        for (int k = 0; k < sources; k++) {
            int i = (next + k) % sources;
            Object m = ins[i].poll();
            if (m != null) {
                next = (i + 1) % sources;
                out.send(m);
                return Step.CONTINUE;
            }
        }
        return Step.WAIT_INPUT;
    }
}
