package dev.reel.cli.transcode;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.ExitCodes;
import dev.reel.cli.UserError;
import dev.reel.cli.progress.Progress;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.runtime.GraphFailedException;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import dev.reel.runtime.stats.DotWriter;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.StatsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "transcode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transcodes IN to OUT: decode → [rotate] → [crop] → [scale] → [fps] → encode → mux, each stage a component "
                + "on a pinned core with bounded links between them.",
            "With no options it does what `ffmpeg -i IN OUT` does: codecs from OUT's container (audio copied where that is "
                + "safe), video first, one video and one audio stream, subtitles, tags and chapters kept, pictures turned "
                + "upright.",
            "Several inputs with --output-dir run as a batch sharing the workers.",
            "The output is written under a temporary name and renamed when complete; Ctrl-C ends the input early and "
                + "finishes a playable file with what was encoded."})
public final class TranscodeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "FILES", arity = "1..*", description = "IN OUT, or IN... with --output-dir.")
    List<String> files;

    @Option(names = "--vcodec", description = "h264 (libx264), hevc (libx265), vp9, av1 (SVT-AV1), openh264, or copy (no re-encode). "
            + "Default: from OUT's container, as ffmpeg: vp9 for WebM, h264 otherwise.")
    String vcodec;

    @Option(names = "--acodec", description = "aac, opus, copy or none. Default: copied where OUT's container and ordinary "
            + "players take it (MP4/MOV: AAC, MP3; WebM: Opus, Vorbis; MPEG-TS: AAC, MP2, AC-3; MKV: anything), "
            + "else encoded (MP4/MOV/TS: aac, WebM: opus).")
    String acodec;

    @Option(names = "--audio", defaultValue = "best", description = "best: one audio track, the one ffmpeg picks (most channels); "
            + "all: every audio track, each with its language. Default: ${DEFAULT-VALUE}.")
    String audioTracks;

    @Option(names = "--no-autorotate", negatable = false, description = "Keep the pictures as stored and the display rotation "
            + "tag (players rotate), instead of turning them upright as ffmpeg does. Stream copy always keeps the tag.")
    boolean noAutorotate;

    @Option(names = "--crf", description = "Constant quality (x264/x265: 0-51, 23 default of the encoder).")
    Integer crf;

    @Option(names = "--bitrate", description = "Target bitrate, e.g. 2500k or 4M (instead of --crf).")
    String bitrate;

    @Option(names = "--preset", description = "Encoder preset, e.g. veryfast, medium, slow.")
    String preset;

    @Option(names = "--scale", description = "W:H; -2 keeps the aspect ratio (e.g. 1280:-2).")
    String scale;

    @Option(names = "--crop", description = "W:H[:X:Y] (centred without X:Y), or auto to remove black borders.")
    String crop;

    @Option(names = "--fps", description = "Output frame rate: 30, 29.97, 30000/1001.")
    String fps;

    @Option(names = "--start", description = "Start at this time (seconds or HH:MM:SS[.mmm]).")
    String start;

    @Option(names = "--duration", description = "Stop after this long (seconds or HH:MM:SS[.mmm]).")
    String duration;

    @Option(names = "--keyint", description = "Maximum frames between key frames (GOP).")
    Integer keyint;

    @Option(names = "--force-keyframes", split = ",", description = "Times (seconds) that must start with a key frame.")
    double[] forceKeyframes;

    @Option(names = "--format", description = "Container: mp4, matroska, webm, mpegts (default from OUT's extension; matroska for -).")
    String format;

    @Option(names = "--shots", description = "Detect shots while transcoding (one pass), force key frames at shot starts, and write the shot list to FILE (format from its extension).")
    Path shotsFile;

    @Option(names = "--output-dir", description = "Batch: write each input as DIR/<name>.<ext>.")
    Path outputDir;

    @Option(names = "--ext", defaultValue = "mp4", description = "Batch: extension of outputs. Default: ${DEFAULT-VALUE}.")
    String ext;

    @Option(names = "--jobs", defaultValue = "0", description = "Batch: files transcoded at once (default 2); "
            + "--chunks: chunks encoded at once (default: one per core, at least 2).")
    int jobs;

    @picocli.CommandLine.Mixin
    dev.reel.cli.transcode.chunks.ChunkOptions chunking = new dev.reel.cli.transcode.chunks.ChunkOptions();

    @Option(names = {"-y", "--overwrite"}, description = "Replace an existing output.")
    boolean overwrite;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no notices.")
    boolean quiet;

    @Option(names = "--progress", defaultValue = "auto", description = "bar, json (one line a second on stdout), none, auto (bar on a terminal). Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--stats", description = "Print the runtime's component and link table at the end.")
    boolean stats;

    @Option(names = "--dot", description = "Write the graph with its figures as Graphviz to FILE.")
    Path dot;

    @Option(names = "--json", description = "Print a machine-readable summary at the end (stdout).")
    boolean json;

    @Option(names = "--workers", defaultValue = "0", description = "Worker threads (0: one per core).")
    int workers;

    @Override
    public Integer call() throws Exception {
        TranscodeSpec spec = new TranscodeSpec(vcodec, acodec, crf, parseBitrate(bitrate), preset, scale, crop, fps,
                start == null ? 0 : Times.parse(start), duration == null ? 0 : Times.parse(duration), keyint, format,
                forceKeyframes, shotsFile != null, allAudio(), !noAutorotate);
        if (chunking.enabled()) {
            return new dev.reel.cli.transcode.chunks.ChunkedTranscode(chunking, spec, overwrite, quiet).run(files, outputDir, jobs, json);
        }
        List<String[]> pairs = pairs();
        Progress.Mode mode = Progress.mode(progress, quiet);
        try (Scheduler scheduler = Scheduler.builder().workers(workers).build()) {
            if (pairs.size() == 1) {
                Map<String, Object> summary = runOne(scheduler, spec, pairs.get(0), mode);
                if (json) {
                    System.out.println(JSON.writeValueAsString(summary));
                }
                return 0;
            }
            return runBatch(scheduler, spec, pairs, mode);
        }
    }

    private boolean allAudio() {
        return switch (audioTracks) {
            case "best" -> false;
            case "all" -> true;
            default -> throw new UserError(ExitCodes.USAGE, "--audio wants best or all, got '" + audioTracks + "'");
        };
    }

    private List<String[]> pairs() throws IOException {
        List<String[]> out = new ArrayList<>();
        if (outputDir == null) {
            if (files.size() != 2) {
                throw new UserError(ExitCodes.USAGE, "want IN OUT (or several inputs with --output-dir DIR)");
            }
            out.add(new String[] {files.get(0), files.get(1)});
        } else {
            Files.createDirectories(outputDir);
            for (String in : files) {
                String base = Path.of(in).getFileName().toString();
                int dot = base.lastIndexOf('.');
                out.add(new String[] {in, outputDir.resolve((dot > 0 ? base.substring(0, dot) : base) + "." + ext).toString()});
            }
        }
        for (String[] p : out) {
            checkOutput(p[0], p[1]);
        }
        return out;
    }

    private void checkOutput(String in, String out) throws IOException {
        if (out.equals("-") || out.contains("://")) {
            return;
        }
        Path o = Path.of(out).toAbsolutePath();
        if (!in.equals("-") && !in.contains("://")) {
            Path i = Path.of(in).toAbsolutePath();
            if (Files.exists(i) && Files.exists(o) && Files.isSameFile(i, o) || i.normalize().equals(o.normalize())) {
                throw new UserError(ExitCodes.OUTPUT, "output is the same file as the input: " + out);
            }
        }
        if (Files.exists(o) && !overwrite) {
            throw new UserError(ExitCodes.OUTPUT, "output exists: " + out + " (use -y to overwrite)");
        }
        Path dir = o.getParent();
        if (dir != null && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
            throw new UserError(ExitCodes.OUTPUT, "cannot write to " + dir + ": not a writable directory");
        }
    }

    private Map<String, Object> runOne(Scheduler scheduler, TranscodeSpec spec, String[] pair, Progress.Mode mode)
            throws IOException {
        long t0 = System.nanoTime();
        Estimate est = Estimate.of(pair[0], spec);
        TranscodeSpec.Built built = spec.build(pair[0], pair[1]);
        if (!quiet && !built.notes().isEmpty()) {
            // One line for what the defaults chose beyond copying (ffmpeg users expect to be told).
            System.err.println("reel: " + Path.of(pair[1]).getFileName() + ": " + String.join(", ", built.notes()));
        }
        RunningGraph running = scheduler.start(built.graph());
        Thread hook = new Thread(() -> {
            // Ctrl-C: end the input; what was decoded is encoded and the file finished (playable).
            built.decode().requestEnd();
            if (running.await(20, TimeUnit.SECONDS) == null) {
                running.stop();
                running.await(5, TimeUnit.SECONDS);
            }
        }, "reel-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        RunResult r;
        try (Progress p = Progress.start(mode, Path.of(pair[0]).getFileName().toString(), est.frames(), est.fps(),
                () -> built.decode().framesDecoded())) {
            r = running.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it finishes the job
            }
        }
        GraphSnapshot snap = running.snapshot();
        if (stats) {
            System.err.print(StatsTable.format(snap));
        }
        if (dot != null) {
            DotWriter.write(snap, dot);
        }
        if (!r.ok()) {
            throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
        }
        if (built.shots() != null) {
            var list = built.shots().result(pair[0]);
            dev.reel.media.shots.ShotListFormats.write(list, shotsFile);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", pair[0]);
        s.put("output", pair[1]);
        s.put("frames_decoded", built.decode().framesDecoded());
        s.put("frames_encoded", built.encode() == null ? built.decode().framesDecoded() : built.encode().framesIn());
        s.put("corrupt_packets", built.decode().corruptPackets());
        s.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        if (built.decode().corruptPackets() > 0 && !quiet) {
            System.err.println("reel: " + pair[0] + ": " + built.decode().corruptPackets()
                    + " corrupt packets skipped; the rest was decoded");
        }
        return s;
    }

    private int runBatch(Scheduler scheduler, TranscodeSpec spec, List<String[]> pairs, Progress.Mode mode)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs > 0 ? jobs : 2);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (String[] p : pairs) {
            futures.add(pool.submit(() -> runOne(scheduler, spec, p, mode == Progress.Mode.BAR ? Progress.Mode.NONE : mode)));
        }
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> done = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            try {
                done.add(futures.get(i).get());
                if (!quiet) {
                    System.err.println("reel: done " + pairs.get(i)[0] + " -> " + pairs.get(i)[1]);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(pairs.get(i)[0] + ": " + ExitCodes.message(e.getCause()));
            }
        }
        pool.shutdown();
        if (json) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("done", done);
            s.put("failed", failures);
            System.out.println(JSON.writeValueAsString(s));
        }
        if (!failures.isEmpty()) {
            System.err.println(String.format(Locale.ROOT, "reel: %d of %d files failed:", failures.size(), pairs.size()));
            failures.forEach(f -> System.err.println("  " + f));
            return ExitCodes.PARTIAL;
        }
        return 0;
    }

    static Long parseBitrate(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("k")) {
            mult = 1000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new UserError(ExitCodes.USAGE, "--bitrate wants a number like 2500k or 4M, got '" + s + "'");
        }
    }

    /** Expected frames and frame rate, for progress; zeros when unknown (live, pipes). */
    record Estimate(long frames, double fps) {
        static Estimate of(String in, TranscodeSpec spec) {
            if (in.equals("-") || in.contains("://")) {
                return new Estimate(0, 0);
            }
            Probe.Result r = Probe.probe(in);
            Probe.Stream v = r.streams().stream().filter(s -> "video".equals(s.type())).findFirst().orElse(null);
            double fps = v == null || v.frameRate() == null ? 0 : v.frameRate();
            double dur = r.durationSeconds() == null ? 0 : r.durationSeconds();
            if (spec.start() > 0) {
                dur = Math.max(0, dur - spec.start());
            }
            if (spec.duration() > 0) {
                dur = Math.min(dur, spec.duration());
            }
            return new Estimate(Math.round(dur * fps), fps);
        }
    }
}
