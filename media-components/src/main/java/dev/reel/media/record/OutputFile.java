package dev.reel.media.record;

import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One recorder output file being written (a segment or a programme file): its muxer, the streams it
 * was opened with and their indexes, and whether a stream change lets it go on. Single-threaded: the
 * segmenter's thread only.
 */
final class OutputFile {
    final Muxer mux;
    final StreamInfo video;
    final StreamInfo audio;
    /** Index of the video stream in the file. */
    final int v;
    /** Index of the audio stream in the file, -1 without audio. */
    final int a;
    final Path path;
    /** ADTS AAC into MP4: headers stripped here (see {@link Fmp4#forMp4}). */
    private final boolean adts;

    OutputFile(Path path, String container, StreamInfo video, StreamInfo audio) {
        this.path = path;
        Muxer.Options o = new Muxer.Options().format(container);
        if (container.equals("mp4")) {
            o.fragmented(true);
        } else {
            // Each segment is its own muxer, so continuity counters restart: flag it, or HLS
            // demuxers that join segments into one stream report every first packet as corrupt.
            o.option("mpegts_flags", "+initial_discontinuity");
        }
        this.mux = Muxer.open(path.toString(), o);
        try {
            this.video = video;
            this.audio = audio;
            this.v = mux.addStream(video);
            StreamInfo out = container.equals("mp4") ? Fmp4.forMp4(audio) : audio;
            this.adts = out != audio;
            this.a = audio == null ? -1 : mux.addStream(out);
        } catch (RuntimeException e) {
            mux.abort();
            throw e;
        }
    }

    void put(Packet p, int stream) {
        if (stream != a || !adts) {
            mux.write(p, stream);
            return;
        }
        Packet raw = Fmp4.withoutAdts(p);
        try {
            mux.write(raw, stream);
        } finally {
            raw.release();
        }
    }

    /** True when packets of these streams can go on into this file (same codecs and sizes). */
    boolean accepts(StreamInfo video, StreamInfo audio) {
        if (this.video != video && (this.video.codecId() != video.codecId() || this.video.width() != video.width()
                || this.video.height() != video.height())) {
            return false;
        }
        if ((this.audio == null) != (audio == null)) {
            return false;
        }
        return audio == null || this.audio == audio || this.audio.codecId() == audio.codecId()
                && this.audio.sampleRate() == audio.sampleRate() && this.audio.channels() == audio.channels();
    }

    /** True when an audio packet of stream {@code ai} can be written here. */
    boolean takesAudio(StreamInfo ai) {
        return a >= 0 && ai != null && (audio == ai || audio.codecId() == ai.codecId() && audio.sampleRate() == ai.sampleRate());
    }

    /** DIR/BASE+EXT, or DIR/BASE-2+EXT, -3... when taken: a file never overwrites another. */
    static Path unique(Path dir, String base, String ext) {
        Path p = dir.resolve(base + ext);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(base + "-" + i + ext);
        }
        return p;
    }
}
