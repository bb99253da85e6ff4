package dev.reel.cli.transcode.chunks;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.runtime.GraphFailedException;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Encodes one chunk: a graph on the runtime that seeks to the key frame before the chunk, decodes
 * and drops what lies before its first frame, encodes (the encoder's first frame is a key frame) and
 * muxes to the chunk file. The file's frame count is then checked against the plan; a mismatch is
 * retried (up to {@link #DEFAULT_TRIES} tries), then fails naming the chunk. A verified chunk goes
 * into the ledger. Safe to call from several threads (one chunk each) and from several JVMs sharing
 * the work directory.
 */
public final class ChunkWork {
    public static final int DEFAULT_TRIES = 3;

    private ChunkWork() {
    }

    /** Encodes chunk {@code index} of the job in {@code dir} unless the ledger has it already. */
    public static WorkDir.Done encode(Path dir, int index, Scheduler scheduler) throws IOException {
        WorkDir wd = new WorkDir(dir);
        ChunkPlan plan = wd.readPlan().orElseThrow(() -> new UserError(ExitCodes.INPUT_MISSING,
                "no chunk plan in " + dir + " (is the work directory on a file system this machine sees?)"));
        ChunkPlan.Chunk c = plan.chunks().get(index);
        Optional<WorkDir.Done> done = wd.done(plan, c);
        if (done.isPresent()) {
            return done.get();
        }
        if (!Files.isReadable(Path.of(plan.input()))) {
            throw new UserError(ExitCodes.INPUT_MISSING, "input " + plan.input() + " is not readable here "
                    + "(inputs must be on a file system every worker sees)");
        }
        Path out = wd.chunkFile(plan, c);
        long t0 = System.nanoTime();
        if (plan.quality() != null) {
            return TargetSearch.encode(plan, c, wd, scheduler, t0);
        }
        int attempts = encodeVerified(plan, c, plan.spec(), out, scheduler);
        WorkDir.Done d = new WorkDir.Done(index, c.frames(), Files.size(out), seconds(t0), attempts, null, null, 0);
        wd.markDone(d);
        return d;
    }

    static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }

    /**
     * Encodes chunk {@code c} with {@code settings} to {@code out} and checks its frame count; a
     * mismatch is retried. Returns the attempts it took.
     */
    static int encodeVerified(ChunkPlan plan, ChunkPlan.Chunk c, TranscodeSpec settings, Path out, Scheduler scheduler)
            throws IOException {
        String failure = null;
        for (int attempt = 1; attempt <= DEFAULT_TRIES; attempt++) {
            TranscodeSpec spec = settings.chunk(plan.seekSeconds(c), plan.decodeSeconds(c));
            Files.deleteIfExists(out);
            TranscodeSpec.Built built = spec.build(plan.input(), out.toString());
            if (plan.quality() != null && built.encode() != null) {
                stitchable(built.encode().settings(), spec.vcodec());
            }
            RunResult r = scheduler.run(built.graph());
            if (!r.ok()) {
                // A failing graph (bad input, no space) is not a frame-count mismatch: no retry.
                throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
            }
            long frames = countVideoPackets(out);
            if (frames == c.frames()) {
                return attempt;
            }
            failure = "encoded " + frames + " frames, the plan says " + c.frames();
        }
        throw new UserError(ExitCodes.INPUT_INVALID, describe(c) + ": " + failure + " after " + DEFAULT_TRIES
                + " tries (irregular timestamps in the input?)");
    }

    /**
     * Chunks encoded at different CRFs must still share their codec headers, as the join keeps the
     * first chunk's: x264 otherwise writes a CRF-dependent initial QP into its picture parameter set
     * (decoding later chunks with it gives garbage). {@code stitchable} is x264's switch for
     * segmented encodes that are joined afterwards.
     */
    static void stitchable(VideoEncoder.Settings s, String vcodec) {
        if ("h264".equals(vcodec) || "libx264".equals(vcodec)) {
            s.option("x264-params", "stitchable=1");
        }
    }

    static String describe(ChunkPlan.Chunk c) {
        return "chunk " + c.index() + " (frames " + c.startFrame() + "-" + (c.startFrame() + c.frames() - 1) + ")";
    }

    /** The number of video packets (= frames) in a file. */
    public static long countVideoPackets(Path file) {
        try (Demuxer d = Demuxer.open(file.toString())) {
            int v = d.bestStream(MediaType.VIDEO);
            if (v < 0) {
                return 0;
            }
            d.selectStreams(v);
            long n = 0;
            for (Packet p; (p = d.read()) != null; ) {
                n++;
                p.release();
            }
            return n;
        }
    }
}
