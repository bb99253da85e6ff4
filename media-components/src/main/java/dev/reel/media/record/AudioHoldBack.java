package dev.reel.media.record;

import java.util.ArrayDeque;

/**
 * Audio held until video reaches its time, so each audio packet lands in the file (segment or
 * programme) open at its wall-clock time. Bounded: past its capacity the oldest packet is dropped.
 * Single-threaded: the segmenter's thread only; owns (and releases) every packet it holds.
 */
final class AudioHoldBack {
    /** About 87 s of 48 kHz AAC: bounds memory while audio comes and video does not. */
    static final int DEFAULT_CAPACITY = 4096;

    /** Where a released packet goes; it is released after the call. */
    interface Sink {
        void accept(Media audio, long wallMicros);
    }

    private final ArrayDeque<Media> queue = new ArrayDeque<>();
    private final RecordClock clock;
    private final int capacity;

    AudioHoldBack(RecordClock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Holds {@code audio} (taking its reference); drops the oldest held packet when full. */
    void hold(Media audio) {
        queue.addLast(audio);
        if (queue.size() > capacity) {
            queue.removeFirst().release();
        }
    }

    /** Passes the held packets up to {@code upToWall} (inclusive, wall micros) to {@code sink}, oldest first, and releases them. */
    void release(long upToWall, Sink sink) {
        while (!queue.isEmpty()) {
            Media m = queue.peekFirst();
            long w = clock.wall(m.packet().seconds());
            if (w > upToWall) {
                break;
            }
            queue.removeFirst();
            try {
                sink.accept(m, w);
            } finally {
                m.release();
            }
        }
    }

    /** Drops the held packets before {@code wall}: no file is open for them. */
    void dropBefore(long wall) {
        while (!queue.isEmpty() && clock.wall(queue.peekFirst().packet().seconds()) < wall) {
            queue.removeFirst().release();
        }
    }

    /** Drops everything held. */
    void clear() {
        while (!queue.isEmpty()) {
            queue.removeFirst().release();
        }
    }

    int size() {
        return queue.size();
    }
}
