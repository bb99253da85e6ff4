package dev.reel.cli.engine;

import java.util.List;

/**
 * Runs work items in parallel somewhere: this machine's runtime ({@link LocalEngine}) or Apache
 * Flink (the scale-out module, loaded only when asked for, see {@link Engines}).
 *
 * <p>Contract: {@link #run} returns one result per item (in any order) once all have run; an item's
 * failure is a result, never an exception. It throws only when the engine itself cannot run (a
 * cluster that cannot be reached, a job that used up its restarts).
 */
public interface Engine extends AutoCloseable {
    List<WorkResult> run(List<WorkItem> items) throws Exception;

    /** A short name for messages: "local (2 jobs)", "flink (embedded, 2 slots)". */
    String describe();

    @Override
    default void close() throws Exception {
    }
}
