package dev.reel.runtime;

import dev.reel.runtime.buffer.RefCounted;

/**
 * A named output of a component, written only by its owner. Joined to at most one inbox by a
 * {@link Link}; to send one message to many, use a tee. An unlinked outbox discards (and releases)
 * what it is given.
 *
 * @param <T> the message type
 */
public final class Outbox<T> {
    final String name;
    final Cell owner;
    Link link;
    Object pending;
    boolean eosSent;

    // Owner-thread counters: one increment per message; the owner compares sent with what it last
    // signalled after a turn (eosToSignal: an end-of-stream marker went out since).
    long sent;
    long sentAtSignal;
    long discarded;
    boolean eosToSignal;

    Outbox(Cell owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /**
     * Sends without waiting: true when the message was taken (queued, or dropped by a leaky link, or
     * discarded when unlinked), false when the link is full, in which case the caller still owns it.
     */
    public boolean offer(T message) {
        if (pending != null) {
            return false;
        }
        return offerNow(message);
    }

    private boolean offerNow(Object message) {
        Link l = link;
        if (l == null) {
            discarded++;
            RefCounted.releaseIfCounted(message);
            return true;
        }
        if (l.offer(message)) {
            sent++;
            return true;
        }
        return false;
    }

    /**
     * Sends one message. It is always accepted: if the link is full it is held here and the runtime
     * parks the component after this step until the link has room. Sending again before that is an
     * error; check {@link #ready()} when sending several messages in one step.
     */
    public void send(T message) {
        if (message == null) {
            throw new NullPointerException("null message on " + owner.name + "." + name);
        }
        if (eosSent) {
            throw new IllegalStateException(owner.name + "." + name + ": send after end()");
        }
        if (pending != null) {
            throw new IllegalStateException(owner.name + "." + name + ": send while the link is full; check ready()");
        }
        if (!offerNow(message)) {
            pending = message;
        }
    }

    /**
     * Ends this outbox now: end-of-stream goes behind what was sent, and the receiver sees this
     * input end while the component goes on with its other outboxes (a decoder with no audio
     * stream ends its audio outbox at once). Sending afterwards is an error.
     */
    public void end() {
        if (eosSent) {
            return;
        }
        if (pending != null) {
            throw new IllegalStateException(owner.name + "." + name + ": end while the link is full; check ready()");
        }
        sendEos();
    }

    /** True when a {@link #send} would not have to wait. */
    public boolean ready() {
        return pending == null && (link == null || link.hasSpace());
    }

    /** True when nothing holds a send back. */
    public boolean idle() {
        return pending == null;
    }

    /** True when the receiving component has finished and no longer reads. */
    public boolean closed() {
        return link != null && link.consumerClosed;
    }

    public boolean linked() {
        return link != null;
    }

    public String name() {
        return name;
    }

    /** Tries to hand the held message over; true when nothing is held any more. */
    boolean flush() {
        Object p = pending;
        if (p == null) {
            return true;
        }
        boolean ok = p == EndOfStream.INSTANCE ? link.offerEos() : offerNow(p);
        if (ok) {
            pending = null;
            if (p == EndOfStream.INSTANCE) {
                eosToSignal = true;
            }
        }
        return ok;
    }

    /** Queues end-of-stream behind everything sent; false when it is held until there is room. */
    boolean sendEos() {
        if (eosSent) {
            return flush();
        }
        if (!flush()) {
            return false;
        }
        eosSent = true;
        if (link == null) {
            return true;
        }
        if (link.offerEos()) {
            eosToSignal = true;
            return true;
        }
        pending = EndOfStream.INSTANCE;
        return false;
    }
}
