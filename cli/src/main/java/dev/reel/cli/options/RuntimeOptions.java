package dev.reel.cli.options;

import dev.reel.runtime.Scheduler;
import dev.reel.runtime.stats.DotWriter;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.StatsTable;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The runtime options of every command that runs a graph (a picocli mixin): how many workers, and
 * the figures of the run (the component and link table, the Graphviz picture) printed at its end.
 */
public final class RuntimeOptions {
    @Option(names = "--workers", defaultValue = "0", paramLabel = "N", description = "Worker threads (0: one per core).")
    int workers;

    @Option(names = "--stats", description = "Print the runtime's component and link table at the end (stderr).")
    boolean stats;

    @Option(names = "--dot", paramLabel = "FILE", description = "Write the graph with its figures as Graphviz to FILE.")
    Path dot;

    /** A runtime with the asked number of workers (the caller closes it). */
    public Scheduler scheduler() {
        return Scheduler.builder().workers(workers).build();
    }

    public boolean stats() {
        return stats;
    }

    /** Asks for the table at the end (a command's older spelling of {@code --stats}). */
    public void stats(boolean on) {
        stats = stats || on;
    }

    /** Prints and writes what was asked for about a finished (or failed) run. */
    public void report(GraphSnapshot snapshot) throws IOException {
        if (stats) {
            System.err.print(StatsTable.format(snapshot));
        }
        if (dot != null) {
            DotWriter.write(snapshot, dot);
        }
    }
}
