package dev.reel.cli.transcode.chunks;

import dev.reel.media.shots.ShotList;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups shots into chunks near a target length. A chunk always starts at a shot start; a shot
 * longer than {@link #MAX_FACTOR} targets is split at forced points into near-equal pieces of about
 * the target (as Av1an adds a split every ~10 s inside long scenes). Shots are grouped ("collated",
 * in Netflix's word) because hundreds of tiny work items cost more in start-up than they gain.
 */
public final class ChunkPlanner {
    public static final double DEFAULT_TARGET_SECONDS = 10;
    /** A chunk may grow to this many targets before the next shot goes to a new chunk. */
    public static final double MAX_FACTOR = 2;

    private ChunkPlanner() {
    }

    /** One contiguous frame range starting at a shot start or a forced point. */
    record Piece(long startFrame, long frames, double start) {
    }

    public static List<ChunkPlan.Chunk> plan(ShotList shots, double targetSeconds) {
        double fps = shots.video().fps() > 0 ? shots.video().fps() : 25;
        long target = Math.max(1, Math.round(targetSeconds * fps));
        long max = Math.max(target, Math.round(MAX_FACTOR * target));
        List<Piece> pieces = new ArrayList<>();
        for (ShotList.Shot s : shots.shots()) {
            long n = s.frames();
            if (n > max) {
                int parts = (int) Math.max(2, Math.round((double) n / target));
                for (int k = 0; k < parts; k++) {
                    long a = n * k / parts;
                    long b = n * (k + 1) / parts;
                    pieces.add(new Piece(s.startFrame() + a, b - a, s.start() + a / fps));
                }
            } else {
                pieces.add(new Piece(s.startFrame(), n, s.start()));
            }
        }
        List<ChunkPlan.Chunk> out = new ArrayList<>();
        Piece first = null;
        long frames = 0;
        for (Piece p : pieces) {
            if (first != null && (frames >= target || frames + p.frames() > max)) {
                out.add(new ChunkPlan.Chunk(out.size(), first.startFrame(), frames, first.start(), false));
                first = null;
                frames = 0;
            }
            if (first == null) {
                first = p;
            }
            frames += p.frames();
        }
        if (first != null) {
            out.add(new ChunkPlan.Chunk(out.size(), first.startFrame(), frames, first.start(), true));
        }
        return out;
    }
}
