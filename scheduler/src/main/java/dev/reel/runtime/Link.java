package dev.reel.runtime;

import dev.reel.runtime.buffer.RefCounted;

/**
 * One edge from an outbox to an inbox. Links into the same inbox share that inbox's queue (so a
 * fan-in is one multi-producer queue); counters here are per edge and written only by the producer.
 */
final class Link {
    final String name;
    final Outbox<?> from;
    final Inbox<?> to;
    final LinkSpec spec;

    /*
     * The receiving queue and its limit, copied here so the producer's hot path never touches the
     * Inbox object, whose counters the consumer writes on every poll (no false sharing).
     */
    org.jctools.queues.MessagePassingQueue<Object> queue;
    int capacity;
    /** Set once when the consumer closes; from then on sends are discarded (and counted). */
    volatile boolean consumerClosed;
    private static final java.lang.invoke.VarHandle CONSUMER_CLOSED;

    static {
        try {
            CONSUMER_CLOSED = java.lang.invoke.MethodHandles.lookup().findVarHandle(Link.class, "consumerClosed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Written by the producer thread only; read racily by snapshots. No per-message counter here:
    // the outbox counts what it handed over, this link only what it did not queue (rare).
    long rejected;
    long drops;
    long fullNanos;
    private long fullSince;

    Link(String name, Outbox<?> from, Inbox<?> to, LinkSpec spec) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.spec = spec;
    }

    /** Offers a data message; false only on a non-leaky full link. Dropped messages are released. */
    boolean offer(Object m) {
        // Opaque, not volatile: the flag is set once and only needs to be seen soon; an acquire per
        // message kept the compiler from keeping the queue's fields in registers across offers.
        if ((boolean) CONSUMER_CLOSED.getOpaque(this)) {
            // The consumer finished early: nothing will read this, so it is discarded, counted.
            drops++;
            rejected++;
            RefCounted.releaseIfCounted(m);
            return true;
        }
        var q = queue;
        if (q.offer(m)) {
            return true;
        }
        switch (spec.leaky()) {
            case DROP_NEWEST -> {
                drops++;
                rejected++;
                RefCounted.releaseIfCounted(m);
                return true;
            }
            case DROP_OLDEST -> {
                for (int tries = 0; tries < 64; tries++) {
                    Object old = q.peek();
                    if (old == EndOfStream.INSTANCE) {
                        break; // never drop end-of-stream; drop the new message instead
                    }
                    old = q.poll();
                    if (old != null) {
                        if (old == EndOfStream.INSTANCE) {
                            // Raced with another producer's EOS: put it back by blocking semantics.
                            while (!q.offer(old)) {
                                Thread.onSpinWait();
                            }
                            break;
                        }
                        drops++;
                        RefCounted.releaseIfCounted(old);
                    }
                    if (q.offer(m)) {
                        return true;
                    }
                }
                drops++;
                rejected++;
                RefCounted.releaseIfCounted(m);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Messages queued on this link so far. */
    long messages() {
        return from.sent - rejected;
    }

    /** End-of-stream is never dropped; on a leaky full link the oldest message makes room. */
    boolean offerEos() {
        if (consumerClosed) {
            return true;
        }
        var q = queue;
        if (q.offer(EndOfStream.INSTANCE)) {
            return true;
        }
        if (spec.leaky() == Leaky.DROP_OLDEST) {
            Object old = q.poll();
            if (old != null && old != EndOfStream.INSTANCE) {
                drops++;
                RefCounted.releaseIfCounted(old);
            }
            return q.offer(EndOfStream.INSTANCE);
        }
        return false;
    }

    /** A leaky link always has room: it drops instead of holding the producer back. */
    boolean hasSpace() {
        return spec.leaky() != Leaky.NONE || consumerClosed || queue.size() < capacity;
    }

    void markFull(long now) {
        if (fullSince == 0) {
            fullSince = now;
        }
    }

    void markNotFull(long now) {
        if (fullSince != 0) {
            fullNanos += now - fullSince;
            fullSince = 0;
        }
    }

    long fullNanosNow(long now) {
        long since = fullSince;
        return fullNanos + (since != 0 ? now - since : 0);
    }
}
