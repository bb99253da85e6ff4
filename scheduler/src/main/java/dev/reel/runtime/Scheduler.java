package dev.reel.runtime;

import dev.reel.runtime.affinity.Affinity;
import dev.reel.runtime.idle.IdleStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The worker pool graphs run on: one thread per core by default, each pinned to its core, each
 * running the components placed on it. Several graphs may run at once and share the workers (a
 * batch transcode). Closing the scheduler stops every running graph and ends the workers.
 *
 * <pre>{@code
 * try (Scheduler s = Scheduler.builder().build()) {
 *     RunResult r = s.run(graph);   // returns when every component has finished
 * }
 * }</pre>
 */
public final class Scheduler implements AutoCloseable {
    private final Worker[] workers;
    private final List<Thread> threads = new ArrayList<>();
    private final List<RunningGraph> running = new ArrayList<>();
    private volatile boolean closed;

    private Scheduler(Builder b) {
        List<Integer> cores = Affinity.allowedCores();
        int n = b.workers > 0 ? b.workers : cores.size();
        workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            int core = b.pin ? cores.get(i % cores.size()) : -1;
            workers[i] = new Worker(i, core, b.idle.get());
            Thread t = new Thread(workers[i], workers[i].name);
            t.setDaemon(true);
            workers[i].thread = t;
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A scheduler with the defaults: a pinned worker per allowed core, backoff idling. */
    public static Scheduler create() {
        return builder().build();
    }

    public int workers() {
        return workers.length;
    }

    /** Core of each worker (-1 where unpinned); pinning happens as the worker starts. */
    public int[] cores() {
        int[] c = new int[workers.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = workers[i].core;
        }
        return c;
    }

    /** Runs the graph and waits for it to end; a failure is returned in the result, not thrown. */
    public RunResult run(Graph g) {
        return start(g).await();
    }

    /** Starts the graph and returns at once. */
    public RunningGraph start(Graph g) {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        GraphRun run = new GraphRun(GraphPlan.of(g));
        Map<Worker, List<Cell>> placed = place(run);
        RunningGraph rg = new RunningGraph(run, this);
        synchronized (running) {
            running.add(rg);
        }
        run.onComplete(() -> {
            placed.forEach(Worker::removeCells);
            synchronized (running) {
                running.remove(rg);
            }
        });
        for (Cell c : run.cells.values()) {
            if (c.executor instanceof DedicatedThread d) {
                run.threads.add(d);
            }
        }
        run.threads.forEach(DedicatedThread::start);
        placed.forEach(Worker::addCells);
        run.completeIfEmpty();
        return rg;
    }

    /**
     * Placement: threaded components get their own thread; pinned ones go where asked; the rest, by
     * cost, heaviest first, to the least loaded worker, so an encoder does not share a core with the
     * stage feeding it while another core is idle.
     */
    private Map<Worker, List<Cell>> place(GraphRun run) {
        Map<Worker, List<Cell>> placed = new HashMap<>();
        Map<Worker, Integer> load = new HashMap<>();
        synchronized (this) {
            for (Worker w : workers) {
                load.put(w, w.load);
            }
        }
        List<Cell> auto = new ArrayList<>();
        for (Cell c : run.cells.values()) {
            Placement p = c.placement;
            if (p.kind() == Placement.Kind.THREADED || (p.kind() == Placement.Kind.AUTO && c.component.blocking())) {
                c.executor = new DedicatedThread(c);
            } else if (p.kind() == Placement.Kind.PINNED) {
                Worker w = workers[p.worker() % workers.length];
                c.executor = w;
                load.merge(w, c.component.cost(), Integer::sum);
                placed.computeIfAbsent(w, k -> new ArrayList<>()).add(c);
            } else {
                auto.add(c);
            }
        }
        auto.sort(Comparator.comparingInt((Cell c) -> c.component.cost()).reversed());
        for (Cell c : auto) {
            Worker best = workers[0];
            for (Worker w : workers) {
                if (load.get(w) < load.get(best)) {
                    best = w;
                }
            }
            c.executor = best;
            load.merge(best, c.component.cost(), Integer::sum);
            placed.computeIfAbsent(best, k -> new ArrayList<>()).add(c);
        }
        return placed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunningGraph> toStop;
        synchronized (running) {
            toStop = new ArrayList<>(running);
        }
        for (RunningGraph g : toStop) {
            g.stop();
            g.await();
        }
        for (Worker w : workers) {
            w.shutdown();
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    String workerName(Executor e) {
        return e instanceof Worker w ? "w" + w.index : "thread";
    }

    public static final class Builder {
        private int workers;
        private boolean pin = true;
        private java.util.function.Supplier<IdleStrategy> idle = IdleStrategy::backoff;

        /** Number of workers; 0 (the default) means one per allowed core. */
        public Builder workers(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("workers must be >= 0");
            }
            this.workers = n;
            return this;
        }

        /** Pin each worker to a core (the default; skipped with a notice where impossible). */
        public Builder pin(boolean pin) {
            this.pin = pin;
            return this;
        }

        /** The idle strategy, one instance per worker. */
        public Builder idle(java.util.function.Supplier<IdleStrategy> idle) {
            this.idle = idle;
            return this;
        }

        public Scheduler build() {
            return new Scheduler(this);
        }
    }

    static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
