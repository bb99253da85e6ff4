package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;

/** Small helpers shared by this package: return-code checks, URL display, dictionaries. */
final class Av {
    private Av() {
    }

    static void check(int r, String what) {
        if (r < 0) {
            throw MediaException.of(what, r);
        }
    }

    /** True for anything that is not a plain local path or file: URL. */
    static boolean isNetwork(String url) {
        int i = url.indexOf("://");
        if (i <= 0) {
            return false;
        }
        String scheme = url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        return !scheme.equals("file") && !scheme.equals("pipe");
    }

    /** The url as safe to print: credentials removed. */
    static String display(String url) {
        if (url.equals("pipe:0") || url.equals("-")) {
            return "stdin";
        }
        if (url.equals("pipe:1")) {
            return "stdout";
        }
        int i = url.indexOf("://");
        if (i > 0) {
            int at = url.indexOf('@', i);
            int slash = url.indexOf('/', i + 3);
            if (at > 0 && (slash < 0 || at < slash)) {
                return url.substring(0, i + 3) + "***@" + url.substring(at + 1);
            }
        }
        return url;
    }

    static AVDictionary dict(java.util.Map<String, String> entries) {
        AVDictionary d = new AVDictionary(null);
        for (var e : entries.entrySet()) {
            avutil.av_dict_set(d, e.getKey(), e.getValue(), 0);
        }
        return d;
    }

    /** Keys left in a dictionary after an open call: options nobody consumed. */
    static java.util.List<String> keys(AVDictionary d) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (d == null || d.isNull()) {
            return out;
        }
        AVDictionaryEntry e = null;
        while ((e = avutil.av_dict_iterate(d, e)) != null && !e.isNull()) {
            out.add(e.key().getString());
        }
        return out;
    }

    static java.util.Map<String, String> map(AVDictionary d) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (d == null || d.isNull()) {
            return out;
        }
        AVDictionaryEntry e = null;
        while ((e = avutil.av_dict_iterate(d, e)) != null && !e.isNull()) {
            out.put(e.key().getString(), e.value().getString());
        }
        return out;
    }

    static String str(org.bytedeco.javacpp.BytePointer p) {
        return p == null || p.isNull() ? null : p.getString();
    }
}
