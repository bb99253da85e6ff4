package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avcodec.*;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;

import dev.reel.media.core.MediaException;
import dev.reel.media.core.Natives;

/**
 * A compressed packet shared by reference: an owned {@code AVPacket} whose data buffer is
 * reference counted by FFmpeg. Produced by demuxers (stream copy, decoder input) and encoders
 * (muxer input). Timestamps are in {@link #timeBase()}. Pooled shells, read-only views.
 */
public final class Packet extends PooledShell<Packet> {
    static {
        Natives.load();
    }

    /** Most free shells kept for reuse. */
    private static final int DEFAULT_POOLED_SHELLS = 1024;
    private static final ShellPool<Packet> POOL = new ShellPool<>(DEFAULT_POOLED_SHELLS, Packet::new);

    private final AVPacket packet;
    private int streamIndex;
    private long dts;
    private long duration;
    private int flags;
    private int size;

    private Packet() {
        super(POOL);
        AVPacket p = av_packet_alloc();
        if (p == null || p.isNull()) {
            throw new OutOfMemoryError("av_packet_alloc");
        }
        packet = p;
    }

    /** Takes over the references of {@code src}, which is left blank (as after av_packet_unref). */
    public static Packet adopt(AVPacket src, Rational timeBase) {
        if (src == null || src.isNull()) {
            throw new IllegalArgumentException("null AVPacket");
        }
        Packet p = POOL.obtain();
        av_packet_move_ref(p.packet, src);
        return p.load(timeBase);
    }

    /** A new reference to {@code src}'s data (copied only if {@code src} is not reference counted). */
    public static Packet reference(AVPacket src, Rational timeBase) {
        if (src == null || src.isNull()) {
            throw new IllegalArgumentException("null AVPacket");
        }
        Packet p = POOL.obtain();
        int r = av_packet_ref(p.packet, src);
        if (r < 0) {
            p.release();
            throw MediaException.of("cannot reference packet", r);
        }
        return p.load(timeBase);
    }

    /** A packet holding a copy of {@code data} (remaining bytes), e.g. from a network source. */
    public static Packet copyOf(ByteBuffer data, int streamIndex, long pts, long dts, Rational timeBase, boolean key) {
        return copyOf(data, streamIndex, pts, dts, 0, timeBase, key);
    }

    /** As {@link #copyOf(ByteBuffer, int, long, long, Rational, boolean)} with a duration (subtitles need one). */
    public static Packet copyOf(ByteBuffer data, int streamIndex, long pts, long dts, long duration, Rational timeBase,
            boolean key) {
        Packet p = POOL.obtain();
        int r = av_new_packet(p.packet, data.remaining());
        if (r < 0) {
            p.release();
            throw MediaException.of("cannot allocate packet", r);
        }
        p.packet.data().capacity(data.remaining()).asByteBuffer().put(data.duplicate());
        p.packet.stream_index(streamIndex).pts(pts).dts(dts).duration(duration).flags(key ? AV_PKT_FLAG_KEY : 0);
        return p.load(timeBase);
    }

    private Packet load(Rational tb) {
        streamIndex = packet.stream_index();
        pts = packet.pts();
        dts = packet.dts();
        duration = packet.duration();
        flags = packet.flags();
        size = packet.size();
        timeBase = tb == null ? Rational.UNKNOWN : tb;
        return this;
    }

    @Override
    void clear() {
        av_packet_unref(packet);
    }

    @Override
    void freeNative() {
        av_packet_free(packet);
    }

    /** Index of the stream in the container it came from (for encoder output: 0). */
    public int streamIndex() {
        return streamIndex;
    }

    public long dts() {
        return dts;
    }

    public long duration() {
        return duration;
    }

    public boolean keyFrame() {
        return (flags & AV_PKT_FLAG_KEY) != 0;
    }

    /** Flagged corrupt by the demuxer (sent to decoders anyway). */
    public boolean corrupt() {
        return (flags & AV_PKT_FLAG_CORRUPT) != 0;
    }

    public int size() {
        return size;
    }

    /** A read-only view of the payload; valid while a reference is held. */
    public ByteBuffer data() {
        checkLive();
        BytePointer d = packet.data();
        if (size == 0 || d == null || d.isNull()) {
            return ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        return d.capacity(size).asByteBuffer().asReadOnlyBuffer();
    }

    /** The native packet; read-only access: never unref, modify or free it (others may share it). */
    public AVPacket avPacket() {
        checkLive();
        return packet;
    }

    @Override
    public String toString() {
        return "Packet[stream=" + streamIndex + " pts=" + pts + " dts=" + dts + " size=" + size
                + " tb=" + timeBase + (keyFrame() ? " key" : "") + "]";
    }
}
