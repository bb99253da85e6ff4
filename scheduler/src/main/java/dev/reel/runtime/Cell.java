package dev.reel.runtime;

import dev.reel.runtime.buffer.RefCounted;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime's record of one component in a running graph: its boxes, its state machine and its
 * counters. Only the owning executor's thread runs {@link #runOnce}; other threads read counters.
 */
final class Cell implements Context {
    enum State { NEW, RUNNABLE, WAIT_INPUT, SLEEP, BLOCKED, FINISHING, EOS, CLOSED }

    /** Steps per turn before the worker moves to its next component (fairness). */
    static final int DEFAULT_STEP_BUDGET = 64;

    final String name;
    final Component component;
    final Placement placement;
    final GraphRun run;
    final Map<String, Inbox<?>> inboxes = new LinkedHashMap<>();
    final Map<String, Outbox<?>> outboxes = new LinkedHashMap<>();
    Inbox<?>[] inArray;
    Inbox<?>[] dataInboxes;
    Outbox<?>[] outArray;
    Inbox<?>[] waitingOn;
    Executor executor;

    volatile State state = State.NEW;
    private long sleepUntil;
    private long waitSince;
    private State waitKind;
    private boolean inFinish;

    // Counters, owner-thread writes.
    long busyNanos;
    long starvedNanos;
    long blockedNanos;
    long steps;
    /** System.nanoTime() at the end of the last turn: the executor's clock for what it runs next. */
    long turnEnd;

    Cell(String name, Component component, Placement placement, GraphRun run) {
        this.name = name;
        this.component = component;
        this.placement = placement;
        this.run = run;
        Boxes b = component.boxes();
        b.inboxTypes().keySet().forEach(n -> inboxes.put(n, new Inbox<>(this, n)));
        b.outboxTypes().keySet().forEach(n -> outboxes.put(n, new Outbox<>(this, n)));
    }

    void freeze() {
        inArray = inboxes.values().toArray(new Inbox<?>[0]);
        dataInboxes = inboxes.values().stream().filter(i -> !i.name.equals(Boxes.CONTROL)).toArray(Inbox<?>[]::new);
        outArray = outboxes.values().toArray(new Outbox<?>[0]);
    }

    // ---- Context -------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Inbox<T> inbox(String box) {
        return (Inbox<T>) declared(inboxes, box, "inbox");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Outbox<T> outbox(String box) {
        return (Outbox<T>) declared(outboxes, box, "outbox");
    }

    private <B> B declared(Map<String, B> boxes, String box, String kind) {
        B b = boxes.get(box);
        if (b == null) {
            throw new IllegalArgumentException(name + " has no " + kind + " '" + box + "' (has " + boxes.keySet() + ")");
        }
        return b;
    }

    @Override
    public Step waitFor(Inbox<?>... boxes) {
        waitingOn = boxes;
        return Step.WAIT_INPUT;
    }

    @Override
    public Step sleep(long nanos) {
        sleepUntil = System.nanoTime() + Math.max(0, nanos);
        return Step.SLEEP;
    }

