package dev.reel.runtime;

/** A component failed, so its graph was stopped; the message names the component and the cause. */
public final class GraphFailedException extends RuntimeException {
    private final String component;

    public GraphFailedException(String graph, String component, Throwable cause) {
        super("component '" + component + "' failed: " + describe(cause), cause);
        this.component = component;
    }

    public String component() {
        return component;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
