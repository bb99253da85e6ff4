package dev.reel.media.component;

import dev.reel.media.ffmpeg.SubtitleConverter;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.buffer.RefCounted;

/**
 * Converts a text subtitle stream to another text format (subrip → mov_text for MP4, → webvtt
 * for WebM). In: the source {@link StreamInfo}, then packets; out: the converted stream's
 * StreamInfo, then packets in milliseconds.
 */
public final class SubtitleConvert implements Component {
    private final String codec;
    private SubtitleConverter converter;
    private Inbox<Object> in;
    private Outbox<Object> out;

    /** @param codec the FFmpeg subtitle encoder: mov_text, webvtt, subrip, ass */
    public SubtitleConvert(String codec) {
        this.codec = codec;
    }

    @Override
    public Boxes boxes() {
        return Boxes.builder().in(Boxes.INBOX, Object.class).out(Boxes.OUTBOX, Object.class).build();
    }

    @Override
    public void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
    }

    @Override
    public Step step(Context ctx) {
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
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
        return Step.CONTINUE;
    }

    @Override
    public void close() {
        if (converter != null) {
            converter.close();
        }
    }
}
