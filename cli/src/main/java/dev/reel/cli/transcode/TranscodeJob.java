package dev.reel.cli.transcode;

import dev.reel.cli.common.FinishOnInterrupt;
import dev.reel.cli.common.GraphRuns;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.options.RuntimeOptions;
import dev.reel.cli.progress.Progress;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.shots.ShotListFormats;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One file's transcode on a shared runtime: builds the graph of a {@link TranscodeSpec}, runs it with
 * progress and Ctrl-C finishing the output, reports, and returns the summary. Safe to run for several
 * files at once (each call its own graph).
 */
final class TranscodeJob {
    private final TranscodeSpec spec;
    private final Path shotsFile;
    private final QuietOption quiet;
    private final RuntimeOptions runtime;

    TranscodeJob(TranscodeSpec spec, Path shotsFile, QuietOption quiet, RuntimeOptions runtime) {
        this.spec = spec;
        this.shotsFile = shotsFile;
        this.quiet = quiet;
        this.runtime = runtime;
    }

    /** Transcodes {@code in} to {@code out}; returns the summary ({@code --json}). */
    Map<String, Object> run(Scheduler scheduler, String in, String out, Progress.Mode mode) throws IOException {
        long t0 = System.nanoTime();
        Estimate est = Estimate.of(in, spec);
        TranscodeSpec.Built built = spec.build(in, out);
        if (!built.notes().isEmpty()) {
            // One line for what the defaults chose beyond copying (ffmpeg users expect to be told).
            quiet.notice("reel: " + Path.of(out).getFileName() + ": " + String.join(", ", built.notes()));
        }
        RunningGraph running = scheduler.start(built.graph());
        RunResult r;
        try (FinishOnInterrupt finish = FinishOnInterrupt.install(running, built.decode()::requestEnd);
                Progress p = Progress.start(mode, Path.of(in).getFileName().toString(), est.frames(), est.fps(),
                        () -> built.decode().framesDecoded())) {
            r = running.await();
        }
        runtime.report(running.snapshot());
        GraphRuns.check(r);
        if (built.shots() != null) {
            ShotListFormats.write(built.shots().result(in), shotsFile);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("input", in);
        s.put("output", out);
        s.put("frames_decoded", built.decode().framesDecoded());
        s.put("frames_encoded", built.encode() == null ? built.decode().framesDecoded() : built.encode().framesIn());
        s.put("corrupt_packets", built.decode().corruptPackets());
        s.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        if (built.decode().corruptPackets() > 0) {
            quiet.notice("reel: " + in + ": " + built.decode().corruptPackets() + " corrupt packets skipped; the rest was decoded");
        }
        return s;
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
