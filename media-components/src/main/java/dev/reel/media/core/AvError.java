package dev.reel.media.core;

import dev.reel.media.core.MediaException.Kind;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's AVERROR codes that reel tells apart, and the {@link Kind} of failure each stands for. */
public final class AvError {
    // POSIX errno values as FFmpeg returns them (AVERROR(e) == -e); the natives are Linux builds.
    public static final int ENOENT = -2;
    public static final int ENOMEM = -12;
    public static final int EACCES = -13;
    public static final int EISDIR = -21;
    public static final int EINVAL = -22;
    public static final int EAGAIN = -11;
    public static final int ETIMEDOUT = -110;
    public static final int ECONNREFUSED = -111;

    private AvError() {
    }

    /** The kind of failure an AVERROR code stands for. */
    public static Kind kindOf(int err) {
        if (err == ENOENT || err == avutil.AVERROR_HTTP_NOT_FOUND) {
            return Kind.NOT_FOUND;
        }
        if (err == EACCES || err == avutil.AVERROR_HTTP_FORBIDDEN || err == avutil.AVERROR_HTTP_UNAUTHORIZED) {
            return Kind.PERMISSION;
        }
        if (err == avutil.AVERROR_INVALIDDATA) {
            return Kind.NOT_MEDIA;
        }
        if (err == ETIMEDOUT) {
            return Kind.TIMEOUT;
        }
        if (err == avutil.AVERROR_EXIT) {
            return Kind.CANCELLED;
        }
        if (err == EINVAL || err == avutil.AVERROR_OPTION_NOT_FOUND) {
            return Kind.INVALID_ARGUMENT;
        }
        if (err == avutil.AVERROR_PROTOCOL_NOT_FOUND || err == avutil.AVERROR_DEMUXER_NOT_FOUND
                || err == avutil.AVERROR_MUXER_NOT_FOUND || err == avutil.AVERROR_DECODER_NOT_FOUND
                || err == avutil.AVERROR_ENCODER_NOT_FOUND || err == avutil.AVERROR_PATCHWELCOME) {
            return Kind.UNSUPPORTED;
        }
        return Kind.IO;
    }
}
