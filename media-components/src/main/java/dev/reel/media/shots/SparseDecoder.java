package dev.reel.media.shots;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.VideoDecoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes one video stream into analysis copies for shot detection, reference frames first.
 *
 * <p>Why: in H.264, HEVC and MPEG-2 with B-frames, the frames no other frame refers to are about
 * 40 % of a typical stream and a quarter of its decoding, and where their decoded neighbours look
 * alike they hold nothing a detector could use. So the main decoder skips them
 * ({@link VideoDecoder#skipNonReference}) and, for each run of skipped frames between decoded frames
 * a and b ({@link SkippedFrames}):
 * <ul>
 *   <li>if a and b look alike (motion-compensated change, the default detector's cut score, below
 *       {@link RunJudge#DEFAULT_REFINE_SCORE}), or change about as much as on either side of them (inside a
 *       dissolve, a fade, steady motion: see {@link RunJudge}), each skipped frame is stood in for by the
 *       nearer of a and b in time: a real picture, so motion compensation still matches it (a blend of two
 *       moving pictures would look like a cut to it);</li>
 *   <li>otherwise (a cut or a flash may hide there) a {@link SecondDecoder} decodes them for real from
 *       the buffered packets.</li>
 * </ul>
 * Every frame of the stream is handed out once, in presentation order, numbered and timed exactly as
 * a full decode does.
 *
 * <p>Bounds: compressed packets are kept back to the last key frame at or before the last frame handed
 * out, at most {@link #DEFAULT_MAX_BUFFER_BYTES}; beyond that (a stream without key frames) the main
 * decoder decodes every frame from then on. Where the second decoder's work outweighs the skipping
 * ({@link SkipBudget}), the main decoder decodes everything for a while. Codecs without non-reference
 * frames and packets without timestamps mean a full decode from the start. Single-threaded use; the
 * main decoder runs its own frame threads.
 */
public final class SparseDecoder implements AutoCloseable {
    /** Compressed packets kept back for the second decoder at most. */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 64L << 20;
    /** Packets after a frame's own within which every frame shown before it is read (H.264 allows 16). */
    static final int MAX_REORDER = 32;
    /** Skipping makes frame threading less parallel (each reference waits on the last): more threads. */
    private static final int SPARSE_THREADS_PER_CORE = 4;
    private static final Set<String> SKIPPABLE_CODECS = Set.of("h264", "hevc", "mpeg2video");

    private final Demuxer demuxer;
    private final int videoIndex;
    private final StreamInfo info;
    private final Rational tb;
    private final double origin;
    private final VideoDecoder main;
    private final AnalysisCopier copier = new AnalysisCopier();
    private final SkippedFrames skipped = new SkippedFrames();
    private final KeyFramePackets buffer = new KeyFramePackets();
    private final SecondDecoder second;
    private final RunJudge judge;
    private final SkipBudget budget = new SkipBudget();
    private final ArrayDeque<DecodedRef> pending = new ArrayDeque<>();
    private final ArrayDeque<AnalysisFrame> out = new ArrayDeque<>();
    private boolean sparse;
    private boolean buffering;
    private long maxDts = Long.MIN_VALUE;
    private long demuxed;
    private boolean demuxEof;
    private boolean mainDrained;
    private boolean tailDone;
    private DecodedRef last;
    private DecodedRef beforeLast;
    private long lastPts = Long.MIN_VALUE;
    private long emitted;
    private long held;
    private String fullReason;
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
        this.judge = new RunJudge(this.sparse);
        this.second = new SecondDecoder(info, buffer, skipped, copier, () -> buffering, this::readMore);
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
    public static SparseDecoder forEach(String url, boolean sparse, Consumer<AnalysisFrame> sink) {
        try (Demuxer d = Demuxer.open(url); SparseDecoder dec = of(d, sparse, Runtime.getRuntime().availableProcessors())) {
            for (AnalysisFrame f; (f = dec.next()) != null; ) {
                sink.accept(f);
            }
            return dec;
        }
    }

    /**
     * A decoder of {@code demuxer}'s best video stream (selected alone; times from the input's start).
     * Throws {@link MediaException} (NOT_MEDIA) when there is none.
     */
    public static SparseDecoder of(Demuxer demuxer, boolean sparse, int cores) {
        int vi = demuxer.bestStream(MediaType.VIDEO);
        if (vi < 0) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video stream in " + demuxer.url());
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
            DecodedRef b = pending.peek();
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
                    List<Long> tail = skipped.after(lastPts);
                    if (!tail.isEmpty()) {
                        fill(tail, null, true, true);
                    }
                    skipped.clear();
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
    private boolean resolvable(DecodedRef b) {
        if (demuxEof) {
            return pending.size() >= 2 || mainDrained;
        }
        if (!sparse && skipped.isEmpty()) {
            return true; // every frame decoded, no skipped one waiting
        }
        if (pending.size() < 2) {
            return false;
        }
        long read = skipped.readCount(b.pts);
        return maxDts != Long.MIN_VALUE && maxDts >= b.pts || read >= 0 && demuxed - read > MAX_REORDER
                || pending.size() > MAX_REORDER; // b's packet unknown: the decoder's latency is bound anyway
    }

    /** Reads one packet unless the input has ended; false if it had. */
    private boolean readMore() {
        if (demuxEof) {
            return false;
        }
        demuxOne();
        return true;
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
        if (budget.resumeDue(demuxed) && p.keyFrame() && pts != AV_NOPTS_VALUE) {
            // After a busy stretch: skip again, buffering from this key frame on.
            budget.resume(emitted, second.framesDecoded());
            sparse = true;
            buffering = true;
            main.skipNonReference(true);
        }
        if (sparse && !skipped.add(pts, demuxed)) {
            decodeEverything("packets share a presentation time"); // counted, and from here on nothing is skipped
        }
        try {
            main.send(p);
            receiveMain();
        } finally {
            keep(p);
        }
    }

    private void keep(Packet p) {
        if (buffering && !sparse && skipped.isEmpty()) {
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
                AnalysisFrame a = copier.copyNew(f);
                pending.add(new DecodedRef(f.pts(), a, judge.sketch(a)));
            } finally {
                f.release();
            }
        }
    }

    private void resolve(DecodedRef b) {
        if (lastPts != Long.MIN_VALUE && b.pts <= lastPts) {
            // Time went back (joined files, damaged timestamps) or repeats: what was skipped before it is
            // the end of what came before, decoded or dropped like a stream's end; no run to fill here.
            if (b.pts < lastPts) {
                decodeEverything("presentation times go back (joined or damaged input)");
                List<Long> rest = skipped.after(lastPts);
                if (!rest.isEmpty()) {
                    fill(rest, null, true, true);
                }
                skipped.clear();
            } else {
                skipped.takeOne(b.pts);
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
        List<Long> gap = skipped.between(lastPts, b.pts);
        if (!gap.isEmpty()) {
            fill(gap, b, damaged || last == null || judge.suspect(beforeLast, last, b, pending.peek()), damaged);
        }
        skipped.dropBefore(b.pts);
        emitDecoded(b);
        long rest = skipped.takeOne(b.pts);
        if (rest > 0 && (pending.isEmpty() || pending.peek().pts != b.pts)) {
            for (; rest > 0; rest--) {
                emit(new AnalysisFrame(b.frame.width(), b.frame.height(), b.frame.luma(), b.frame.rgb()), b.pts);
                held++; // skipped packets with b's own time
            }
            skipped.remove(b.pts);
        }
    }

    private void emitDecoded(DecodedRef b) {
        emit(b.frame, b.pts);
        beforeLast = last;
        last = b;
    }

    /**
     * Fills skipped frames {@code gap} (sorted) after {@link #last}, before {@code b} (null: the end).
     * {@code onlyDecoded}: what does not decode is left out (after the last decoded frame or damage: a
     * truncated file's last packet may not decode, and a full decode would not show it either).
     */
    private void fill(List<Long> gap, DecodedRef b, boolean decode, boolean onlyDecoded) {
        Map<Long, AnalysisFrame> got = decode ? second.decode(gap, lastPts) : new HashMap<>();
        for (long p : gap) {
            for (long n = skipped.framesAt(p); n > 0; n--) {
                AnalysisFrame f = got.remove(p);
                if (f != null) {
                    emit(f, p);
                } else if (!onlyDecoded && last != null && b != null) {
                    emit(standIn(last, b, p), p);
                    held++;
                }
            }
        }
        if (budget.overAfterRun(gap.size(), sparse, emitted, second.framesDecoded())) {
            pause(); // skipping costs more than it saves here
        }
    }

    /** The nearer of a and b (null: the end) in time, as a new frame sharing its planes (read-only). */
    private static AnalysisFrame standIn(DecodedRef a, DecodedRef b, long pts) {
        AnalysisFrame f = b != null && b.pts - pts < pts - a.pts ? b.frame : a.frame;
        return new AnalysisFrame(f.width(), f.height(), f.luma(), f.rgb());
    }

    private void emit(AnalysisFrame f, long pts) {
        f.set(emitted++, pts * tb.num() / (double) tb.den() - origin);
        out.add(f);
        lastPts = Math.max(lastPts, pts);
        second.dropSpareUpTo(lastPts);
        buffer.trimTo(lastPts); // no run after lastPts needs packets before the key frame at or before it
    }

    /** Decodes every frame for a while ({@link SkipBudget}), then skips again from a key frame. */
    private void pause() {
        sparse = false;
        main.skipNonReference(false);
        budget.pause(demuxed);
    }

    private void decodeEverything(String why) {
        if (fullReason == null) {
            fullReason = why;
        }
        budget.cancelResume();
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
        return second.refined();
    }

    /** Frames the second decoder decoded in all (references it had to pass included). */
    public long decodedTwice() {
        return second.framesDecoded();
    }

    /** Stretches decoded in full because the second decoder's work outweighed the skipping there. */
    public long pauses() {
        return budget.pauses();
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
        second.close();
        main.close();
        copier.close();
    }
}
