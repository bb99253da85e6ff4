package dev.reel.media.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;

/** AVERROR codes and small helpers shared by this package. */
final class Av {
    // POSIX errno values as FFmpeg returns them (AVERROR(e) == -e); the natives are Linux builds.
    static final int ENOENT = -2;
    static final int ENOMEM = -12;
    static final int EACCES = -13;
    static final int EISDIR = -21;
    static final int EINVAL = -22;
    static final int EAGAIN = -11;
    static final int ETIMEDOUT = -110;
    static final int ECONNREFUSED = -111;

    private Av() {
    }

    static MediaException.Kind kindOf(int err) {
        if (err == ENOENT || err == avutil.AVERROR_HTTP_NOT_FOUND) {
            return MediaException.Kind.NOT_FOUND;
        }
        if (err == EACCES || err == avutil.AVERROR_HTTP_FORBIDDEN || err == avutil.AVERROR_HTTP_UNAUTHORIZED) {
            return MediaException.Kind.PERMISSION;
        }
        if (err == avutil.AVERROR_INVALIDDATA) {
            return MediaException.Kind.NOT_MEDIA;
        }
        if (err == ETIMEDOUT) {
            return MediaException.Kind.TIMEOUT;
        }
        if (err == avutil.AVERROR_EXIT) {
            return MediaException.Kind.CANCELLED;
        }
        if (err == EINVAL || err == avutil.AVERROR_OPTION_NOT_FOUND) {
            return MediaException.Kind.INVALID_ARGUMENT;
        }
        if (err == avutil.AVERROR_PROTOCOL_NOT_FOUND || err == avutil.AVERROR_DEMUXER_NOT_FOUND
                || err == avutil.AVERROR_MUXER_NOT_FOUND || err == avutil.AVERROR_DECODER_NOT_FOUND
                || err == avutil.AVERROR_ENCODER_NOT_FOUND || err == avutil.AVERROR_PATCHWELCOME) {
            return MediaException.Kind.UNSUPPORTED;
        }
        return MediaException.Kind.IO;
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
