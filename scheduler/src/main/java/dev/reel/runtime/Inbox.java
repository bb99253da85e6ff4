package dev.reel.runtime;

import org.jctools.queues.MessagePassingQueue;

/**
 * A named input of a component, read only by its owner. Backed by one bounded JCTools queue: SPSC
 * when one link feeds it, MPSC for a fan-in, MPMC when a link drops the oldest message (the producer
 * then also takes from the queue).
 *
 * @param <T> the message type
 */
public final class Inbox<T> {
    final String name;
    final Cell owner;
    MessagePassingQueue<Object> queue;
    int capacity;
    /** The links that feed this inbox (their producers are woken when it makes room), set once at build. */
    Link[] feeding = new Link[0];
    private int eosSeen;

    // Owner-thread counters: one increment per message taken (end-of-stream markers included);
    // the owner compares it with what it last signalled after a turn instead of a second counter.
    long taken;
    long takenAtSignal;

    Inbox(Cell owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** The next message, or null when none is waiting (also after end-of-stream). */
    @SuppressWarnings("unchecked")
    public T poll() {
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            return null;
        }
        for (;;) {
            Object m = q.relaxedPoll();
            if (m == null) {
                return null;
            }
            taken++;
            if (m == EndOfStream.INSTANCE) {
                eosSeen++;
                continue;
            }
            return (T) m;
        }
    }

    /**
     * Takes up to {@code limit} waiting messages into {@code handler} in one batch (JCTools {@code
     * drain}: counters and the wake-up of producers once per batch, not per message); returns how
     * many messages the handler got. End-of-stream markers are consumed, never handed over.
     */
    @SuppressWarnings("unchecked")
    public int drain(java.util.function.Consumer<? super T> handler, int limit) {
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            return 0;
        }
        int[] eos = new int[1];
        int n = q.drain(m -> {
            if (m == EndOfStream.INSTANCE) {
                eos[0]++;
            } else {
                handler.accept((T) m);
            }
        }, limit);
        taken += n;
        eosSeen += eos[0];
        return n - eos[0];
    }

    /** Messages taken so far (end-of-stream markers not counted). */
    long received() {
        return taken - eosSeen;
    }

    /** The next message without taking it, or null. */
    @SuppressWarnings("unchecked")
    public T peek() {
        MessagePassingQueue<Object> q = queue;
        if (q == null) {
            return null;
        }
        for (;;) {
            Object m = q.relaxedPeek();
            if (m != EndOfStream.INSTANCE) {
                return (T) m;
            }
            q.relaxedPoll();
            taken++;
            eosSeen++;
        }
    }

    /**
     * True when a message (or an end-of-stream marker) is waiting. Looks at the head slot, not the
     * queue's indices: {@code isEmpty()} reads the producer's index, whose cache line the producer
     * writes with every message, so a consumer waiting on it slowed the producer it waited for.
     */
    public boolean available() {
        MessagePassingQueue<Object> q = queue;
        return q != null && q.relaxedPeek() != null;
    }

    /** True when every producer has sent end-of-stream and all their messages were taken. */
    public boolean ended() {
        if (queue == null) {
            return true;
        }
        return peek() == null && eosSeen >= feeding.length;
    }

    /** True when at least one link feeds this inbox. */
    public boolean linked() {
        return feeding.length > 0;
    }

    public String name() {
        return name;
    }

    /** Messages waiting now. */
    public int depth() {
        MessagePassingQueue<Object> q = queue;
        return q == null ? 0 : q.size();
    }
}
