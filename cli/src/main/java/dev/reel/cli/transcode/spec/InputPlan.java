package dev.reel.cli.transcode.spec;

import dev.reel.media.ffmpeg.Chapter;
import dev.reel.media.ffmpeg.Codecs;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.StreamInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which streams of a file input a transcode keeps and what becomes of each, decided before the
 * graph is built, the way ffmpeg maps streams with no {@code -map}: the video with the most pixels,
 * the audio with the most channels (a stream marked default wins over both), the first subtitle
 * stream; {@code all} keeps every audio track. Cover art is not video. Container tags and chapters
 * are carried over as ffmpeg does.
 *
 * @param video     index of the video stream, -1 for none (audio-only input)
 * @param rotation  the video's display rotation, clockwise degrees
 * @param audio     the audio tracks kept, in input order
 * @param subtitle  index of the subtitle stream kept, -1 for none
 * @param subtitleCodec null: copied; else the text codec it is converted to
 * @param metadata  container tags for the output
 * @param chapters  chapters for the output (cut to --start/--duration)
 * @param notes     what was chosen beyond a copy, for the one stderr line
 */
record InputPlan(int video, int rotation, List<Track> audio, int subtitle, String subtitleCodec,
                 Map<String, String> metadata, List<Chapter> chapters, List<String> notes) {

    /** One audio track: its input index and codec, and the encoder it goes through (null: copied). */
    record Track(int index, String codec, String encoder) {
        boolean copied() {
            return encoder == null;
        }
    }

    /** Tags that describe the old file's writer, not the content. */
    private static final List<String> DROPPED_TAGS = List.of("encoder");

    /**
     * Plans {@code in} for an output in container {@code formatName}.
     *
     * @param acodec    the user's --acodec (copy, aac, opus, none), null for the container's default
     * @param allAudio  keep every audio track, not just ffmpeg's pick
     */
    static InputPlan of(String in, String formatName, String acodec, boolean allAudio, double start, double duration) {
        ContainerDefaults d = ContainerDefaults.of(formatName);
        try (Demuxer dm = Demuxer.open(in)) {
            List<StreamInfo> streams = dm.streams();
            List<String> notes = new ArrayList<>();
            int video = -1;
            long best = Long.MIN_VALUE;
            for (StreamInfo s : streams) {
                if (s.type() == MediaType.VIDEO && !dm.isAttachedPicture(s.index())) {
                    long score = (long) s.width() * s.height() + (dm.isDefault(s.index()) ? 5_000_000L : 0);
                    if (score > best) {
                        best = score;
                        video = s.index();
                    }
                }
            }
            List<Track> audio = new ArrayList<>();
            if (!"none".equals(acodec)) {
                int pick = -1;
                best = Long.MIN_VALUE;
                for (StreamInfo s : streams) {
                    if (s.type() == MediaType.AUDIO && s.channels() > 0) {
                        long score = s.channels() + (dm.isDefault(s.index()) ? 5_000_000L : 0);
                        if (score > best) {
                            best = score;
                            pick = s.index();
                        }
                    }
                }
                for (StreamInfo s : streams) {
                    if (s.type() == MediaType.AUDIO && (allAudio ? s.channels() > 0 : s.index() == pick)) {
                        audio.add(track(s, acodec, d, formatName, notes));
                    }
                }
            }
            int subtitle = -1;
            String subtitleCodec = null;
            for (StreamInfo s : streams) {
                if (s.type() != MediaType.SUBTITLE) {
                    continue;
                }
                boolean text = Codecs.isTextSubtitle(s.codecId());
                if (d.copiesSubtitle(s.codecName()) && Muxer.canHold(formatName, s.codecId())) {
                    subtitle = s.index();
                } else if (text && d.subtitle() != null && Muxer.canHold(formatName, encoderId(d.subtitle()))) {
                    subtitle = s.index();
                    subtitleCodec = d.subtitle();
                    notes.add("subtitles " + s.codecName() + " → " + subtitleCodec);
                } else {
                    notes.add("subtitles " + s.codecName() + " dropped (" + formatName + " cannot hold them)");
                }
                break; // one subtitle stream, as ffmpeg maps
            }
            Map<String, String> tags = new LinkedHashMap<>(dm.metadata());
            DROPPED_TAGS.forEach(tags::remove);
            List<Chapter> chapters = new ArrayList<>();
            for (Chapter c : dm.chapters()) {
                Chapter cut = c.cut(start, duration);
                if (cut != null) {
                    chapters.add(cut);
                }
            }
            int rotation = video < 0 ? 0 : streams.get(video).rotation();
            return new InputPlan(video, rotation, audio, subtitle, subtitleCodec, tags, chapters, notes);
        }
    }

    /** AV_CODEC_ID_* of the FFmpeg encoder called {@code name} (AV_CODEC_ID_NONE if there is none). */
    private static int encoderId(String name) {
        org.bytedeco.ffmpeg.avcodec.AVCodec c = org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name(name);
        return c == null || c.isNull() ? org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE : c.id();
    }

    private static Track track(StreamInfo s, String acodec, ContainerDefaults d, String formatName, List<String> notes) {
        if ("copy".equals(acodec)) {
            return new Track(s.index(), s.codecName(), null);
        }
        if (acodec != null) {
            return new Track(s.index(), s.codecName(), acodec);
        }
        if (d.copiesAudio(s.codecName()) && Muxer.canHold(formatName, s.codecId())) {
            return new Track(s.index(), s.codecName(), null);
        }
        notes.add("audio " + s.codecName() + " → " + d.audio());
        return new Track(s.index(), s.codecName(), d.audio());
    }
}
