package dev.reel.media.shots;

import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The second, single-threaded decoder of a {@link SparseDecoder}: decodes skipped frames for real from
 * the buffered packets, reference frames only from the key frame before them, then everything; keeps
 * its place for the next run in the same group of pictures, and frames decoded ahead for that run.
 * Single-threaded.
 */
final class SecondDecoder implements AutoCloseable {
    private final StreamInfo info;
    private final KeyFramePackets buffer;
    private final SkippedFrames skipped;
    private final AnalysisCopier copier;
    /** False once packets are no longer buffered. */
    private final BooleanSupplier buffering;
    /** Reads the next packet of the input (into the buffer while buffering); false at its end. */
    private final BooleanSupplier readMore;
    private final Map<Long, AnalysisFrame> spare = new HashMap<>();
    private final Set<Long> sentInFull = new HashSet<>();
    private VideoDecoder decoder;
    private long position = -1;
    private boolean ended;
    private long framesDecoded;
    private long refined;

    SecondDecoder(StreamInfo info, KeyFramePackets buffer, SkippedFrames skipped, AnalysisCopier copier,
            BooleanSupplier buffering, BooleanSupplier readMore) {
        this.info = info;
        this.buffer = buffer;
        this.skipped = skipped;
        this.copier = copier;
        this.buffering = buffering;
        this.readMore = readMore;
    }

    /**
     * Decodes the skipped frames {@code gap} (sorted) after the frame handed out last ({@code lastPts});
     * what could not be decoded is absent.
     */
    Map<Long, AnalysisFrame> decode(List<Long> gap, long lastPts) {
        Map<Long, AnalysisFrame> got = new HashMap<>();
        TreeSet<Long> wanted = new TreeSet<>();
        for (long p : gap) {
            AnalysisFrame s = spare.remove(p);
            if (s != null) {
                got.put(p, s);
            } else {
                wanted.add(p);
            }
        }
        wanted.removeIf(p -> buffer.seqOf(p) < 0); // not buffered (dropped or never read): cannot be decoded
        if (wanted.isEmpty()) {
            return got;
        }
        long first = wanted.first();
        long startSeq = buffer.keyAtOrBefore(first);
        if (startSeq < 0) {
            return got;
        }
        boolean reachable = !ended && position >= startSeq;
        for (long p : wanted) {
            reachable &= sentInFull.contains(p) || !sent(p);
        }
        if (decoder == null) {
            decoder = new VideoDecoder(info, new VideoDecoder.Options().forAnalysisAt(AnalysisSize.DEFAULT_LONG_SIDE).threads(1));
        }
        if (!reachable) {
            decoder.flush();
            sentInFull.clear();
            ended = false;
            position = startSeq;
        }
        long firstWantedSeq = buffer.seqOf(first);
        long lastWantedSeq = buffer.seqOf(wanted.last());
        while (!wanted.isEmpty()) {
            receive(wanted, got, lastPts);
            if (wanted.isEmpty() || ended || !buffering.getAsBoolean() || position > lastWantedSeq + SparseDecoder.MAX_REORDER) {
                break;
            }
            if (buffer.after(position)) {
                if (!readMore.getAsBoolean()) {
                    decoder.sendEof();
                    ended = true;
                }
                continue;
            }
            Packet x = buffer.get(position);
            if (x == null) {
                break; // dropped meanwhile (the buffer was cleared)
            }
            long seq = position++;
            // Everything from the first wanted packet on: frames after the run (sent for the decoder's
            // reordering) may be wanted by the next run, which then needs no restart.
            boolean full = wanted.contains(x.pts()) || seq >= firstWantedSeq && skipped.contains(x.pts());
            if (full) {
                sentInFull.add(x.pts());
            }
            decoder.skipNonReference(!full);
            decoder.send(x);
        }
        return got;
    }

    private void receive(TreeSet<Long> wanted, Map<Long, AnalysisFrame> got, long lastPts) {
        VideoFrame f;
        while ((f = decoder.receive()) != null) {
            try {
                framesDecoded++;
                long p = f.pts();
                sentInFull.remove(p);
                if (!wanted.isEmpty() && p > wanted.last()) {
                    wanted.clear(); // frames come out in order: the rest were lost (damaged input)
                }
                if (wanted.remove(p)) {
                    got.put(p, copier.copyNew(f));
                    refined++;
                } else if (p > lastPts && skipped.contains(p) && !got.containsKey(p)) {
                    spare.put(p, copier.copyNew(f));
                }
            } finally {
                f.release();
            }
        }
    }

    private boolean sent(long pts) {
        long s = buffer.seqOf(pts);
        return s >= 0 && s < position;
    }

    /** Forgets frames decoded ahead that are no longer after {@code pts}. */
    void dropSpareUpTo(long pts) {
        if (!spare.isEmpty()) {
            spare.keySet().removeIf(p -> p <= pts);
        }
    }

    /** Frames decoded in all (references it had to pass included). */
    long framesDecoded() {
        return framesDecoded;
    }

    /** Skipped frames decoded and handed out. */
    long refined() {
        return refined;
    }

    @Override
    public void close() {
        if (decoder != null) {
            decoder.close();
        }
    }
}
