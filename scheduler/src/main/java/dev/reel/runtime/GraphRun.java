package dev.reel.runtime;

import dev.reel.runtime.buffer.RefCounted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

/** One run of a graph: its cells and links, stop and failure, and completion. */
final class GraphRun {
    final String name;
    final Map<String, Cell> cells = new LinkedHashMap<>();
    final List<Link> links = new ArrayList<>();
    private final Map<Inbox<?>, List<Link>> into = new HashMap<>();
    final List<DedicatedThread> threads = new ArrayList<>();
    final long startNanos = System.nanoTime();
    volatile long endNanos;

    volatile boolean stopping;
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicInteger open;
    final CompletableFuture<RunResult> done = new CompletableFuture<>();
    private Runnable onComplete = () -> { };

    record Failure(String component, Throwable cause) {
    }

    GraphRun(GraphPlan plan) {
        this.name = plan.name;
        for (GraphPlan.Leaf l : plan.leaves) {
            cells.put(l.path(), new Cell(l.path(), l.component(), l.placement(), this));
        }
        for (GraphPlan.ResolvedLink rl : plan.links) {
            Cell from = cells.get(rl.from().path());
            Cell to = cells.get(rl.to().path());
            Outbox<?> out = from.outboxes.get(rl.from().box());
            Inbox<?> in = to.inboxes.get(rl.to().box());
            Link link = new Link(rl.from() + " -> " + rl.to(), out, in, rl.spec());
            out.link = link;
            links.add(link);
            into.computeIfAbsent(in, k -> new ArrayList<>()).add(link);
        }
        into.forEach(GraphRun::makeQueue);
        cells.values().forEach(Cell::freeze);
        open = new AtomicInteger(cells.size());
    }

    /** Picks the queue type from the links feeding an inbox: the cheapest that is correct. */
    private static void makeQueue(Inbox<?> in, List<Link> feeding) {
        int cap = 0;
        boolean dropOldest = false;
        for (Link l : feeding) {
            cap = Math.max(cap, l.spec.effectiveCapacity());
            dropOldest |= l.spec.leaky() == Leaky.DROP_OLDEST;
        }
        MessagePassingQueue<Object> q;
        if (dropOldest) {
            q = new MpmcArrayQueue<>(cap);
        } else if (feeding.size() == 1) {
            q = new SpscArrayQueue<>(cap);
        } else {
            q = new MpscArrayQueue<>(cap);
        }
        in.queue = q;
        in.capacity = q.capacity();
        for (Link l : feeding) {
            l.queue = q;
            l.capacity = q.capacity();
        }
        in.feeding = feeding.toArray(new Link[0]);
    }

    void onComplete(Runnable r) {
        this.onComplete = r;
    }

    /** Records the first failure and stops the graph. */
    void fail(Cell c, Throwable t) {
        failure.compareAndSet(null, new Failure(c.name, t));
        stop();
    }

    void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        for (Cell c : cells.values()) {
            try {
                c.component.cancel();
            } catch (Throwable ignored) {
                // best effort: cancel only unblocks
            }
            Executor e = c.executor;
            if (e != null) {
                e.wakeNow();
            }
        }
        for (DedicatedThread t : threads) {
            Thread th = t.thread;
            if (th != null && th != Thread.currentThread()) {
                th.interrupt();
            }
        }
    }

    /** A graph without components has nothing to wait for: it ends as soon as it starts. */
    void completeIfEmpty() {
        if (cells.isEmpty()) {
            complete();
        }
    }

    /** Called by each cell once, on its own thread, when it closes. */
    void closed(Cell c) {
        if (open.decrementAndGet() == 0) {
            complete();
        }
    }

    private void complete() {
        // Every cell is closed: nothing else touches the queues, so free what is left in them.
        for (Cell c : cells.values()) {
            for (Inbox<?> i : c.inArray) {
                Cell.drainAndRelease(i);
            }
            for (Outbox<?> o : c.outArray) {
                Object p = o.pending;
                o.pending = null;
                if (p != null && p != EndOfStream.INSTANCE) {
                    RefCounted.releaseIfCounted(p);
                }
            }
        }
        endNanos = System.nanoTime();
        onComplete.run();
        Failure f = failure.get();
        done.complete(new RunResult(name, f == null ? null : f.component(), f == null ? null : f.cause(),
                stopping && f == null, endNanos - startNanos));
    }
}
