package dev.reel.media.component;

import dev.reel.media.frame.Packet;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.util.function.Supplier;

/**
 * The end of an encoder's stream, shared by video and audio: hand on what is buffered, signal the
 * end, then hand on what the flush produces, one packet per step so a full outbox parks the
 * component between them.
 */
final class EncoderDrain {
    private boolean eofSent;

    /** One step of the drain; {@link Step#DONE} once the encoder has nothing left. */
    Step step(Supplier<Packet> receive, Runnable sendEof, Outbox<Object> out) {
        Packet p = receive.get();
        if (p == null && !eofSent) {
            sendEof.run();
            eofSent = true;
            p = receive.get();
        }
        if (p == null) {
            return Step.DONE;
        }
        out.send(p);
        return Step.CONTINUE;
    }
}
