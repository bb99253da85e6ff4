package dev.reel.cli.run;

import dev.reel.cli.common.ExitCodes;

/**
 * A mistake in a graph's text, pointing at the token: unknown component or property, bad value,
 * boxes that cannot link. {@link #render()} shows the line with a caret under the token.
 */
public final class GraphSyntaxError extends IllegalArgumentException {
    private final GraphText text;
    private final int start;
    private final int end;
    private final int exitCode;

    public GraphSyntaxError(GraphText text, int start, int end, String message) {
        this(text, start, end, message, ExitCodes.USAGE);
    }

    public GraphSyntaxError(GraphText text, int start, int end, String message, int exitCode) {
        super(message);
        this.text = text;
        this.start = start;
        this.end = end;
        this.exitCode = exitCode;
    }

    /** Offset in the text where the bad token starts. */
    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Message, the line, and carets under the token. */
    public String render() {
        return text.point(start, end, getMessage());
    }
}
