package dev.reel.media.component;

import dev.reel.media.ffmpeg.SubtitleConverter;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.buffer.RefCounted;

/**
 * Converts a text subtitle stream to another text format (subrip → mov_text for MP4, → webvtt
 * for WebM). In: the source {@link StreamInfo}, then packets; out: the converted stream's
 * StreamInfo, then packets in milliseconds.
 */
public final class SubtitleConvert extends OneInOneOut {
    private final String codec;
    private SubtitleConverter converter;

    /** @param codec the FFmpeg subtitle encoder: mov_text, webvtt, subrip, ass */
    public SubtitleConvert(String codec) {
        this.codec = codec;
    }

    @Override
    protected void accept(Object m, Outbox<Object> out) {
        if (m instanceof StreamInfo info) {
            converter = new SubtitleConverter(info, codec);
            out.send(converter.streamInfo());
        } else if (m instanceof Packet p) {
            try {
                Packet c = converter == null ? null : converter.convert(p);
                if (c != null) {
                    out.send(c);
                }
            } finally {
                p.release();
            }
        } else {
            RefCounted.releaseIfCounted(m);
        }
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
        }
    }
}
