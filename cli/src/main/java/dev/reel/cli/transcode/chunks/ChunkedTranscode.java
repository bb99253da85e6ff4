package dev.reel.cli.transcode.chunks;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.cli.engine.Engine;
import dev.reel.cli.engine.Engines;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkResult;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.OverwriteOption;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code reel transcode IN OUT --chunks}: plan (shots grouped into chunks), encode the chunks in
 * parallel on an {@link Engine}, join them by stream copy with the audio done once over the whole
 * input, check the output's frame count. The work directory makes it resumable.
 */
public final class ChunkedTranscode {
    private final ChunkOptions options;
    private TranscodeSpec spec;
    private final OverwriteOption overwrite;
    private final QuietOption quiet;

    public ChunkedTranscode(ChunkOptions options, TranscodeSpec spec, OverwriteOption overwrite, QuietOption quiet) {
        this.options = options;
        this.spec = spec;
        this.overwrite = overwrite;
        this.quiet = quiet;
    }

    /** Default parallel encodes: one per core (encoders' own threads fill the gaps), at least 2. */
    public static int defaultJobs() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Runs the job for IN OUT; returns the exit code. {@code jobs} 0 = {@link #defaultJobs()}. */
    public int run(List<String> files, Path outputDir, int jobs, JsonOption json) throws Exception {
        if (options.chunks == null) {
            throw new UserError(ExitCodes.USAGE, "--target, --resume, --work-dir, --keep-work-dir, --engine flink and --flink-master "
                    + "go with --chunks (for many files use reel batch)");
        }
        if (outputDir != null || files.size() != 2) {
            throw new UserError(ExitCodes.USAGE, "--chunks wants one IN and one OUT (for many files use reel batch)");
        }
        QualityTarget quality = options.target == null ? null : QualityTarget.parse(options.target);
        String in = files.get(0);
        String out = files.get(1);
        spec = spec.forOutput(out);
        check(in, out);
        double target = target(options.chunks);
        if (quality != null) {
            checkTarget();
        }
        long t0 = System.nanoTime();
        Path outPath = Path.of(out).toAbsolutePath().normalize();
        WorkDir wd = new WorkDir(options.workDir != null ? options.workDir
                : outPath.resolveSibling(outPath.getFileName() + ".reel-chunks"));
        int n = jobs > 0 ? jobs : defaultJobs();
        Map<String, Object> summary = new LinkedHashMap<>();
        try (Engine engine = Engines.create(options.engine, n)) {
            ChunkPlan plan = ResumablePlan.load(wd, in, outPath, spec, target, quality, options.resume, quiet);
            double planned = (System.nanoTime() - t0) / 1e9;
            List<WorkItem> items = new ArrayList<>();
            int already = 0;
            for (ChunkPlan.Chunk c : plan.longestFirst()) {
                if (wd.done(plan, c).isPresent()) {
                    already++;
                } else {
                    items.add(new WorkItem(Integer.toString(c.index()), WorkItem.CHUNK, wd.path().toString(),
                            Integer.toString(c.index()), "", null));
                }
            }
            notice(String.format(Locale.ROOT, "reel: %d chunks of ~%s s from %d frames; %d to encode on %s%s",
                    plan.chunks().size(), fmt(target), plan.frames(), items.size(), engine.describe(),
                    already > 0 ? " (" + already + " done before)" : ""));
            long e0 = System.nanoTime();
            // Ctrl-C or SIGTERM: finished chunks are in the ledger already; say how to go on.
            Thread hook = new Thread(() -> System.err.println("reel: interrupted: finished chunks are kept in "
                    + wd.path() + "; run the same command with --resume to continue"), "reel-chunks-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            List<WorkResult> results;
            try {
                results = items.isEmpty() ? List.of() : engine.run(items);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
            double encoded = (System.nanoTime() - e0) / 1e9;
            List<WorkResult> failed = results.stream().filter(r -> !r.ok()).toList();
            if (!failed.isEmpty()) {
                for (WorkResult r : failed) {
                    System.err.println("reel: chunk " + r.id() + ": " + r.message());
                }
                throw new UserError(failed.get(0).exitCode() == 0 ? ExitCodes.INTERNAL : failed.get(0).exitCode(),
                        failed.size() + " of " + plan.chunks().size() + " chunks failed (first: chunk " + failed.get(0).id()
                                + ": " + failed.get(0).message() + "); the finished ones are kept in " + wd.path()
                                + ": fix the cause and run again with --resume");
            }
            // Read before the join: a successful join removes the work directory and its ledger.
            List<Map<String, Object>> chunkResults = quality == null ? null : report(plan, wd, quality);
            long j0 = System.nanoTime();
            long frames = ChunkJoin.join(plan, wd, out, spec, quiet);
            double joined = (System.nanoTime() - j0) / 1e9;
            if (frames != plan.frames()) {
                throw new UserError(ExitCodes.INTERNAL, "joined output has " + frames + " frames, the input " + plan.frames()
                        + " (chunks kept in " + wd.path() + ")");
            }
            if (!options.keepWorkDir) {
                wd.delete();
            }
            summary.put("input", in);
            summary.put("output", out);
            summary.put("engine", engine.describe());
            summary.put("frames", frames);
            summary.put("chunks", plan.chunks().size());
            summary.put("chunks_encoded", items.size());
            summary.put("chunks_resumed", already);
            summary.put("plan_seconds", round(planned));
            summary.put("encode_seconds", round(encoded));
            summary.put("join_seconds", round(joined));
            summary.put("seconds", round((System.nanoTime() - t0) / 1e9));
            List<Map<String, Object>> per = new ArrayList<>();
            for (WorkResult r : results) {
                per.add(Map.of("chunk", Integer.parseInt(r.id()), "seconds", r.seconds(), "worker", r.worker()));
            }
            summary.put("chunk_times", per);
            if (quality != null) {
                summary.put("target", quality.toString());
                summary.put("chunk_results", chunkResults);
            }
        }
        if (json.json()) {
            json.print(summary);
        } else {
            notice(String.format(Locale.ROOT, "reel: %s: %s frames in %s chunks, %s s", out, summary.get("frames"),
                    summary.get("chunks"), summary.get("seconds")));
        }
        return 0;
    }

    /** Each chunk's CRF, size and score from the ledger (resumed chunks too), one stderr line each. */
    private List<Map<String, Object>> report(ChunkPlan plan, WorkDir wd, QualityTarget quality) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChunkPlan.Chunk c : plan.chunks()) {
            WorkDir.Done d = wd.done(plan, c).orElseThrow(() -> new IllegalStateException("chunk " + c.index() + " not done"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chunk", c.index());
            row.put("start_frame", c.startFrame());
            row.put("frames", c.frames());
            row.put("crf", d.crf());
            row.put("bytes", d.bytes());
            row.put(quality.metric(), d.score());
            row.put("met", d.score() != null && quality.met(d.score()));
            row.put("probes", d.probes());
            rows.add(row);
            notice(String.format(Locale.ROOT, "reel: %s: crf %s, %d bytes, %s %s%s", ChunkWork.describe(c), d.crf(),
                    d.bytes(), quality.metric(), d.score() == null ? "?" : String.format(Locale.ROOT, "%.4f", d.score()),
                    Boolean.TRUE.equals(row.get("met")) ? "" : " (below the target even at the lowest CRF tried)"));
        }
        return rows;
    }

    /** A quality target chooses the CRF of each chunk against the input's own frames. */
    private void checkTarget() {
        if (spec.bitrate() != null) {
            throw new UserError(ExitCodes.USAGE, "--target chooses each chunk's CRF: it does not go with --bitrate");
        }
        if (spec.scale() != null || spec.crop() != null) {
            throw new UserError(ExitCodes.USAGE, "--target compares each chunk with the input frame for frame: "
                    + "it does not go with --scale or --crop");
        }
        if (spec.vcodec() != null && spec.vcodec().contains("openh264")) {
            throw new UserError(ExitCodes.USAGE, "--target needs an encoder with a CRF mode (not openh264)");
        }
    }

    private void check(String in, String out) throws IOException {
        if (in.equals("-") || in.contains("://") || out.equals("-") || out.contains("://")) {
            throw new UserError(ExitCodes.USAGE, "--chunks needs a file in and a file out (it seeks in the input)");
        }
        if (!Files.isRegularFile(Path.of(in))) {
            throw new UserError(ExitCodes.INPUT_MISSING, "no such input file: " + in);
        }
        if ("copy".equals(spec.vcodec())) {
            throw new UserError(ExitCodes.USAGE, "--chunks re-encodes: it does not go with --vcodec copy");
        }
        if (spec.fps() != null || spec.start() > 0 || spec.duration() > 0 || spec.detectShots()
                || spec.keyframesAt() != null && spec.keyframesAt().length > 0) {
            throw new UserError(ExitCodes.USAGE, "--chunks keeps every frame of the whole input: it does not go with "
                    + "--fps, --start, --duration, --shots or --force-keyframes");
        }
        overwrite.checkOutput(in, out);
    }

    static double target(String chunks) {
        if (chunks == null || chunks.equals("auto")) {
            return ChunkPlanner.DEFAULT_TARGET_SECONDS;
        }
        double t;
        try {
            t = Units.seconds(chunks, "--chunks");
        } catch (UserError e) {
            throw new UserError(ExitCodes.USAGE, "--chunks wants auto or a length in seconds (or HH:MM:SS), got '" + chunks + "'");
        }
        if (!(t >= 0.5)) {
            throw new UserError(ExitCodes.USAGE, "--chunks length must be at least 0.5 s, got '" + chunks + "'");
        }
        return t;
    }

    private void notice(String s) {
        quiet.notice(s);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
