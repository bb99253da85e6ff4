package dev.reel.media.record;

import dev.reel.media.frame.Packet;
import dev.reel.runtime.buffer.RefCounted;

/**
 * A captured packet with the streams of its connection. Its timestamps are on the recording's
 * wall-clock timeline ({@link RecordClock}). Reference counting goes to the packet, so a leaky
 * link that drops this message frees the packet.
 */
public record Media(Packet packet, Streams streams) implements RefCounted {
    public boolean video() {
        return packet.streamIndex() == streams.video().index();
    }

    @Override
    public RefCounted retain() {
        packet.retain();
        return this;
    }

    @Override
    public boolean release() {
        return packet.release();
    }

    @Override
    public int refCount() {
        return packet.refCount();
    }
}
