package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.*;

import dev.reel.media.core.AvError;
import dev.reel.media.core.MediaException;

/** Turns FFmpeg's return codes when opening or reading an input into one-line errors a user can act on. */
final class InputErrors {
    private final String shownUrl;
    private final IoGuard guard;

    InputErrors(String shownUrl, IoGuard guard) {
        this.shownUrl = shownUrl;
        this.guard = guard;
    }

    /** The input's fault or the environment's, named: missing, forbidden, not media, refused... */
    MediaException open(int r) {
        guard.disarm();
        if (r == AVERROR_EXIT || r == AvError.ETIMEDOUT) {
            return interrupted("opening");
        }
        if (r == AvError.ENOENT) {
            return new MediaException(MediaException.Kind.NOT_FOUND, "no such file: " + shownUrl, r);
        }
        if (r == AVERROR_HTTP_NOT_FOUND) {
            return new MediaException(MediaException.Kind.NOT_FOUND, "not found (HTTP 404): " + shownUrl, r);
        }
        if (r == AvError.EACCES) {
            return new MediaException(MediaException.Kind.PERMISSION, "permission denied: " + shownUrl, r);
        }
        if (r == AvError.EISDIR) {
            return new MediaException(MediaException.Kind.INVALID_ARGUMENT, "is a directory: " + shownUrl, r);
        }
        if (r == AVERROR_INVALIDDATA || r == AVERROR_EOF) {
            // EOF while probing: too short or too odd to be recognised.
            return notMedia(r);
        }
        if (r == AVERROR_PROTOCOL_NOT_FOUND) {
            return new MediaException(MediaException.Kind.UNSUPPORTED, "unsupported protocol: " + shownUrl, r);
        }
        if (r == AvError.ECONNREFUSED) {
            return new MediaException(MediaException.Kind.IO, "connection refused: " + shownUrl, r);
        }
        if (r == AvError.ENOMEM) {
            // A damaged header asking for an absurd allocation (found by scripts/fuzz): the input's fault.
            return new MediaException(MediaException.Kind.NOT_MEDIA, "damaged media file (its headers ask for more memory than there is): "
                    + shownUrl, r);
        }
        return MediaException.of("cannot open " + shownUrl, r);
    }

    MediaException notMedia(int r) {
        return new MediaException(MediaException.Kind.NOT_MEDIA, "not a media file: " + shownUrl, r);
    }

    MediaException notMedia() {
        return new MediaException(MediaException.Kind.NOT_MEDIA, "not a media file: " + shownUrl);
    }

    /** Cancelled (by cancel() or the shared flag) or timed out while {@code doing}. */
    MediaException interrupted(String doing) {
        if (guard.cancelled()) {
            return new MediaException(MediaException.Kind.CANCELLED, "cancelled while " + doing + " " + shownUrl, AVERROR_EXIT);
        }
        return new MediaException(MediaException.Kind.TIMEOUT, "timed out " + doing + " " + shownUrl, AvError.ETIMEDOUT);
    }
}
