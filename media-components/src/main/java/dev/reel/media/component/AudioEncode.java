package dev.reel.media.component;

import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;

/** Encodes audio frames (aac, opus); sends its {@link StreamInfo} before the first packet. */
public final class AudioEncode implements Component {
    private final AudioEncoder.Settings settings;
    private AudioEncoder encoder;
    private boolean eofSent;
    private Inbox<Object> in;
    private Outbox<Object> out;

    public AudioEncode(AudioEncoder.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(Context ctx) {
        in = ctx.inbox();
        out = ctx.outbox();
    }

    @Override
    public Step step(Context ctx) {
        if (encoder != null) {
            Packet p = encoder.receive();
            if (p != null) {
                out.send(p);
                return Step.CONTINUE;
            }
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        if (m instanceof StreamInfo info) {
            encoder = AudioEncoder.open(settings, info);
            out.send(encoder.streamInfo());
        } else if (m instanceof AudioFrame a) {
            try {
                encoder.send(a);
            } finally {
                a.release();
            }
        }
        return Step.CONTINUE;
    }

    @Override
    public Step finish(Context ctx) {
        if (encoder == null) {
            return Step.DONE;
        }
        if (!eofSent) {
            Packet p = encoder.receive();
            if (p != null) {
                out.send(p);
                return Step.CONTINUE;
            }
            encoder.sendEof();
            eofSent = true;
        }
        Packet p = encoder.receive();
        if (p == null) {
            return Step.DONE;
        }
        out.send(p);
        return Step.CONTINUE;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
