package dev.reel.media.record;

import java.util.function.LongSupplier;

/**
 * The recorder's figures for the manifest's stats: segments written, how late each was closed
 * after its end (mean and max), and the counters other components keep (packets, drops,
 * reconnects). Written on the segmenter's thread; the plain counts may be read by a progress
 * thread, which may see them a little stale.
 */
final class RecorderStats {
    private final LongSupplier dropped;
    private final LongSupplier videoPackets;
    private final LongSupplier reconnects;
    private LongSupplier shotsDropped = () -> 0;

    private long delayCount;
    private double delaySum;
    private double delayMax;
    private volatile long segmentsWritten;

    RecorderStats(LongSupplier dropped, LongSupplier videoPackets, LongSupplier reconnects) {
        this.dropped = dropped;
        this.videoPackets = videoPackets;
        this.reconnects = reconnects;
    }

    void countShotDrops(LongSupplier shotsDropped) {
        this.shotsDropped = shotsDropped;
    }

    /** A segment ending at {@code endWall} was closed now. */
    void segmentClosed(long endWall) {
        segmentsWritten++;
        double delay = (RecordClock.nowMicros() - endWall) / 1000.0;
        if (delay >= 0) {
            delayCount++;
            delaySum += delay;
            delayMax = Math.max(delayMax, delay);
        }
    }

    long segmentsWritten() {
        return segmentsWritten;
    }

    /** Copies the figures into {@code st}, delays in milliseconds to a tenth. */
    void fill(Manifest.Stats st) {
        st.videoPackets = videoPackets.getAsLong();
        st.dropped = dropped.getAsLong();
        st.shotsDropped = shotsDropped.getAsLong();
        st.reconnects = reconnects.getAsLong();
        st.delayMsMean = delayCount == 0 ? 0 : Math.round(delaySum / delayCount * 10) / 10.0;
        st.delayMsMax = Math.round(delayMax * 10) / 10.0;
    }
}
