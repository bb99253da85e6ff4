package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The presentation times of the packets read while the main decoder skips non-reference frames: the
 * frames a run between two decoded frames may hold, each with when it was read and how many packets
 * carry that time. Single-threaded.
 */
final class SkippedFrames {
    /** pts to {read count when first read, packets with that time}. */
    private final TreeMap<Long, long[]> byPts = new TreeMap<>();

    /** Records a packet read as the {@code readCount}-th; false if a packet with its time was read already. */
    boolean add(long pts, long readCount) {
        long[] e = byPts.get(pts);
        if (e == null) {
            byPts.put(pts, new long[] {readCount, 1});
            return true;
        }
        e[1]++;
        return false;
    }

    boolean isEmpty() {
        return byPts.isEmpty();
    }

    boolean contains(long pts) {
        return byPts.containsKey(pts);
    }

    /** The read count of the packet with time {@code pts}, or -1 if none is recorded. */
    long readCount(long pts) {
        long[] e = byPts.get(pts);
        return e == null ? -1 : e[0];
    }

    /** Frames to hand out for time {@code pts}: its packets, at least one. */
    long framesAt(long pts) {
        long[] e = byPts.get(pts);
        return e == null ? 1 : Math.max(1, e[1]);
    }

    /** One frame of time {@code pts} handed out: the packets still waiting with that time (0 when none is left). */
    long takeOne(long pts) {
        long[] e = byPts.get(pts);
        if (e == null) {
            return 0;
        }
        if (--e[1] <= 0) {
            byPts.remove(pts);
            return 0;
        }
        return e[1];
    }

    void remove(long pts) {
        byPts.remove(pts);
    }

    /** Times after {@code from} (exclusive; Long.MIN_VALUE: all), in order. */
    List<Long> after(long from) {
        return new ArrayList<>(from == Long.MIN_VALUE ? byPts.keySet() : byPts.tailMap(from, false).keySet());
    }

    /** Times strictly between {@code from} (Long.MIN_VALUE: from the start) and {@code to}, in order. */
    List<Long> between(long from, long to) {
        return new ArrayList<>(from == Long.MIN_VALUE ? byPts.headMap(to, false).keySet()
                : byPts.subMap(from, false, to, false).keySet());
    }

    /** Forgets the times before {@code pts}. */
    void dropBefore(long pts) {
        byPts.headMap(pts, false).clear();
    }

    void clear() {
        byPts.clear();
    }
}
