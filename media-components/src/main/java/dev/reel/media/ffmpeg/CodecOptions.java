package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * Maps encoder settings to the options FFmpeg's encoder of that name understands: x264-style
 * presets and CRF onto each library's own scale, codec defaults (audio bit rates), then the
 * user's raw options, which win. One mapping for audio and video encoders.
 */
final class CodecOptions {
    private static final String[] PRESETS = {"ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"};
    private static final int[] VP9_CPU_USED = {8, 7, 6, 5, 4, 3, 2, 1, 0};
    private static final int[] SVT_PRESET = {12, 11, 10, 9, 8, 6, 5, 4, 2};
    private static final int[] AOM_CPU_USED = {8, 7, 6, 5, 4, 3, 2, 1, 0};
    /** CRF of libvpx and libaom when neither a CRF nor a bit rate is given (their 0-63 scale). */
    private static final int DEFAULT_VPX_AOM_CRF = 32;
    private static final int DEFAULT_VP9_CPU_USED = 4;

    private CodecOptions() {
    }

    /** The options to open encoder {@code name} (an FFmpeg encoder name) with for {@code s}. */
    static Map<String, String> of(String name, EncoderSettings<?> s) {
        Map<String, String> o = new LinkedHashMap<>();
        Integer crf = s.crf();
        String presetName = s.preset();
        int preset = presetName == null ? -1 : Arrays.asList(PRESETS).indexOf(presetName.toLowerCase(Locale.ROOT));
        switch (name) {
            case "libx264":
            case "libx265":
                putIfSet(o, "preset", presetName);
                putIfSet(o, "crf", crf);
                // Forced keyframes must be IDR so files can be cut and segmented there.
                o.put("forced-idr", "1");
                if (name.equals("libx265")) {
                    // x265 logs to stderr by itself unless told not to.
                    String level = Natives.quiet() ? "none" : Natives.logLevel() >= AV_LOG_INFO ? "info" : "warning";
                    String user = s.options.get("x265-params");
                    o.put("x265-params", "log-level=" + level + (user == null || user.isEmpty() ? "" : ":" + user));
                }
                break;
            case "libvpx-vp9":
            case "libvpx":
                putConstantQuality(o, s);
                o.put("deadline", "good");
                o.put("cpu-used", Integer.toString(preset >= 0 ? VP9_CPU_USED[preset]
                        : isNumber(presetName) ? Integer.parseInt(presetName) : DEFAULT_VP9_CPU_USED));
                if (name.equals("libvpx-vp9")) {
                    o.put("row-mt", "1");
                }
                break;
            case "libsvtav1":
                putIfSet(o, "crf", crf);
                if (presetName != null) {
                    o.put("preset", Integer.toString(preset >= 0 ? SVT_PRESET[preset] : Integer.parseInt(presetName)));
                }
                break;
            case "libaom-av1":
                putConstantQuality(o, s);
                if (presetName != null) {
                    o.put("cpu-used", Integer.toString(preset >= 0 ? AOM_CPU_USED[preset] : Integer.parseInt(presetName)));
                }
                break;
            case "libopenh264":
                if (crf != null) {
                    throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "encoder libopenh264 has no CRF mode; give a bitrate");
                }
                break;
            default:
                putIfSet(o, "crf", crf);
                putIfSet(o, "preset", presetName);
        }
        for (var e : s.options.entrySet()) {
            if (!(name.equals("libx265") && e.getKey().equals("x265-params"))) {
                o.put(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    /** The bit rate to give audio encoder {@code name} when the settings give none (0: the codec's own). */
    static long defaultAudioBitrate(String name, int channels) {
        switch (name) {
            case "aac":
            case "libmp3lame":
                return Math.min(320_000, 64_000L * channels);
            case "libopus":
            case "opus":
                return Math.min(256_000, 48_000L * channels);
            default:
                return 0;
        }
    }

    /** libvpx and libaom: a CRF unless only a bit rate is asked for; b=0 selects pure constant quality. */
    private static void putConstantQuality(Map<String, String> o, EncoderSettings<?> s) {
        if (s.crf() != null || s.bitrate <= 0) {
            o.put("crf", Integer.toString(s.crf() != null ? s.crf() : DEFAULT_VPX_AOM_CRF));
            if (s.bitrate <= 0) {
                o.put("b", "0");
            }
        }
    }

    private static void putIfSet(Map<String, String> o, String key, Object value) {
        if (value != null) {
            o.put(key, value.toString());
        }
    }

    private static boolean isNumber(String s) {
        return s != null && s.matches("-?\\d+");
    }
}
