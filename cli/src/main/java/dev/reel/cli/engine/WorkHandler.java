package dev.reel.cli.engine;

import dev.reel.runtime.Scheduler;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one kind of {@link WorkItem} in this JVM. Implementations are listed in
 * {@code META-INF/services/dev.reel.cli.engine.WorkHandler} and found by {@link WorkItems}, so the
 * engines (local and Flink) run work without knowing the commands that make it.
 *
 * <p>Contract: called from several threads at once (one item each); a failure is thrown and turned
 * into the item's result by the caller.
 */
public interface WorkHandler {
    /** The {@link WorkItem#command()} values this handler runs. */
    Set<String> commands();

    /** Runs {@code item}, on the runtime {@code scheduler} gives where it needs one. */
    Outcome run(WorkItem item, Supplier<Scheduler> scheduler) throws Exception;

    /** How an item ended: its exit code, the message for a failure, and whether it ran at all. */
    record Outcome(int code, String message, boolean ran) {
        public static Outcome done() {
            return new Outcome(0, "", true);
        }

        /** Nothing to do: the ledger says an earlier run finished it. */
        public static Outcome doneBefore() {
            return new Outcome(0, "done before", false);
        }

        public static Outcome of(int code, String message) {
            return new Outcome(code, code == 0 ? "" : message, true);
        }
    }
}
