package dev.reel.runtime.components;

import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Small generic components: a source from an iterator, a map, a sink. Given a message class, the
 * source and the sink declare it on their box, so {@code Graph.build()} checks what they are linked to.
 */
public final class Components {
    private Components() {
    }

    /** Emits each element, then ends. */
    public static Component source(Iterator<?> it) {
        return source(Object.class, it);
    }

    /** Emits each element on an outbox typed {@code type}, then ends. */
    public static <T> Component source(Class<T> type, Iterator<? extends T> it) {
        return new Component() {
            private Outbox<T> out;

            @Override
            public Boxes boxes() {
                return Boxes.none().out(Boxes.OUTBOX, type).build();
            }

            @Override
            public void open(Context ctx) {
                out = ctx.outbox();
            }

            @Override
            public Step step(Context ctx) {
                if (out.closed()) {
                    return Step.DONE; // nobody reads any more: an endless iterator must not spin on
                }
                // Bounded work per step, so a stop is seen between steps even when the link never fills.
                for (int i = 0; i < 256 && out.ready(); i++) {
                    if (!it.hasNext()) {
                        return Step.DONE;
                    }
                    out.send(it.next());
                }
                return Step.CONTINUE;
            }
        };
    }

    /** Applies {@code f} to each message; a null result sends nothing. */
    public static <A, B> Component map(Function<A, B> f) {
        return new Component() {
            private Inbox<A> in;
            private Outbox<B> out;

            @Override
            public void open(Context ctx) {
                in = ctx.inbox();
                out = ctx.outbox();
            }

            @Override
            public Step step(Context ctx) {
                A a = in.poll();
                if (a == null) {
                    return Step.WAIT_INPUT;
                }
                B b = f.apply(a);
                if (b != null) {
                    out.send(b);
                }
                return Step.CONTINUE;
            }
        };
    }

    /** Hands each message to {@code sink} (which then owns it). */
    @SuppressWarnings("unchecked")
    public static <A> Component sink(Consumer<A> sink) {
        // Untyped inbox: any message is taken, and the caller's consumer says what it expects.
        return sink(Object.class, m -> sink.accept((A) m));
    }

    /** Hands each message of an inbox typed {@code type} to {@code sink} (which then owns it). */
    public static <A> Component sink(Class<A> type, Consumer<? super A> sink) {
        return new Component() {
            private Inbox<A> in;

            @Override
            public Boxes boxes() {
                return Boxes.none().in(Boxes.INBOX, type).build();
            }

            @Override
            public void open(Context ctx) {
                in = ctx.inbox();
            }

            @Override
            public Step step(Context ctx) {
                for (int i = 0; i < 256; i++) {
                    A a = in.poll();
                    if (a == null) {
                        return Step.WAIT_INPUT;
                    }
                    sink.accept(a);
                }
                return Step.CONTINUE;
            }
        };
    }
}
