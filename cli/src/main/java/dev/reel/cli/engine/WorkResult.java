package dev.reel.cli.engine;

/**
 * What became of one {@link WorkItem}. A failed item is a result ({@code ok = false}, the exit code
 * and one-line message reel would have printed), not an exception: one bad file must not end a job.
 *
 * @param worker where it ran (thread or TaskManager), for the summary
 */
public record WorkResult(String id, boolean ok, int exitCode, String message, double seconds, String worker) {
}
