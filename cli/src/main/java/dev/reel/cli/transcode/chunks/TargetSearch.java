package dev.reel.cli.transcode.chunks;

import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a chunk's CRF for a {@link QualityTarget}: the highest CRF whose encode still meets it.
 * Up to {@link #DEFAULT_PROBES} probe encodes of the whole chunk at the job's settings: bisection
 * until one probe meets the target and one misses it, then linear interpolation of the score over
 * CRF between the closest pair (rounded towards the passing side). Each probe is a real chunk
 * encode scored on every frame, so the chosen probe's file becomes the chunk as it is: no final
 * re-encode, and the reported score is the chunk's own, not a probe's estimate.
 */
final class TargetSearch {
    static final int DEFAULT_PROBES = 4;

    /** One encode tried: its CRF, score, attempts and file. */
    record Probe(int crf, double score, int attempts, Path file) {
    }

    /** The CRF range searched and the first probe, on the codec's own CRF scale. */
    record Range(int lo, int hi, int start) {
        static Range of(String vcodec, Integer crf) {
            String v = vcodec == null ? "h264" : vcodec.toLowerCase(Locale.ROOT);
            boolean wide = v.contains("vp9") || v.contains("av1") || v.contains("vpx");
            Range r = wide ? new Range(10, 58, 35) : new Range(10, 45, 23);
            return crf == null ? r : new Range(r.lo, r.hi, Math.max(r.lo, Math.min(r.hi, crf)));
        }
    }

    private TargetSearch() {
    }

    static WorkDir.Done encode(ChunkPlan plan, ChunkPlan.Chunk c, WorkDir wd, Scheduler scheduler, long t0)
            throws IOException {
        QualityTarget target = plan.quality();
        removeProbes(wd, c);
        Range range = Range.of(plan.spec().vcodec(), plan.spec().crf());
        List<Probe> probes = new ArrayList<>();
        Probe pass = null; // highest CRF that meets the target
        Probe fail = null; // lowest CRF that misses it
        int next = range.start();
        while (probes.size() < DEFAULT_PROBES) {
            Path file = wd.path().resolve(String.format("chunk-%05d.crf%d.%s", c.index(), next, plan.chunkExt()));
            int attempts = ChunkWork.encodeVerified(plan, c, withCrf(plan.spec(), next), file, scheduler);
            Probe p = new Probe(next, ChunkScorer.score(plan, c, file, target.metric()), attempts, file);
            probes.add(p);
            if (target.met(p.score())) {
                pass = pass == null || p.crf() > pass.crf() ? p : pass;
            } else {
                fail = fail == null || p.crf() < fail.crf() ? p : fail;
            }
            Integer n = next(range, target, pass, fail);
            if (n == null) {
                break;
            }
            next = n;
        }
        // None met the target (an input beyond reach at the lowest CRF searched): the best there is.
        Probe chosen = pass != null ? pass : fail;
        Path out = wd.chunkFile(plan, c);
        Files.move(chosen.file(), out, StandardCopyOption.REPLACE_EXISTING);
        for (Probe p : probes) {
            if (p != chosen) {
                Files.deleteIfExists(p.file());
            }
        }
        int attempts = probes.stream().mapToInt(Probe::attempts).sum();
        WorkDir.Done d = new WorkDir.Done(c.index(), c.frames(), Files.size(out), ChunkWork.seconds(t0), attempts,
                chosen.crf(), chosen.score(), probes.size());
        wd.markDone(d);
        return d;
    }

    /** Probes an interrupted earlier run of this chunk left behind. */
    private static void removeProbes(WorkDir wd, ChunkPlan.Chunk c) throws IOException {
        String prefix = String.format("chunk-%05d.crf", c.index());
        try (var files = Files.list(wd.path())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The next CRF to probe, or null when the answer is known (adjacent pass and fail, or a range end). */
    static Integer next(Range range, QualityTarget target, Probe pass, Probe fail) {
        if (pass != null && fail != null) {
            if (fail.crf() - pass.crf() <= 1) {
                return null;
            }
            double slope = (pass.score() - fail.score()) / (fail.crf() - pass.crf());
            double at = slope > 0 ? pass.crf() + (pass.score() - target.value()) / slope : pass.crf() + 1;
            return Math.max(pass.crf() + 1, Math.min(fail.crf() - 1, (int) Math.floor(at)));
        }
        if (pass != null) {
            return pass.crf() >= range.hi() ? null : pass.crf() + (range.hi() - pass.crf() + 1) / 2;
        }
        return fail.crf() <= range.lo() ? null : fail.crf() - (fail.crf() - range.lo() + 1) / 2;
    }

    /** The job's settings at another CRF (a bitrate never goes with a target). */
    static TranscodeSpec withCrf(TranscodeSpec s, int crf) {
        return new TranscodeSpec(s.vcodec(), s.acodec(), crf, null, s.preset(), s.scale(), s.crop(), s.fps(), s.start(),
                s.duration(), s.keyint(), s.format(), s.keyframesAt(), s.detectShots(), s.allAudio(), s.autorotate());
    }
}
