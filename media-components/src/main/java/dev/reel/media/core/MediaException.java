package dev.reel.media.core;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * A media failure with a one-line message fit to show a user as is
 * ("no such file: a.mp4", "not a media file: x.txt"). Unchecked: most callers can only report it.
 */
public class MediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (retry on TIMEOUT, stop on CANCELLED). */
    public enum Kind { NOT_FOUND, NOT_MEDIA, PERMISSION, UNSUPPORTED, INVALID_ARGUMENT, TIMEOUT, CANCELLED, IO, CODEC, OTHER }

    private final Kind kind;
    private final int errorCode;

    public MediaException(Kind kind, String message) {
        this(kind, message, 0);
    }

    public MediaException(Kind kind, String message, int averror) {
        super(oneLine(message));
        this.kind = kind;
        this.errorCode = averror;
    }

    public Kind kind() {
        return kind;
    }

    /** The negative AVERROR code that caused this, or 0. */
    public int errorCode() {
        return errorCode;
    }

    /** FFmpeg's text for an AVERROR code, e.g. "Invalid data found when processing input". */
    public static String describe(int averror) {
        Natives.load();
        byte[] buf = new byte[256];
        if (avutil.av_strerror(averror, buf, buf.length) < 0) {
            return "error " + averror;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Builds "{@code what}: {@code av_strerror(code)}", classified by the code. */
    public static MediaException of(String what, int averror) {
        return new MediaException(AvError.kindOf(averror), what + ": " + describe(averror), averror);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "media error";
        }
        return s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
