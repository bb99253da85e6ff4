package dev.reel.media.ffmpeg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The options every container input and output takes (forced format, raw FFmpeg options, a shared
 * cancel flag); {@link Demuxer.Options} and {@link Muxer.Options} add their own. Builder style.
 * Not thread-safe; read once when the input or output opens.
 *
 * @param <S> the concrete options type, returned by the setters
 */
public abstract class IoOptions<S extends IoOptions<S>> {
    String format;
    final Map<String, String> avOptions = new LinkedHashMap<>();
    AtomicBoolean cancelFlag;

    IoOptions() {
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * Forces the container format (ffmpeg's {@code -f}), e.g. "mpegts", "h264"; default: probed for
     * inputs, from the file extension for outputs (mkv for stdout).
     */
    public S format(String format) {
        this.format = format;
        return self();
    }

    /**
     * An AVFormat / protocol option, e.g. ("rtsp_transport", "tcp"), ("fflags", "nobuffer"),
     * ("movflags", "+faststart"), ("mpegts_flags", "resend_headers").
     */
    public S option(String key, String value) {
        avOptions.put(key, value);
        return self();
    }

    /**
     * A flag that, once set (from any thread), aborts blocking I/O like {@code cancel()}: the way
     * to cancel an open() that has not returned yet, or many inputs and outputs at once. Read on
     * every FFmpeg I/O poll, so it must be this cheap.
     */
    public S cancelFlag(AtomicBoolean flag) {
        this.cancelFlag = flag;
        return self();
    }
}
