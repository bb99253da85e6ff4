package dev.reel.cli.common;

import dev.reel.runtime.Graph;
import dev.reel.runtime.GraphFailedException;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.Scheduler;

/** Runs a command's helper graphs to their end, turning a failed run into the exception commands report. */
public final class GraphRuns {
    private GraphRuns() {
    }

    /** Throws the failure of {@code r}, naming the failed component, if it did not end well. */
    public static RunResult check(RunResult r) {
        if (!r.ok()) {
            throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
        }
        return r;
    }

    /** Runs {@code g} on {@code scheduler} to its end; throws if it failed. */
    public static RunResult run(Scheduler scheduler, Graph g) {
        return check(scheduler.run(g));
    }

    /** Runs {@code g} on a runtime of its own with the default workers; throws if it failed. */
    public static RunResult run(Graph g) {
        try (Scheduler s = Scheduler.create()) {
            return run(s, g);
        }
    }
}
