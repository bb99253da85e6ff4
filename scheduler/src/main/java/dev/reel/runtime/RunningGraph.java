package dev.reel.runtime;

import dev.reel.runtime.stats.ComponentStats;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.LinkStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A graph that has been started: stop it, wait for it, look inside it. */
public final class RunningGraph {
    private final GraphRun run;
    private final Scheduler scheduler;

    RunningGraph(GraphRun run, Scheduler scheduler) {
        this.run = run;
        this.scheduler = scheduler;
    }

    public String name() {
        return run.name;
    }

    /** Ends the graph promptly: components are closed without draining, queued messages released. */
    public void stop() {
        run.stop();
    }

    /** Waits for the end of the run. */
    public RunResult await() {
        return Scheduler.join(run.done);
    }

    /** Waits at most {@code timeout}; null if the run has not ended by then. */
    public RunResult await(long timeout, TimeUnit unit) {
        try {
            return run.done.get(timeout, unit);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public CompletableFuture<RunResult> completion() {
        return run.done;
    }

    public boolean finished() {
        return run.done.isDone();
    }

    /** A consistent-enough view of every component and link now (counters are read racily). */
    public GraphSnapshot snapshot() {
        long now = System.nanoTime();
        long end = run.endNanos;
        long elapsed = (end != 0 ? end : now) - run.startNanos;
        List<ComponentStats> cs = new ArrayList<>();
        for (Cell c : run.cells.values()) {
            Executor e = c.executor;
            cs.add(new ComponentStats(c.name, c.component.getClass().getSimpleName(),
                    e == null ? "-" : scheduler.workerName(e), e == null ? -1 : e.core,
                    c.state.name().toLowerCase(java.util.Locale.ROOT), c.messagesIn(), c.messagesOut(), c.busyNanos,
                    c.starvedNanos, c.blockedNanos));
        }
        List<LinkStats> ls = new ArrayList<>();
        for (Link l : run.links) {
            ls.add(new LinkStats(l.from.owner.name, l.from.name, l.to.owner.name, l.to.name, l.to.depth(),
                    l.to.capacity, l.spec.leaky().name().toLowerCase(java.util.Locale.ROOT), l.messages(), l.drops,
                    l.fullNanosNow(now)));
        }
        return new GraphSnapshot(run.name, elapsed, cs, ls);
    }
}
