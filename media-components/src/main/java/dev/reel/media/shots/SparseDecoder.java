package dev.reel.media.shots;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes one video stream into analysis copies for shot detection, reference frames first.
 *
 * <p>Why: in H.264, HEVC and MPEG-2 with B-frames, the frames no other frame refers to are about
 * 40 % of a typical stream and a quarter of its decoding, and where their decoded neighbours look
 * alike they hold nothing a detector could use. So the main decoder skips them
 * ({@link VideoDecoder#skipNonReference}) and, for each run of skipped frames between decoded frames
 * a and b:
 * <ul>
 *   <li>if a and b look alike (motion-compensated change, the default detector's cut score, below
 *       {@link #DEFAULT_REFINE_SCORE}), or change about as much as on either side of them (inside a
 *       dissolve, a fade, steady motion: see {@link #suspect}), each skipped frame is stood in for by the nearer of
 *       a and b in time: a real picture, so motion compensation still matches it (a blend of two moving
 *       pictures would look like a cut to it);</li>
 *   <li>otherwise (a cut or a flash may hide there) a second, single-threaded decoder
 *       decodes them for real from the buffered packets: reference frames only from the key frame before
 *       them, then everything; it keeps its place for the next run in the same group of pictures.</li>
 * </ul>
 * Every frame of the stream is handed out once, in presentation order, numbered and timed exactly as
 * a full decode does.
 *
 * <p>Bounds: compressed packets are kept back to the last key frame at or before the last frame handed
 * out, at most {@link #DEFAULT_MAX_BUFFER_BYTES}; beyond that (a stream without key frames) the main
 * decoder decodes every frame from then on. Where the second decoder has decoded more than
 * {@link #DEFAULT_MAX_REFINED_SHARE} times the frames skipped over the last {@link #WINDOW_FRAMES} frames
 * (cut after cut between reference frames, far from key frames), the main decoder decodes everything
 * for {@link #PAUSE_PACKETS} packets and then skips again from the next key frame. Codecs without non-reference
 * frames and packets without timestamps mean a full decode from the start. Single-threaded use; the
 * main decoder runs its own frame threads.
 */
public final class SparseDecoder implements AutoCloseable {
    /** Motion-compensated change (the default detector's cut score) from which a skipped run is decoded. */
    public static final double DEFAULT_REFINE_SCORE = 2.0;
    /** How far a run's change must stand out from the change on both sides of it to be decoded. */
    public static final double DEFAULT_PEAK_RATIO = 2.0;
    /** Plain motion-compensated mean change (0..255) from which a skipped run may be decoded (see {@link #suspect}). */
    public static final double DEFAULT_REFINE_CHANGE = 3.0;
    public static final long DEFAULT_MAX_BUFFER_BYTES = 64L << 20;
    public static final double DEFAULT_MAX_REFINED_SHARE = 0.5;
    /** Skipping makes frame threading less parallel (each reference waits on the last): more threads. */
    private static final int SPARSE_THREADS_PER_CORE = 4;
    /** Frames over which the second decoder's share is judged. */
    private static final long WINDOW_FRAMES = 300;
    /** Packets decoded in full after a stretch where skipping did not pay. */
    private static final long PAUSE_PACKETS = 1500;
    /** Packets after a frame's own within which every frame shown before it is read (H.264 allows 16). */
    private static final int MAX_REORDER = 32;
    private static final Set<String> SKIPPABLE_CODECS = Set.of("h264", "hevc", "mpeg2video");

    private final Demuxer demuxer;
    private final int videoIndex;
    private final StreamInfo info;
    private final Rational tb;
    private final double origin;
    private final VideoDecoder main;
    private final AnalysisCopier copier = new AnalysisCopier();
    // Presentation times of packets read while skipping, each with {read count, packets with that time}:
    // the frames a run may hold.
    private final java.util.TreeMap<Long, long[]> skippable = new java.util.TreeMap<>();
    private final ArrayDeque<Ref> pending = new ArrayDeque<>();
    private final ArrayDeque<AnalysisFrame> out = new ArrayDeque<>();
    private final Map<Long, AnalysisFrame> spare = new HashMap<>();
    private final Set<Long> followerFull = new HashSet<>();
    private final KeyFramePackets buffer = new KeyFramePackets();
    private FrameSketch.Grid grid;
    private MotionMatcher matcher;
    private VideoDecoder follower;
    private final boolean startedSparse;
    private boolean sparse;
    private boolean buffering;
    private long maxDts = Long.MIN_VALUE;
    private long demuxed;
    private boolean demuxEof;
    private boolean mainDrained;
    private boolean tailDone;
    private long followerPos = -1;
    private boolean followerEnded;
    private Ref last;
    private Ref beforeLast;
    private long lastPts = Long.MIN_VALUE;
    private long emitted;
    private long held;
    private long refined;
    private long followerFrames;
    private String fullReason;
    private long windowStart;
    private long windowSkipped;
    private long windowTwiceFrom;
    private long resumeAt = -1;
    private long pauses;
    private long corruptSeen;

    /**
     * Reads {@code videoIndex} from {@code demuxer} (only that stream selected; the demuxer stays the
     * caller's). {@code origin} (seconds) is subtracted from times. {@code sparse} false decodes every
     * frame. The main decoder's frame threads are created here, for {@code cores} cores.
     */
    public SparseDecoder(Demuxer demuxer, int videoIndex, double origin, boolean sparse, int cores) {
        this.demuxer = demuxer;
        this.videoIndex = videoIndex;
        this.info = demuxer.stream(videoIndex);
        this.tb = info.timeBase();
        this.origin = origin;
        this.sparse = sparse && SKIPPABLE_CODECS.contains(info.codecName());
        this.buffering = this.sparse;
        this.startedSparse = this.sparse;
        VideoDecoder.Options o = new VideoDecoder.Options().forAnalysisAt(AnalysisSize.DEFAULT_LONG_SIDE).throughputThreads(cores);
        if (this.sparse) {
            o.threads(Math.min(VideoDecoder.Options.MAX_THREADS, SPARSE_THREADS_PER_CORE * Math.max(1, cores) + 4));
        }
        this.main = new VideoDecoder(info, o);
        main.skipNonReference(this.sparse);
        if (!sparse) {
            fullReason = "every frame asked for";
        } else if (!this.sparse) {
            fullReason = info.codecName() + " has no frames to skip";
        }
    }

    /**
     * Decodes the video of {@code url} as {@code reel shots} does and hands each analysis frame to
     * {@code sink} (times from the input's start); returns the decoder, closed, for its counters.
     */
    public static SparseDecoder forEach(String url, boolean sparse, java.util.function.Consumer<AnalysisFrame> sink) {
        try (Demuxer d = Demuxer.open(url); SparseDecoder dec = of(d, sparse, Runtime.getRuntime().availableProcessors())) {
            for (AnalysisFrame f; (f = dec.next()) != null; ) {
                sink.accept(f);
            }
            return dec;
        }
    }

    /**
     * A decoder of {@code demuxer}'s best video stream (selected alone; times from the input's start).
     * Throws {@link dev.reel.media.core.MediaException} (NOT_MEDIA) when there is none.
     */
    public static SparseDecoder of(Demuxer demuxer, boolean sparse, int cores) {
        int vi = demuxer.bestStream(dev.reel.media.frame.MediaType.VIDEO);
        if (vi < 0) {
            throw new dev.reel.media.core.MediaException(dev.reel.media.core.MediaException.Kind.NOT_MEDIA,
                    "no video stream in " + demuxer.url());
        }
        demuxer.selectStreams(vi);
        double origin = Double.isNaN(demuxer.startSeconds()) ? 0 : demuxer.startSeconds();
        return new SparseDecoder(demuxer, vi, origin, sparse, cores);
    }

    /** The next analysis frame in presentation order (a new object, the caller's), or null at the end. */
    public AnalysisFrame next() {
        while (true) {
            if (!out.isEmpty()) {
                return out.poll();
            }
            Ref b = pending.peek();
            if (b != null && resolvable(b)) {
                pending.poll();
                resolve(b);
                continue;
            }
            if (demuxEof) {
                if (!mainDrained) {
                    main.sendEof();
                    receiveMain();
                    mainDrained = true;
                    continue;
                }
                if (b == null && !tailDone) {
                    tailDone = true;
                    List<Long> tail = new ArrayList<>(lastPts == Long.MIN_VALUE ? skippable.keySet() : skippable.tailMap(lastPts, false).keySet());
                    if (!tail.isEmpty()) {
                        fill(tail, null, true, true);
                    }
                    skippable.clear();
                    continue;
                }
                return null;
            }
            demuxOne();
        }
    }

    /**
     * True once every packet shown before b has been read (a decode time past b's presentation time, or
     * {@link #MAX_REORDER} packets after b's own: no codec reorders further) and, for judging b's run, the
     * decoded frame after b is there.
     */
    private boolean resolvable(Ref b) {
        if (demuxEof) {
            return pending.size() >= 2 || mainDrained;
        }
        if (!sparse && skippable.isEmpty()) {
            return true; // every frame decoded, no skipped one waiting
        }
        if (pending.size() < 2) {
            return false;
        }
        long[] read = skippable.get(b.pts);
        return maxDts != Long.MIN_VALUE && maxDts >= b.pts || read != null && demuxed - read[0] > MAX_REORDER
                || pending.size() > MAX_REORDER; // b's packet unknown: the decoder's latency is bound anyway
    }

    private void demuxOne() {
        Packet p = demuxer.read();
        if (p == null) {
            demuxEof = true;
            return;
        }
        if (p.streamIndex() != videoIndex) {
            p.release();
            return;
        }
        long pts = p.pts();
        demuxed++;
        if (p.dts() != AV_NOPTS_VALUE) {
            if (p.dts() < maxDts && sparse) {
                decodeEverything("decode times go back (joined or damaged input)");
            }
            maxDts = Math.max(maxDts, p.dts()); // Matroska gives the first packets none: then the count decides
        }
        if (pts == AV_NOPTS_VALUE && sparse) {
            decodeEverything("packets without timestamps");
        }
        if (resumeAt >= 0 && demuxed >= resumeAt && p.keyFrame() && pts != AV_NOPTS_VALUE) {
            resumeAt = -1; // after a busy stretch: skip again, buffering from this key frame on
            sparse = true;
            buffering = true;
            main.skipNonReference(true);
            windowStart = emitted;
            windowSkipped = 0;
            windowTwiceFrom = followerFrames;
        }
        if (sparse) {
            long[] e = skippable.get(pts);
            if (e == null) {
                skippable.put(pts, new long[] {demuxed, 1});
            } else {
                e[1]++; // two packets, one time: counted, and from here on nothing is skipped
                decodeEverything("packets share a presentation time");
            }
        }
        try {
            main.send(p);
            receiveMain();
        } finally {
            keep(p);
        }
    }

    private void keep(Packet p) {
        if (buffering && !sparse && skippable.isEmpty()) {
            stopBuffering(); // decoding everything and no skipped frame left to fill
        }
        if (!buffering) {
            p.release();
            return;
        }
        buffer.add(p);
        if (buffer.bytes() > DEFAULT_MAX_BUFFER_BYTES) {
            decodeEverything("more than " + (DEFAULT_MAX_BUFFER_BYTES >> 20) + " MB between key frames");
            stopBuffering();
        }
    }

    private void stopBuffering() {
        buffering = false;
        buffer.clear();
    }

    private void receiveMain() {
        VideoFrame f;
        while ((f = main.receive()) != null) {
            try {
                AnalysisFrame a = copier.copyInto(f, newFrame(f));
                pending.add(new Ref(f.pts(), a, sketch(a)));
            } finally {
                f.release();
            }
        }
    }

    private AnalysisFrame newFrame(VideoFrame f) {
        AnalysisSize s = copier.size();
        return (s != null ? s : AnalysisSize.forInput(f.width(), f.height())).newFrame();
    }

    private FrameSketch sketch(AnalysisFrame a) {
        if (!startedSparse) {
            return null; // every frame decoded: no runs to judge
        }
        if (grid == null) {
            grid = FrameSketch.Grid.forFrame(a);
            matcher = new MotionMatcher(grid.cols, grid.rows, 3);
        }
        FrameSketch s = new FrameSketch(grid);
        s.compute(a);
        return s;
    }

    private void resolve(Ref b) {
        if (lastPts != Long.MIN_VALUE && b.pts <= lastPts) {
            // Time went back (joined files, damaged timestamps) or repeats: what was skipped before it is
            // the end of what came before, decoded or dropped like a stream's end; no run to fill here.
            if (b.pts < lastPts) {
                decodeEverything("presentation times go back (joined or damaged input)");
                List<Long> rest = new ArrayList<>(skippable.tailMap(lastPts, false).keySet());
                if (!rest.isEmpty()) {
                    fill(rest, null, true, true);
                }
                skippable.clear();
            } else {
                long[] same = skippable.get(b.pts);
                if (same != null && --same[1] <= 0) {
                    skippable.remove(b.pts);
                }
            }
            emitDecoded(b);
            return;
        }
        // A packet the main decoder could not decode leaves its time here too: decode such runs for real
        // and keep only what decodes, and decode everything from then on, as a full decode would.
        boolean damaged = main.corruptPackets() + main.corruptFrames() != corruptSeen;
        if (damaged) {
            corruptSeen = main.corruptPackets() + main.corruptFrames();
            decodeEverything("damaged packets");
        }
        List<Long> gap = new ArrayList<>(lastPts == Long.MIN_VALUE ? skippable.headMap(b.pts, false).keySet()
                : skippable.subMap(lastPts, false, b.pts, false).keySet());
        if (!gap.isEmpty()) {
            fill(gap, b, damaged || last == null || suspect(b), damaged);
        }
        skippable.headMap(b.pts, false).clear();
        long[] same = skippable.get(b.pts);
        emitDecoded(b);
        if (same != null && --same[1] > 0 && (pending.isEmpty() || pending.peek().pts != b.pts)) {
            for (; same[1] > 0; same[1]--) {
                emit(new AnalysisFrame(b.frame.width(), b.frame.height(), b.frame.luma(), b.frame.rgb()), b.pts);
                held++; // skipped packets with b's own time
            }
        }
        if (same != null && same[1] <= 0) {
            skippable.remove(b.pts);
        }
    }

    private void emitDecoded(Ref b) {
        emit(b.frame, b.pts);
        beforeLast = last;
        last = b;
    }

    /**
     * True if the run between {@link #last} and {@code b} may hide a cut or a flash, which a detector must
     * see at its exact frame, or the edge of a fade from or to a flat picture, where a held frame would turn
     * the fade's first step into a jump: a change of at least {@link #DEFAULT_REFINE_SCORE} to or from a
     * flat picture, or one whose rate (change per
     * unit of time) stands out ({@link #DEFAULT_PEAK_RATIO}x) from the rate on both sides, as a cut must
     * for the default detector to take it (3x its neighbours frame by frame; a cut's change does not grow
     * with the run's length, motion's does). In a dissolve, a fade or steady motion the rate is alike on
     * all sides and a stand-in frame does as well as the real one.
     */
    private boolean suspect(Ref b) {
        double step = change(last, b);
        Ref c = pending.peek();
        if (step >= DEFAULT_REFINE_SCORE) {
            if (flat(last) || flat(b)) {
                return true; // a fade from or to a flat colour starts or ends here: where fade and cut are told apart
            }
            double before = beforeLast == null ? 0 : rate(beforeLast, last);
            double after = c == null ? 0 : rate(b, c);
            if (step / Math.max(1, b.pts - last.pts) >= DEFAULT_PEAK_RATIO * Math.max(before, after)) {
                return true;
            }
        }
        // The default detector also takes a cut where the plain motion-compensated change stands out (shots of
        // one place and palette, where the cut score stays low): judged the same way, on that change.
        double plain = plain(last, b);
        if (plain < DEFAULT_REFINE_CHANGE) {
            return false;
        }
        double before = beforeLast == null ? 0 : plain(beforeLast, last) / Math.max(1, last.pts - beforeLast.pts);
        double after = c == null ? 0 : plain(b, c) / Math.max(1, c.pts - b.pts);
        return plain / Math.max(1, b.pts - last.pts) >= DEFAULT_PEAK_RATIO * Math.max(before, after);
    }

    /** Mean plain motion-compensated change from decoded frame {@code a} to the next decoded frame {@code b} (kept on b). */
    private double plain(Ref a, Ref b) {
        if (Double.isNaN(b.plainFromPrev)) {
            matcher.matchRaw(a.sketch, b.sketch, 0.5f);
            b.plainFromPrev = matcher.mean;
        }
        return b.plainFromPrev;
    }

    /** A near-uniform picture (black, white, a flat colour): below the detectors' contrast floor. */
    private static boolean flat(Ref r) {
        return r.sketch.thumbStdY < FrameSketch.CONTRAST_FLOOR;
    }

    /** Change per time-base tick: runs of different lengths compare (a dissolve changes with time, a cut does not). */
    private double rate(Ref a, Ref b) {
        return change(a, b) / Math.max(1, b.pts - a.pts);
    }

    /**
     * Fills skipped frames {@code gap} (sorted) after {@link #last}, before {@code b} (null: the end).
     * {@code onlyDecoded}: what does not decode is left out (after the last decoded frame or damage: a
     * truncated file's last packet may not decode, and a full decode would not show it either).
     */
    private void fill(List<Long> gap, Ref b, boolean decode, boolean onlyDecoded) {
        Map<Long, AnalysisFrame> got = decode ? refine(gap) : new HashMap<>();
        for (long p : gap) {
            long[] e = skippable.get(p);
            for (long n = e == null ? 1 : Math.max(1, e[1]); n > 0; n--) {
                AnalysisFrame f = got.remove(p);
                if (f != null) {
                    emit(f, p);
                } else if (!onlyDecoded && last != null && b != null) {
                    emit(standIn(last, b, p), p);
                    held++;
                }
            }
        }
        windowSkipped += gap.size();
        if (sparse && emitted - windowStart >= WINDOW_FRAMES) {
            if (followerFrames - windowTwiceFrom > DEFAULT_MAX_REFINED_SHARE * windowSkipped) {
                pause(); // skipping costs more than it saves here
            }
            windowStart = emitted;
            windowSkipped = 0;
            windowTwiceFrom = followerFrames;
        }
    }

    /** The default detector's cut score between two decoded frames. */
    private double change(Ref a, Ref b) {
        matcher.matchEnvelope(a.sketch, b.sketch, 0.5f);
        return 100 * matcher.median / Math.max(20f, Math.max(a.sketch.thumbStdY, b.sketch.thumbStdY));
    }

    /** The nearer of a and b (null: the end) in time, as a new frame sharing its planes (read-only). */
    private static AnalysisFrame standIn(Ref a, Ref b, long pts) {
        AnalysisFrame f = b != null && b.pts - pts < pts - a.pts ? b.frame : a.frame;
        return new AnalysisFrame(f.width(), f.height(), f.luma(), f.rgb());
    }

    /** Decodes the skipped frames {@code gap} with the second decoder; what it could not decode is absent. */
    private Map<Long, AnalysisFrame> refine(List<Long> gap) {
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
        boolean reachable = !followerEnded && followerPos >= startSeq;
        for (long p : wanted) {
            reachable &= followerFull.contains(p) || !sentToFollower(p);
        }
        if (follower == null) {
            follower = new VideoDecoder(info, new VideoDecoder.Options().forAnalysisAt(AnalysisSize.DEFAULT_LONG_SIDE).threads(1));
        }
        if (!reachable) {
            follower.flush();
            followerFull.clear();
            followerEnded = false;
            followerPos = startSeq;
        }
        long firstWantedSeq = buffer.seqOf(first);
        long lastWantedSeq = buffer.seqOf(wanted.last());
        while (!wanted.isEmpty()) {
            VideoFrame f;
            while ((f = follower.receive()) != null) {
                try {
                    followerFrames++;
                    long p = f.pts();
                    followerFull.remove(p);
                    if (!wanted.isEmpty() && p > wanted.last()) {
                        wanted.clear(); // frames come out in order: the rest were lost (damaged input)
                    }
                    if (wanted.remove(p)) {
                        got.put(p, copier.copyInto(f, newFrame(f)));
                        refined++;
                    } else if (p > lastPts && skippable.containsKey(p) && !got.containsKey(p)) {
                        spare.put(p, copier.copyInto(f, newFrame(f)));
                    }
                } finally {
                    f.release();
                }
            }
            if (wanted.isEmpty() || followerEnded || !buffering || followerPos > lastWantedSeq + MAX_REORDER) {
                break;
            }
            if (buffer.after(followerPos)) {
                if (!demuxEof) {
                    demuxOne();
                } else {
                    follower.sendEof();
                    followerEnded = true;
                }
                continue;
            }
            Packet x = buffer.get(followerPos);
            if (x == null) {
                break; // dropped meanwhile (the buffer was cleared)
            }
            long seq = followerPos++;
            // Everything from the first wanted packet on: frames after the run (sent for the decoder's
            // reordering) may be wanted by the next run, which then needs no restart.
            boolean full = wanted.contains(x.pts()) || seq >= firstWantedSeq && skippable.containsKey(x.pts());
            if (full) {
                followerFull.add(x.pts());
            }
            follower.skipNonReference(!full);
            follower.send(x);
        }
        return got;
    }

    private boolean sentToFollower(long pts) {
        long s = buffer.seqOf(pts);
        return s >= 0 && s < followerPos;
    }

    private void emit(AnalysisFrame f, long pts) {
        f.set(emitted++, pts * tb.num() / (double) tb.den() - origin);
        out.add(f);
        lastPts = Math.max(lastPts, pts);
        if (!spare.isEmpty()) {
            spare.keySet().removeIf(p -> p <= lastPts);
        }
        buffer.trimTo(lastPts); // no run after lastPts needs packets before the key frame at or before it
    }

    /** Decodes every frame for about {@link #PAUSE_PACKETS} packets, then skips again from a key frame. */
    private void pause() {
        sparse = false;
        main.skipNonReference(false);
        resumeAt = demuxed + PAUSE_PACKETS;
        pauses++;
    }

    private void decodeEverything(String why) {
        if (fullReason == null) {
            fullReason = why;
        }
        resumeAt = -1;
        if (sparse) {
            sparse = false;
            main.skipNonReference(false);
        }
    }

    /** Frames handed out so far. */
    public long frames() {
        return emitted;
    }

    /** Skipped frames stood in for by their nearer decoded neighbour. */
    public long held() {
        return held;
    }

    /** Skipped frames decoded by the second decoder. */
    public long refined() {
        return refined;
    }

    /** Frames the second decoder decoded in all (references it had to pass included). */
    public long decodedTwice() {
        return followerFrames;
    }

    /** Stretches decoded in full because the second decoder's work outweighed the skipping there. */
    public long pauses() {
        return pauses;
    }

    /** Why every frame is (or from some point was) decoded for good, or null if skipping went on to the end. */
    public String fullDecodeReason() {
        return fullReason;
    }

    public StreamInfo stream() {
        return info;
    }

    @Override
    public void close() {
        buffer.close();
        if (follower != null) {
            follower.close();
        }
        main.close();
        copier.close();
    }

    private static final class Ref {
        final long pts;
        final AnalysisFrame frame;
        final FrameSketch sketch;
        /** Plain motion-compensated change from the decoded frame before (NaN: not measured yet). */
        double plainFromPrev = Double.NaN;

        Ref(long pts, AnalysisFrame frame, FrameSketch sketch) {
            this.pts = pts;
            this.frame = frame;
            this.sketch = sketch;
        }
    }
}
