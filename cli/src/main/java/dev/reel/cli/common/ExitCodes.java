package dev.reel.cli.common;

import dev.reel.media.core.MediaException;
import dev.reel.runtime.GraphFailedException;

/** Every exit code reel uses; the README's table is this list. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected internal error (a bug: please report it with the message). */
    public static final int INTERNAL = 1;
    /** Bad usage: unknown option, codec, detector or component, bad value. */
    public static final int USAGE = 2;
    /** An input cannot be read: missing, no permission. */
    public static final int INPUT_MISSING = 3;
    /** An input is not usable media: not a media file, no video stream, truncated beyond use. */
    public static final int INPUT_INVALID = 4;
    /** An output cannot be written: unwritable, exists (without -y), same as the input, disk full. */
    public static final int OUTPUT = 5;
    /** A batch finished but some of its files failed (they are listed). */
    public static final int PARTIAL = 6;
    /** A network source timed out or could not be reached. */
    public static final int NETWORK = 7;
    /** Interrupted (Ctrl-C / SIGTERM); what was recorded so far is finalised. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit code for a failure, looking through a graph failure to its cause. */
    public static int of(Throwable t) {
        Throwable c = t instanceof GraphFailedException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof UserError u) {
            return u.code();
        }
        if (c instanceof MediaException m) {
            return switch (m.kind()) {
                case NOT_FOUND, PERMISSION -> INPUT_MISSING;
                case NOT_MEDIA, CODEC -> INPUT_INVALID;
                case UNSUPPORTED, INVALID_ARGUMENT -> USAGE;
                case TIMEOUT -> NETWORK;
                case CANCELLED -> INTERRUPTED;
                case IO -> OUTPUT;
                default -> INTERNAL;
            };
        }
        if (c instanceof IllegalArgumentException) {
            return USAGE;
        }
        return INTERNAL;
    }

    /** The one line shown to the user. */
    public static String message(Throwable t) {
        if (t instanceof GraphFailedException g && g.getCause() != null) {
            return g.component() + ": " + oneLine(g.getCause());
        }
        return oneLine(t);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
