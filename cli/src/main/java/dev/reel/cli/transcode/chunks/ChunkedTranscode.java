package dev.reel.cli.transcode.chunks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.ExitCodes;
import dev.reel.cli.UserError;
import dev.reel.cli.engine.Engine;
import dev.reel.cli.engine.Engines;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkResult;
import dev.reel.cli.transcode.Times;
import dev.reel.cli.transcode.TranscodeSpec;
import dev.reel.media.component.AudioEncode;
import dev.reel.media.component.Decode;
import dev.reel.media.component.Mux;
import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.shots.AnalysisDecode;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.Shots;
import dev.reel.runtime.Graph;
import dev.reel.runtime.GraphFailedException;
import dev.reel.runtime.LinkSpec;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * {@code reel transcode IN OUT --chunks}: plan (shots grouped into chunks), encode the chunks in
 * parallel on an {@link Engine}, join them by stream copy with the audio done once over the whole
 * input, check the output's frame count. The work directory makes it resumable.
 */
public final class ChunkedTranscode {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChunkOptions options;
    private TranscodeSpec spec;
    private final boolean overwrite;
    private final boolean quiet;

    public ChunkedTranscode(ChunkOptions options, TranscodeSpec spec, boolean overwrite, boolean quiet) {
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
    public int run(List<String> files, Path outputDir, int jobs, boolean json) throws Exception {
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
            ChunkPlan plan = plan(wd, in, outPath, target, quality, engine);
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
            long frames = join(plan, wd, out);
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
        if (json) {
            System.out.println(JSON.writeValueAsString(summary));
        } else {
            notice(String.format(Locale.ROOT, "reel: %s: %s frames in %s chunks, %s s", out, summary.get("frames"),
                    summary.get("chunks"), summary.get("seconds")));
        }
        return 0;
    }

    private ChunkPlan plan(WorkDir wd, String in, Path out, double target, QualityTarget quality, Engine engine)
            throws Exception {
        Path inPath = Path.of(in).toAbsolutePath().normalize();
        long size = Files.size(inPath);
        long modified = Files.getLastModifiedTime(inPath).toMillis();
        var existing = wd.readPlan();
        if (existing.isPresent()) {
            ChunkPlan p = existing.get();
            if (!options.resume) {
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
        if (options.resume) {
            notice("reel: nothing to resume in " + wd.path() + ": starting");
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

    private ShotList detect(String in) {
        AnalysisDecode decode = new AnalysisDecode(in);
        Shots shots = new Shots("default", Map.of());
        Graph g = Graph.builder("chunk-plan").add("decode", decode).add("shots", shots)
                .link("decode", "shots", LinkSpec.capacity(8)).build();
        try (Scheduler s = Scheduler.create()) {
            RunResult r = s.run(g);
            if (!r.ok()) {
                throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
            }
        }
        if (shots.frames() == 0) {
            throw new UserError(ExitCodes.INPUT_INVALID, "no video frames could be decoded from " + in);
        }
        return shots.result(in);
    }

    /** Joins the chunks by stream copy and muxes the audio (copied or encoded once); returns the frames written. */
    private long join(ChunkPlan plan, WorkDir wd, String out) {
        List<ChunkConcat.Part> parts = new ArrayList<>();
        for (ChunkPlan.Chunk c : plan.chunks()) {
            parts.add(new ChunkConcat.Part(wd.chunkFile(plan, c), plan.offset() + c.start()));
        }
        ChunkConcat concat = new ChunkConcat(parts);
        Muxer.Options mo = new Muxer.Options();
        if (spec.format() != null) {
            mo.format(spec.format());
        }
        Graph.Builder g = Graph.builder("chunk-join").add("concat", concat).add("mux", new Mux(out, mo))
                .link("concat", "mux.inbox", LinkSpec.capacity(64));
        TranscodeSpec.JoinAudio track = spec.joinAudio(plan.input(), out);
        if (track != null) {
            Decode.Audio mode = track.encoder() == null ? Decode.Audio.COPY : Decode.Audio.DECODE;
            // Only the chosen audio track is read (no video stream selected): one pass over the input.
            Decode audio = new Decode(plan.input(), Decode.Audio.COPY, 0, 0, Map.of(), Decode.DEFAULT_TIMEOUT);
            audio.select(-1, List.of(new Decode.AudioTrack(track.index(), mode)), -1);
            g.add("audio", audio);
            if (mode == Decode.Audio.COPY) {
                g.link("audio.audio", "mux.audio", LinkSpec.capacity(256));
            } else {
                if (!quiet) {
                    System.err.println("reel: " + out + ": audio → " + track.encoder());
                }
                AudioEncoder.Settings as = new AudioEncoder.Settings().codec(track.encoder().toLowerCase(Locale.ROOT))
                        .globalHeader(Muxer.needsGlobalHeader(out, spec.format()));
                g.add("aencode", new AudioEncode(as)).link("audio.audio", "aencode.inbox", LinkSpec.capacity(256))
                        .link("aencode", "mux.audio", LinkSpec.capacity(256));
            }
        }
        try (Scheduler s = Scheduler.create()) {
            RunResult r = s.run(g.build());
            if (!r.ok()) {
                throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
            }
        }
        return concat.packets();
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
        Path o = Path.of(out).toAbsolutePath().normalize();
        if (o.equals(Path.of(in).toAbsolutePath().normalize())) {
            throw new UserError(ExitCodes.OUTPUT, "output is the same file as the input: " + out);
        }
        if (Files.exists(o) && !overwrite) {
            throw new UserError(ExitCodes.OUTPUT, "output exists: " + out + " (use -y to overwrite)");
        }
        Path dir = o.getParent();
        if (dir != null && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
            throw new UserError(ExitCodes.OUTPUT, "cannot write to " + dir + ": not a writable directory");
        }
    }

    static double target(String chunks) {
        if (chunks == null || chunks.equals("auto")) {
            return ChunkPlanner.DEFAULT_TARGET_SECONDS;
        }
        double t;
        try {
            t = Times.parse(chunks);
        } catch (RuntimeException e) {
            throw new UserError(ExitCodes.USAGE, "--chunks wants auto or a length in seconds (or HH:MM:SS), got '" + chunks + "'");
        }
        if (!(t >= 0.5)) {
            throw new UserError(ExitCodes.USAGE, "--chunks length must be at least 0.5 s, got '" + chunks + "'");
        }
        return t;
    }

    private void notice(String s) {
        if (!quiet) {
            System.err.println(s);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
