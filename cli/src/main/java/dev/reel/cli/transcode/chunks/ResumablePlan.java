package dev.reel.cli.transcode.chunks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.GraphRuns;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.shots.AnalysisDecode;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.Shots;
import dev.reel.runtime.Graph;
import dev.reel.runtime.LinkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * A chunked job's plan as the work directory keeps it: the unfinished plan there when resuming
 * (checked to be the same input, settings and output header needs), else a new one made from the
 * input's shots and written before any chunk is encoded.
 */
final class ResumablePlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResumablePlan() {
    }

    /** The plan for IN → OUT in {@code wd}: the unfinished one there (with --resume), else a new one, written. */
    static ChunkPlan load(WorkDir wd, String in, Path out, TranscodeSpec spec, double target, QualityTarget quality,
            boolean resume, QuietOption quiet) throws IOException {
        Path inPath = Path.of(in).toAbsolutePath().normalize();
        long size = Files.size(inPath);
        long modified = Files.getLastModifiedTime(inPath).toMillis();
        var existing = wd.readPlan();
        if (existing.isPresent()) {
            ChunkPlan p = existing.get();
            if (!resume) {
                throw new UserError(ExitCodes.OUTPUT, "work directory " + wd.path() + " holds an unfinished job: "
                        + "add --resume to continue it, or remove it to start again");
            }
            if (!p.input().equals(inPath.toString()) || p.inputBytes() != size || p.inputModified() != modified) {
                throw new UserError(ExitCodes.USAGE, "work directory " + wd.path() + " is for another input ("
                        + p.input() + ", or that file changed): remove it or use another --work-dir");
            }
            String ext = Muxer.needsGlobalHeader(out.toString(), spec.format()) ? "mp4" : "ts";
            if (!sameSettings(p.spec(), spec) || !p.chunkExt().equals(ext) || !java.util.Objects.equals(p.quality(), quality)) {
                throw new UserError(ExitCodes.USAGE, "work directory " + wd.path() + " was made with other encode "
                        + "settings (or an output format with other header needs): run with the same options, or remove it");
            }
            return p;
        }
        if (resume) {
            quiet.notice("reel: nothing to resume in " + wd.path() + ": starting");
        }
        ShotList shots = detect(in);
        List<ChunkPlan.Chunk> chunks = ChunkPlanner.plan(shots, target);
        long total = chunks.stream().mapToLong(ChunkPlan.Chunk::frames).sum();
        if (total != shots.video().frames()) {
            throw new IllegalStateException("plan covers " + total + " of " + shots.video().frames() + " frames");
        }
        String ext = Muxer.needsGlobalHeader(out.toString(), spec.format()) ? "mp4" : "ts";
        ChunkPlan plan = new ChunkPlan(inPath.toString(), size, modified, out.toString(), ext, spec,
                shots.video().frames(), shots.video().fps(), videoOffset(in), target, chunks, quality);
        wd.writePlan(plan);
        return plan;
    }

    /** Records compare arrays by identity: compare the settings as JSON. */
    private static boolean sameSettings(TranscodeSpec a, TranscodeSpec b) throws IOException {
        return JSON.writeValueAsString(a.chunk(0, 0)).equals(JSON.writeValueAsString(b.chunk(0, 0)));
    }

    /** Seconds from the input's start to its first video frame (0 when the container does not say). */
    private static double videoOffset(String in) {
        try (Demuxer d = Demuxer.open(in)) {
            int v = d.bestStream(MediaType.VIDEO);
            if (v < 0) {
                return 0;
            }
            StreamInfo s = d.stream(v);
            if (s.startTime() == avutil.AV_NOPTS_VALUE) {
                return 0;
            }
            return Math.max(0, s.startTime() * s.timeBase().toDouble() - d.startSeconds());
        }
    }

    private static ShotList detect(String in) {
        AnalysisDecode decode = new AnalysisDecode(in);
        Shots shots = new Shots("default", Map.of());
        Graph g = Graph.builder("chunk-plan").add("decode", decode).add("shots", shots)
                .link("decode", "shots", LinkSpec.capacity(8)).build();
        GraphRuns.run(g);
        if (shots.frames() == 0) {
            throw new UserError(ExitCodes.INPUT_INVALID, "no video frames could be decoded from " + in);
        }
        return shots.result(in);
    }
}
