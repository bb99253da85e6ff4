package dev.reel.cli.options;

import dev.reel.cli.common.Units;
import picocli.CommandLine.Option;

/**
 * The video encoder options (a picocli mixin) of the commands that encode: codec, quality or rate,
 * speed, picture size and key-frame spacing. Unset options are null: each command applies its own
 * defaults (its help says which).
 */
public final class EncoderOptions {
    @Option(names = "--vcodec", paramLabel = "CODEC", description = "Video codec: h264 (libx264), hevc (libx265), vp9, "
            + "av1 (SVT-AV1), openh264, or copy (no re-encoding).")
    String vcodec;

    @Option(names = "--crf", paramLabel = "N", description = "Constant quality (x264/x265: 0-51, lower is better; "
            + "the encoder's default is 23).")
    Integer crf;

    @Option(names = "--bitrate", paramLabel = "RATE", description = "Target bitrate, e.g. 2500k or 4M (instead of --crf).")
    String bitrate;

    @Option(names = "--preset", paramLabel = "NAME", description = "Encoder preset, e.g. veryfast, medium, slow.")
    String preset;

    @Option(names = "--scale", paramLabel = "W:H", description = "Scale to W:H; -2 keeps the aspect ratio (e.g. 1280:-2).")
    String scale;

    @Option(names = "--keyint", paramLabel = "N", description = "At most N frames between key frames (GOP).")
    Integer keyint;

    public String vcodec() {
        return vcodec;
    }

    public Integer crf() {
        return crf;
    }

    /** Bits per second, or null when not given. */
    public Long bitrate() {
        return bitrate == null ? null : Units.bitrate(bitrate, "--bitrate");
    }

    public String preset() {
        return preset;
    }

    public String scale() {
        return scale;
    }

    public Integer keyint() {
        return keyint;
    }

    /** True when any option asks for encoding ({@code --vcodec copy} does not). */
    public boolean encodes() {
        return vcodec != null && !vcodec.equals("copy") || crf != null || bitrate != null || preset != null
                || scale != null || keyint != null;
    }
}
