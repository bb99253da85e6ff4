package dev.reel.cli.common;

/** A mistake of the user's, shown as one line, with its exit code. */
public final class UserError extends RuntimeException {
    private final int code;

    public UserError(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
