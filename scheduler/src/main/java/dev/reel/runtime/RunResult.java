package dev.reel.runtime;

/**
 * How a run ended: normally (every component finished), stopped, or failed in a named component.
 */
public record RunResult(String graph, String failedComponent, Throwable cause, boolean stopped, long nanos) {
    public boolean ok() {
        return failedComponent == null;
    }

    /** Throws {@link GraphFailedException} if the run failed. */
    public RunResult orThrow() {
        if (!ok()) {
            throw new GraphFailedException(graph, failedComponent, cause);
        }
        return this;
    }
}
