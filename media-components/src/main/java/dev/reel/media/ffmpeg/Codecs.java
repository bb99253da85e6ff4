package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import dev.reel.media.core.Natives;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/** Encoder lookup by the names ffmpeg users know, and codec capability queries. */
public final class Codecs {
    static {
        Natives.load();
    }

    // First available wins: h264 falls back to OpenH264 on builds without x264.
    private static final Map<String, List<String>> VIDEO = new LinkedHashMap<>();
    private static final Map<String, List<String>> AUDIO = new LinkedHashMap<>();

    static {
        VIDEO.put("h264", List.of("libx264", "libopenh264"));
        VIDEO.put("hevc", List.of("libx265"));
        VIDEO.put("vp9", List.of("libvpx-vp9"));
        VIDEO.put("av1", List.of("libsvtav1", "libaom-av1"));
        VIDEO.put("openh264", List.of("libopenh264"));
        AUDIO.put("aac", List.of("aac"));
        AUDIO.put("opus", List.of("libopus", "opus"));
        AUDIO.put("mp3", List.of("libmp3lame"));
        AUDIO.put("flac", List.of("flac"));
    }

    private static final Map<String, String> SYNONYMS = Map.of("avc", "h264", "x264", "h264", "h265", "hevc",
            "x265", "hevc", "libvpx", "vp8", "svtav1", "av1");

    private Codecs() {
    }

    /** Video codec names accepted besides raw FFmpeg encoder names. */
    public static List<String> videoNames() {
        return List.copyOf(VIDEO.keySet());
    }

    public static List<String> audioNames() {
        return List.copyOf(AUDIO.keySet());
    }

    static AVCodec videoEncoder(String name) {
        return encoder(name, VIDEO, AVMEDIA_TYPE_VIDEO);
    }

    static AVCodec audioEncoder(String name) {
        return encoder(name, AUDIO, AVMEDIA_TYPE_AUDIO);
    }

    private static AVCodec encoder(String name, Map<String, List<String>> table, int type) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        key = SYNONYMS.getOrDefault(key, key);
        List<String> candidates = table.getOrDefault(key, List.of(key));
        if (key.equals("vp8") && type == AVMEDIA_TYPE_VIDEO) {
            candidates = List.of("libvpx");
        }
        for (String c : candidates) {
            if (c.isEmpty()) {
                continue;
            }
            AVCodec codec = avcodec_find_encoder_by_name(c);
            if (codec != null && !codec.isNull() && codec.type() == type) {
                return codec;
            }
        }
        throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "unknown encoder '" + name + "' (known: "
                + String.join(", ", table.keySet()) + ")");
    }

    static int[] supported(AVCodec codec, int config) {
        PointerPointer<Pointer> out = new PointerPointer<>(1);
        IntPointer n = new IntPointer(1);
        try {
            int r = avcodec_get_supported_config(null, codec, config, 0, out, n);
            Pointer p = out.get(0);
            if (r < 0 || p == null || p.isNull() || n.get() <= 0) {
                return null; // any value accepted
            }
            int[] values = new int[n.get()];
            new IntPointer(p).get(values);
            return values;
        } finally {
            out.close();
            n.close();
        }
    }

    static boolean contains(int[] list, int v) {
        if (list == null) {
            return true;
        }
        for (int x : list) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** True if the encoder (or its private context) has option {@code name}. */
    static boolean hasOption(AVCodecContext ctx, String name) {
        return av_opt_find(ctx, name, null, 0, AV_OPT_SEARCH_CHILDREN) != null;
    }

    /** True for subtitles stored as text (subrip, ass, mov_text, webvtt), which can be converted between. */
    public static boolean isTextSubtitle(int codecId) {
        Natives.load();
        org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor d = avcodec_descriptor_get(codecId);
        return d != null && !d.isNull() && (d.props() & AV_CODEC_PROP_TEXT_SUB) != 0;
    }
}
