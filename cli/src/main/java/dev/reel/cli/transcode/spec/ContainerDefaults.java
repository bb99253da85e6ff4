package dev.reel.cli.transcode.spec;

import java.util.Set;

/**
 * What {@code reel transcode IN OUT} makes when no codec is given, by output container, as
 * ffmpeg's defaults but keeping the cheaper stream copy where it is safe: audio is copied when
 * the container and ordinary players take its codec, else encoded with the container's usual
 * codec. Subtitles are copied where the container takes them, converted to its text format
 * where it has one, else dropped.
 *
 * @param video         encoder for video (reel's --vcodec names)
 * @param audio         encoder for audio that cannot be copied (aac, opus)
 * @param copyAudio     audio codecs (FFmpeg names) copied as they are; null: whatever the container holds
 * @param subtitle      text subtitle codec the container takes (mov_text, webvtt, subrip), null: none
 * @param copySubtitles subtitle codecs copied as they are; null: whatever the container holds
 */
public record ContainerDefaults(String video, String audio, Set<String> copyAudio, String subtitle,
                                Set<String> copySubtitles) {

    /** MP4 and QuickTime: H.264 + AAC, as browsers and phones play; mov_text subtitles. */
    static final ContainerDefaults MP4 = new ContainerDefaults("h264", "aac", Set.of("aac", "mp3"), "mov_text", Set.of("mov_text"));
    /** WebM: VP9 + Opus (only VP8/VP9/AV1, Vorbis/Opus and WebVTT are allowed). */
    static final ContainerDefaults WEBM = new ContainerDefaults("vp9", "opus", Set.of("opus", "vorbis"), "webvtt", Set.of("webvtt"));
    /** Matroska holds nearly anything: H.264, audio and subtitles copied. */
    static final ContainerDefaults MATROSKA = new ContainerDefaults("h264", "aac", null, "subrip", null);
    /** MPEG-TS: H.264; AAC, MP2 and AC-3 are what broadcast set-top boxes decode. No text subtitles. */
    static final ContainerDefaults MPEGTS = new ContainerDefaults("h264", "aac", Set.of("aac", "mp2", "ac3"), null,
            Set.of("dvb_subtitle", "dvb_teletext"));

    /** Defaults for a container (FFmpeg short name, e.g. from {@code Muxer.formatName}). */
    public static ContainerDefaults of(String formatName) {
        if (formatName == null) {
            return MATROSKA;
        }
        return switch (formatName) {
            case "mp4", "mov", "ipod", "ismv", "3gp", "3g2", "psp", "f4v" -> MP4;
            case "webm" -> WEBM;
            case "mpegts", "mpegtsraw" -> MPEGTS;
            default -> MATROSKA; // others: copy what the container holds, else encode
        };
    }

    /** True if audio in {@code codec} is copied into this container (which must also take it). */
    public boolean copiesAudio(String codec) {
        return copyAudio == null || copyAudio.contains(codec);
    }

    /** True if subtitles in {@code codec} are copied into this container (which must also take it). */
    public boolean copiesSubtitle(String codec) {
        return copySubtitles == null || copySubtitles.contains(codec);
    }
}