    @Override
    public boolean inputEnded() {
        for (Inbox<?> i : dataInboxes) {
            if (!i.ended()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean stopping() {
        return run.stopping;
    }

    // ---- scheduling ----------------------------------------------------------------------

    private boolean inputAvailable() {
        Inbox<?>[] boxes = waitingOn != null ? waitingOn : inArray;
        for (Inbox<?> i : boxes) {
            if (i.available()) {
                return true;
            }
        }
        if (waitingOn != null) {
            Inbox<?> control = inboxes.get(Boxes.CONTROL);
            return control != null && control.available();
        }
        return false;
    }

    private boolean pendingFlushable() {
        for (Outbox<?> o : outArray) {
            if (o.pending != null && !o.link.consumerClosed && o.link.queue.size() >= o.link.capacity) {
                return false;
            }
        }
        return true;
    }

    /** Would {@link #runOnce} do anything now? Called by a worker before it parks. */
    boolean ready(long now) {
        if (run.stopping) {
            return state != State.CLOSED;
        }
        return switch (state) {
            case NEW, RUNNABLE, FINISHING -> true;
            case BLOCKED, EOS -> pendingFlushable();
            case WAIT_INPUT -> inputAvailable();
            case SLEEP -> now - sleepUntil >= 0 || inputAvailable();
            case CLOSED -> false;
        };
    }

    /** Earliest timer of this cell, or Long.MAX_VALUE. */
    long deadline() {
        return state == State.SLEEP ? sleepUntil : Long.MAX_VALUE;
    }

    private boolean flushAll(long now) {
        boolean all = true;
        for (Outbox<?> o : outArray) {
            if (o.pending != null) {
                if (o.flush()) {
                    o.link.markNotFull(now);
                } else {
                    o.link.markFull(now);
                    all = false;
                }
            }
        }
        return all;
    }

    /** Runs a turn; returns the amount of work done (0 when it could not proceed). */
    int runOnce(long now) {
        State s = state;
        if (s == State.CLOSED) {
            return 0;
        }
        if (run.stopping) {
            abort();
            return 1;
        }
        try {
            switch (s) {
                case NEW -> {
                    component.open(this);
                    state = State.RUNNABLE;
                }
                case BLOCKED -> {
                    if (!flushAll(now)) {
                        return 0;
                    }
                    endWait(now);
                    state = inFinish ? State.FINISHING : State.RUNNABLE;
                }
                case WAIT_INPUT -> {
                    if (!inputAvailable() && !inputEnded()) {
                        return 0;
                    }
                    endWait(now);
                    state = State.RUNNABLE;
                }
                case SLEEP -> {
                    if (now - sleepUntil < 0 && !inputAvailable()) {
                        return 0;
                    }
                    endWait(now);
                    state = inFinish ? State.FINISHING : State.RUNNABLE;
                }
                case EOS -> {
                    return sendEos(now) ? 1 : 0;
                }
                default -> {
                }
            }
            return turn(now);
        } catch (Throwable t) {
            run.fail(this, t);
            abort();
            return 1;
        } finally {
            signal();
        }
    }

    private int turn(long start) throws Exception {
        int n = 0;
        try {
            while (n < DEFAULT_STEP_BUDGET) {
                n++;
                boolean finishing = inFinish;
                waitingOn = null;
                Step r = finishing ? component.finish(this) : component.step(this);
                if (!flushAll(start)) {
                    // A send is held: park until the link has room, then carry on where we were.
                    if (r == Step.DONE) {
                        enterWait(State.EOS, start);
                        state = State.EOS;
                        return n;
                    }
                    enterWait(State.BLOCKED, start);
                    state = State.BLOCKED;
                    return n;
                }
                switch (r) {
                    case CONTINUE -> {
                    }
                    case WAIT_INPUT -> {
                        if (finishing || inputEnded()) {
                            inFinish = true;
                            state = State.FINISHING;
                            if (finishing) {
                                // finish() asked for input that will never come: treat as done.
                                state = State.EOS;
                                sendEos(start);
                                return n;
                            }
                        } else {
                            enterWait(State.WAIT_INPUT, start);
                            state = State.WAIT_INPUT;
                            return n;
                        }
                    }
                    case SLEEP -> {
                        enterWait(State.SLEEP, start);
                        state = State.SLEEP;
                        return n;
                    }
                    case DONE -> {
                        state = State.EOS;
                        sendEos(start);
                        return n;
                    }
                }
            }
            return n;
        } finally {
            long end = System.nanoTime();
            steps += n;
            busyNanos += end - start;
            turnEnd = end;
        }
    }

    private void enterWait(State kind, long now) {
        waitKind = kind;
        waitSince = now;
    }

    private void endWait(long now) {
        if (waitSince != 0) {
            long d = now - waitSince;
            if (waitKind == State.WAIT_INPUT || waitKind == State.SLEEP) {
                starvedNanos += d;
            } else {
                blockedNanos += d;
            }
            waitSince = 0;
        }
    }

    /** Sends end-of-stream on every outbox; closes the component once all are queued. */
    private boolean sendEos(long now) {
        boolean all = true;
        for (Outbox<?> o : outArray) {
            if (!o.sendEos()) {
                o.link.markFull(now);
                all = false;
            } else if (o.link != null) {
                o.link.markNotFull(now);
            }
        }
        if (all) {
            endWait(now);
            close(null);
        } else if (waitSince == 0) {
            enterWait(State.EOS, now);
        }
        return all;
    }

    /** Closes after a stop or failure: nothing more is sent. */
    void abort() {
        if (state != State.CLOSED) {
            close(null);
        }
    }

    private void close(Throwable unused) {
        state = State.CLOSED;
        try {
            component.close();
        } catch (Throwable t) {
            run.fail(this, t);
        }
        // Nobody reads these inboxes any more: free what waits there and let producers move on.
        for (Inbox<?> i : inArray) {
            for (Link l : i.feeding) {
                l.consumerClosed = true;
            }
            drainAndRelease(i);
        }
        signal();
        for (Inbox<?> i : inArray) {
            wakeProducers(i);
        }
        run.closed(this);
    }

    static void drainAndRelease(Inbox<?> i) {
        if (i.queue == null) {
            return;
        }
        Object m;
        while ((m = i.queue.poll()) != null) {
            RefCounted.releaseIfCounted(m);
        }
    }

    /** After a turn: wake the threads on the other side of every box this turn touched. */
    private void signal() {
        for (Outbox<?> o : outArray) {
            if (o.sent != o.sentAtSignal || o.eosToSignal) {
                o.sentAtSignal = o.sent;
                o.eosToSignal = false;
                o.link.to.owner.executor.wake(executor);
            }
        }
        for (Inbox<?> i : inArray) {
            if (i.taken != i.takenAtSignal) {
                i.takenAtSignal = i.taken;
                wakeProducers(i);
            }
        }
    }

    private void wakeProducers(Inbox<?> i) {
        for (Link l : i.feeding) {
            l.from.owner.executor.wake(executor);
        }
    }

    long messagesIn() {
        long n = 0;
        for (Inbox<?> i : inArray) {
            n += i.received();
        }
        return n;
    }

    long messagesOut() {
        long n = 0;
        for (Outbox<?> o : outArray) {
            n += o.sent;
        }
        return n;
    }
}
