package dev.reel.media.shots;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.reel.media.frame.Packet;
import java.util.ArrayList;

/**
 * The compressed packets of one video stream back to a key frame, in decode order, each with a sequence
 * number (0, 1, 2... over the whole stream), so a second decoder can start at a key frame and decode
 * what it needs again. Holds one reference per packet; bounded by the caller through {@link #trimTo}
 * and {@link #bytes()}. Single-threaded.
 */
final class KeyFramePackets implements AutoCloseable {
    private final ArrayList<Packet> packets = new ArrayList<>();
    private final ArrayList<long[]> keys = new ArrayList<>(); // {seq, pts} of the key frames held
    private long base; // sequence number of packets.get(0)
    private long next; // sequence number of the next packet added
    private long bytes;

    /** Keeps {@code p} (takes the caller's reference). */
    void add(Packet p) {
        if (p.keyFrame()) {
            keys.add(new long[] {next, p.pts()});
        }
        packets.add(p);
        next++;
        bytes += p.size();
    }

    /** The packet with sequence number {@code seq}, or null if it is not held (dropped or not yet read). */
    Packet get(long seq) {
        long i = seq - base;
        return i < 0 || i >= packets.size() ? null : packets.get((int) i);
    }

    /** True if {@code seq} is past the last packet held (more must be read first). */
    boolean after(long seq) {
        return seq - base >= packets.size();
    }

    /** Sequence number of the latest held packet with presentation time {@code pts}, or -1. */
    long seqOf(long pts) {
        for (int i = packets.size() - 1; i >= 0; i--) {
            if (packets.get(i).pts() == pts) {
                return base + i;
            }
        }
        return -1;
    }

    /** Sequence number of the latest held key frame shown at or before {@code pts}, or -1. */
    long keyAtOrBefore(long pts) {
        long seq = -1;
        for (long[] k : keys) {
            if (k[1] != AV_NOPTS_VALUE && k[1] <= pts) {
                seq = k[0];
            }
        }
        return seq;
    }

    /** Drops the packets before the latest key frame shown at or before {@code pts}: nothing after needs them. */
    void trimTo(long pts) {
        while (keys.size() >= 2 && keys.get(1)[1] != AV_NOPTS_VALUE && keys.get(1)[1] <= pts) {
            keys.remove(0);
            int n = (int) (keys.get(0)[0] - base);
            for (int i = 0; i < n; i++) {
                bytes -= packets.get(i).size();
                packets.get(i).release();
            }
            packets.subList(0, n).clear();
            base += n;
        }
    }

    /** Bytes held. */
    long bytes() {
        return bytes;
    }

    /** Releases every packet; numbering goes on from where it was. */
    void clear() {
        packets.forEach(Packet::release);
        packets.clear();
        keys.clear();
        base = next;
        bytes = 0;
    }

    @Override
    public void close() {
        clear();
    }
}
