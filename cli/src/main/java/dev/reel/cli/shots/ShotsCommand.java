package dev.reel.cli.shots;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.FinishOnInterrupt;
import dev.reel.cli.common.GraphRuns;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.ProgressOption;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.options.RuntimeOptions;
import dev.reel.cli.progress.Progress;
import dev.reel.cli.report.ShotReports;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.media.component.Decode;
import dev.reel.media.component.SplitMux;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.shots.AnalysisDecode;
import dev.reel.media.shots.AnalysisSize;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.ShotListFormats;
import dev.reel.media.shots.Shots;
import dev.reel.media.shots.SparseDecoder;
import dev.reel.media.shots.StatsCsv;
import dev.reel.runtime.Graph;
import dev.reel.runtime.LinkSpec;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel shots}: shot changes found in one decode, printed or written, with optional reports and split files. */
@Command(name = "shots", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds shot changes (cuts, dissolves, fades, wipes) in IN and prints the shot list.",
            "JSON is the default when stdout is not a terminal; frames are 0-based in presentation order."})
public final class ShotsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN")
    String input;

    /** A second word: most likely a FILE after --stats, which was the per-frame CSV before --frame-stats. */
    @Parameters(index = "1", arity = "0..1", hidden = true)
    String stray;

    @Option(names = "--detector", defaultValue = "default", description = "default, content, adaptive, luma, histogram, hash, threshold, gradual. Default: ${DEFAULT-VALUE}.")
    String detector;

    @Option(names = "--threshold", description = "The detector's main threshold (see reel components shots).")
    String threshold;

    @Option(names = "--min-shot-len", defaultValue = "0.6s", description = "Minimum shot length (seconds, e.g. 0.6s). Default: ${DEFAULT-VALUE}.")
    String minShot;

    @Option(names = "--param", description = "Any detector parameter, KEY=VALUE (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", description = "json, csv (PySceneDetect list-scenes), edl (CMX 3600), qp (x264 qpfile). Default: json, or from -o's extension.")
    String format;

    @Option(names = {"-o", "--output"}, description = "Write the shot list to FILE (atomically) instead of stdout.")
    Path output;

    @Option(names = "--frame-stats", paramLabel = "FILE", description = "Per-frame metrics as CSV to FILE "
            + "(PySceneDetect's --stats; here --stats prints the runtime's table).")
    Path statsFile;

    @Option(names = "--thumbnails", description = "Write a JPEG of the first frame of each shot into DIR.")
    Path thumbnails;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a shot report page to FILE: the input's facts, "
            + "a to-scale strip of shots and transitions, each shot's first/middle/last frame, times and transition; "
            + "self-contained (works offline); a click on a shot seeks the input when browsers can play it. Decodes the input once more.")
    Path html;

    @Option(names = "--contact-sheet", paramLabel = "FILE", description = "Also write a PNG grid of the shots' middle frames, labelled, to FILE.")
    Path contactSheet;

    @Option(names = "--split", description = "Also write each shot as its own file into DIR (re-encoded, libx264 veryfast crf 22).")
    Path splitDir;

    @Option(names = "--copy", description = "With --split: stream copy, no re-encoding. Files start on key frames: a shot "
            + "that starts between key frames stays in the file before it (inputs made with 'reel transcode --shots' "
            + "have a key frame at every shot start).")
    boolean copy;

    @Option(names = "--every-frame", description = "Decode every frame. Default for the default detector: reference "
            + "frames first, the frames nothing refers to only where a cut, a flash or a fade's edge may hide (elsewhere "
            + "they stand in as their nearer neighbour): the same cuts, about a quarter less decoding of H.264/HEVC "
            + "with B-frames. Implied by other detectors, --threshold, --param, --frame-stats and --thumbnails.")
    boolean everyFrame;

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    /** The older spelling of --stats here (deprecated, kept for scripts). */
    @Option(names = "--runtime-stats", hidden = true)
    void runtimeStats(boolean on) {
        runtime.stats(on);
    }

    @Override
    public Integer call() throws Exception {
        if (stray != null) {
            throw new UserError(ExitCodes.USAGE, runtime.stats()
                    ? "--stats takes no FILE (it prints the runtime's table); per-frame metrics are --frame-stats FILE, got '" + stray + "'"
                    : "shots takes one IN, got also '" + stray + "'");
        }
        if (copy && splitDir == null) {
            throw new UserError(ExitCodes.USAGE, "--copy goes with --split DIR");
        }
        Map<String, String> p = new LinkedHashMap<>(params);
        if (threshold != null) {
            p.put("threshold", threshold);
        }
        p.put("min_shot", Double.toString(Units.seconds(minShot, "--min-shot-len")));
        Shots shots = new Shots(detector, p);
        String fmt = format != null ? format : output != null ? ShotListFormats.formatOf(output) : "json";
        ShotListFormats.render(ShotList.of(List.of(), 1, 25, 1), fmt); // reject a bad format before decoding
        ShotReports.check(input, html, contactSheet);
        // Thumbnails need the pictures and --frame-stats real per-frame values: those decode every frame in full.
        Decode decode = null;
        AnalysisDecode analysis = null;
        Graph.Builder gb = Graph.builder("shots");
        if (thumbnails != null || statsFile != null) {
            decode = new Decode(input).forAnalysisAt(AnalysisSize.DEFAULT_LONG_SIDE);
            gb.add("decode", decode);
        } else {
            // Which frames to decode is judged with the default detector's own cut score: other detectors see every frame.
            // So do the default detector's own settings: the judgement is tuned to its defaults.
            analysis = new AnalysisDecode(input).everyFrame(everyFrame || !"default".equals(detector)
                    || threshold != null || !params.isEmpty());
            gb.add("decode", analysis);
        }
        gb.add("shots", shots).link("decode", "shots", LinkSpec.capacity(8));
        if (thumbnails != null) {
            gb.add("thumbnails", new dev.reel.media.shots.Thumbnails(thumbnails, 320)).link("shots", "thumbnails", LinkSpec.capacity(8));
        }
        Decode full = decode;
        AnalysisDecode sparse = analysis;
        Runnable end = full != null ? full::requestEnd : sparse::requestEnd;
        java.util.function.LongSupplier done = full != null ? full::framesDecoded : sparse::framesDecoded;
        Graph g = gb.build();
        BufferedWriter statsOut = null;
        if (statsFile != null) {
            statsOut = Files.newBufferedWriter(statsFile);
            StatsCsv.attach(shots.detector(), statsOut);
        }
        try (Scheduler s = runtime.scheduler()) {
            RunningGraph running = s.start(g);
            RunResult r;
            try (FinishOnInterrupt finish = FinishOnInterrupt.install(running, end);
                    Progress pr = Progress.start(progress.mode(quiet.quiet()), "shots", 0, 0, done)) {
                r = running.await();
            }
            runtime.report(running.snapshot());
            GraphRuns.check(r);
        } finally {
            if (statsOut != null) {
                statsOut.close();
            }
        }
        if (shots.frames() == 0) {
            throw new UserError(ExitCodes.INPUT_INVALID, "no video frames could be decoded from " + input);
        }
        ShotList list = shots.result(input);
        String text = ShotListFormats.render(list, fmt);
        if (output != null) {
            ShotListFormats.write(output, text);
        } else {
            System.out.print(text.endsWith("\n") ? text : text + "\n");
        }
        quiet.notice(String.format(Locale.ROOT, "reel: %d frames%s, %d shots, %d transitions", shots.frames(),
                sparse == null ? "" : decodedNote(sparse.decoder()), list.shots().size(), list.transitions().size()));
        ShotReports.write(input, list, html, contactSheet);
        if (splitDir != null) {
            split(list);
        }
        return 0;
    }

    private static String decodedNote(SparseDecoder d) {
        if (d.held() + d.refined() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d decoded, %d skipped: %d of them decoded again where the picture changed)",
                d.frames() - d.held(), d.held() + d.refined(), d.refined());
    }

    private void split(ShotList list) throws Exception {
        Files.createDirectories(splitDir);
        String base = Path.of(input).getFileName().toString().replaceFirst("\\.[^.]+$", "");
        if (copy) {
            splitCopy(list, base);
            return;
        }
        try (Scheduler s = Scheduler.create()) {
            for (ShotList.Shot shot : list.shots()) {
                Path out = splitDir.resolve(String.format(Locale.ROOT, "%s-shot-%03d.mp4", base, shot.index()));
                // Cut by time at frame centres so rounding never moves a boundary by a frame.
                double fd = list.video().fps() > 0 ? 1.0 / list.video().fps() : 0.04;
                double start = Math.max(0, shot.start() - fd / 2);
                double dur = shot.frames() * fd;
                TranscodeSpec spec = new TranscodeSpec("h264", "copy", 22, null, "veryfast", null, null, null, start, dur,
                        null, null, null, false);
                GraphRuns.run(s, spec.build(input, out.toString()).graph());
            }
        }
        quiet.notice("reel: wrote " + list.shots().size() + " shot files to " + splitDir);
    }

    private void splitCopy(ShotList list, String base) {
        List<ShotList.Shot> shots = list.shots();
        double[] starts = shots.stream().skip(1).mapToDouble(ShotList.Shot::start).toArray();
        String ext = copyExtension(input);
        SplitMux split = new SplitMux(starts, b -> splitDir.resolve(String.format(Locale.ROOT, "%s-shot-%03d.%s", base,
                shots.get(b).index(), ext)).toString(), new Muxer.Options().option("avoid_negative_ts", "make_zero"));
        Graph g = Graph.builder("split").add("decode", new Decode(input).copyVideo(true)).add("split", split)
                .link("decode", "split.inbox", LinkSpec.capacity(64))
                .link("decode.audio", "split.audio", LinkSpec.capacity(256)).build();
        GraphRuns.run(g);
        int merged = shots.size() - split.parts().size();
        quiet.notice("reel: wrote " + split.parts().size() + " shot files to " + splitDir + " (stream copy"
                + (merged > 0 ? "; " + merged + " shot(s) start between key frames and stay in the file before" : "") + ")");
    }

    /** Stream copy keeps the codecs, so keep a container that holds them: the input's, else Matroska. */
    static String copyExtension(String input) {
        String name = Path.of(input).getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "mp4", "m4v", "mov", "mkv", "webm", "ts" -> ext;
            default -> "mkv";
        };
    }
}
