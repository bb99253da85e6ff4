package dev.reel.media.ffmpeg;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every encoder takes (codec name, bit rate, header placement, raw FFmpeg options);
 * {@link VideoEncoder.Settings} and {@link AudioEncoder.Settings} add their own. Builder style:
 * each setter returns the concrete settings type. Not thread-safe; read once when an encoder opens.
 *
 * @param <S> the concrete settings type, returned by the setters
 */
public abstract class EncoderSettings<S extends EncoderSettings<S>> {
    String codec;
    long bitrate;
    boolean globalHeader = true;
    final Map<String, String> options = new LinkedHashMap<>();

    EncoderSettings(String defaultCodec) {
        this.codec = defaultCodec;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Codec as ffmpeg users name it (h264, vp9, aac, opus...) or any FFmpeg encoder name. */
    public S codec(String name) {
        this.codec = name;
        return self();
    }

    /** Target bit rate in bit/s (video: instead of CRF; audio: default per codec and channel count). */
    public S bitrate(long bitsPerSecond) {
        this.bitrate = bitsPerSecond;
        return self();
    }

    /**
     * Put codec headers in the stream info (extradata) rather than in-band: true (default)
     * for mp4/mkv/webm, false for mpegts and raw streams; see {@link Muxer#needsGlobalHeader}.
     */
    public S globalHeader(boolean global) {
        this.globalHeader = global;
        return self();
    }

    /** Any encoder option, e.g. ("tune", "film"), ("x264-params", "scenecut=0"). */
    public S option(String key, String value) {
        options.put(key, value);
        return self();
    }

    /** Constant quality asked for, or null (only video settings have one). */
    Integer crf() {
        return null;
    }

    /** Speed preset asked for, or null (only video settings have one). */
    String preset() {
        return null;
    }
}
