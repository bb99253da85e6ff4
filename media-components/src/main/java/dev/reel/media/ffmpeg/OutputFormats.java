package dev.reel.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;

import java.util.Map;

import org.bytedeco.ffmpeg.avformat.AVOutputFormat;

import dev.reel.media.core.Natives;

/** Which container an output name means, and the container options reel sets by default for it. */
final class OutputFormats {
    /** What stdout gets without a format: streamable and takes any codec. */
    static final String DEFAULT_PIPE_FORMAT = "matroska";

    private OutputFormats() {
    }

    static boolean isPipe(String url) {
        return url.equals("-") || url.startsWith("pipe:");
    }

    /**
     * The container for {@code url} ("-" is stdout), from {@code format} or the file extension,
     * or null if it cannot be told.
     */
    static AVOutputFormat guess(String url, String format) {
        Natives.load();
        boolean pipe = isPipe(url);
        String name = format != null ? format : pipe ? DEFAULT_PIPE_FORMAT : null;
        String localPath = url.startsWith("file:") ? url.substring(5) : url;
        AVOutputFormat of = av_guess_format(name, pipe || Av.isNetwork(url) ? null : localPath, null);
        return of == null || of.isNull() ? null : of;
    }

    /**
     * MP4 family: faststart for files (index in front), fragmented for pipes, network outputs or on
     * request (the index cannot be written at the end of a non-seekable output). The user's own
     * movflags win.
     */
    static void putDefaults(Map<String, String> opts, String formatName, boolean streamed, boolean fragmented) {
        if (formatName.equals("mp4") || formatName.equals("mov") || formatName.equals("ipod") || formatName.equals("ismv")) {
            opts.putIfAbsent("movflags", streamed || fragmented ? "+frag_keyframe+empty_moov+default_base_moof" : "+faststart");
        }
    }
}
