package dev.reel.cli.engine;

import dev.reel.runtime.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs items on this machine: {@code jobs} at a time, in the order given (callers put the longest
 * first), each a graph on one shared runtime.
 */
public final class LocalEngine implements Engine {
    private final int jobs;
    private Scheduler scheduler;

    public LocalEngine(int jobs) {
        this.jobs = Math.max(1, jobs);
    }

    /** Made on first use: batch rows run whole commands, which bring their own. */
    private synchronized Scheduler scheduler() {
        if (scheduler == null) {
            scheduler = Scheduler.create();
        }
        return scheduler;
    }

    @Override
    public List<WorkResult> run(List<WorkItem> items) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "reel-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<WorkResult>> futures = new ArrayList<>();
            for (WorkItem item : items) {
                futures.add(pool.submit(() -> WorkItems.execute(item, this::scheduler, Thread.currentThread().getName())));
            }
            List<WorkResult> out = new ArrayList<>();
            for (Future<WorkResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return "local (" + jobs + (jobs == 1 ? " job)" : " jobs)");
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
