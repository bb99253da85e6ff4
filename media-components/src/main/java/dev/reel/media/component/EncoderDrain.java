package dev.reel.media.component;

import dev.reel.media.frame.Packet;
import dev.reel.runtime.Outbox;
import java.util.function.Supplier;

/**
 * Hands an encoder's packets on, shared by video and audio: one ready packet per step while it
 * runs, and at the end what is buffered, the end signal, then what the flush produces, one packet
 * per step so a full outbox parks the component between them.
 */
final class EncoderDrain {
    private boolean eofSent;

    /** Sends the packet the encoder has ready, if any; true when it sent one. */
    static boolean sendReady(Supplier<Packet> receive, Outbox<Object> out) {
        Packet p = receive.get();
        if (p == null) {
            return false;
        }
        out.send(p);
        return true;
    }

    /** One step of the drain; false once the encoder has nothing left. */
    boolean step(Supplier<Packet> receive, Runnable sendEof, Outbox<Object> out) {
        if (sendReady(receive, out)) {
            return true;
        }
        if (!eofSent) {
            sendEof.run();
            eofSent = true;
            return sendReady(receive, out);
        }
        return false;
    }
}
