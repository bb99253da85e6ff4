package dev.reel.bench.soak;

import dev.reel.media.record.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The end of a soak: stops the recorder with SIGTERM, then judges the run against the pass criteria
 * (every listed segment plays and lasts what the manifest says, programme files play, every gap is
 * explained by a fault, no stack trace, resources flat from the first half to the second) and writes
 * soak-summary.txt and soak.png.
 */
final class SoakVerdict {
    private final SoakRun run;
    private final SoakProcesses procs;
    private final List<String> lines = new ArrayList<>();

    SoakVerdict(SoakRun run, SoakProcesses procs) {
        this.run = run;
        this.procs = procs;
    }

    /** {@code samples}: seconds, seconds since the recorder started, rss, heap after GC (KiB), fds, threads. */
    Soak.Report judge(List<double[]> samples, Path csv, Path events) throws Exception {
        stopRecorder();
        Manifest m = Manifest.load(run.dir);
        if (m != null) {
            Files.copy(run.dir.resolve(Manifest.FILE), run.config.out().resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
            for (Manifest.Gap g : m.gaps) {
                run.gaps.putIfAbsent(g.from, g);
            }
        }
        int segs = segments(m);
        programmes();
        gaps();
        try (Stream<Path> s = Files.list(run.logs)) {
            for (Path p : s.toList()) {
                LiveChecks.failOnStackTrace(run, p);
            }
        }
        resources(samples);
        exports();
        lines.add("soak recorder runs " + procs.recorderRuns() + ", faults " + new TreeMap<>(run.counts).entrySet().stream()
                .filter(e -> e.getKey().startsWith("fault-")).map(e -> e.getKey().substring(6) + "=" + e.getValue()).toList()
                + ", checks " + run.counted("ls") + " ls, " + run.counted("playlist-reads") + " playlist reads");
        if (!procs.mounted()) {
            lines.add("soak note: no tmpfs (not root?): disk-full and --min-free faults were not injected");
        }
        try {
            SoakPlot.plot(csv, events, run.config.out().resolve("soak.png"));
        } catch (Exception e) {
            lines.add("soak note: no plot: " + e);
        }
        boolean pass = run.failures.isEmpty() && segs > 0;
        String verdict = String.format(Locale.ROOT, "soak %s %.2f h, %d segments checked, %d failures%s", pass ? "pass" : "fail",
                run.config.hours(), segs, run.failures.size(),
                run.failures.isEmpty() ? "" : ": " + run.failures.get(0).lines().findFirst().orElse(""));
        lines.forEach(run::println);
        run.println(verdict);
        lines.add(verdict);
        Files.write(run.config.out().resolve("soak-summary.txt"), lines);
        return new Soak.Report(pass, List.copyOf(lines));
    }

    private void stopRecorder() throws Exception {
        run.note("stopping: SIGTERM to the recorder");
        Process r = procs.recorder();
        r.destroy();
        if (!r.waitFor(60, TimeUnit.SECONDS)) {
            run.fail("recorder did not end within 60 s of SIGTERM");
            r.destroyForcibly();
        } else if (r.exitValue() != 0) {
            run.fail("recorder exited " + r.exitValue() + " on SIGTERM (want 0)");
        }
        procs.stopSender();
    }

    /** Every listed segment plays and lasts what the manifest says; returns how many were checked. */
    private int segments(Manifest m) {
        int segs = 0;
        int segBad = 0;
        int segOff = 0;
        double segWorst = 0;
        double tolerance = 2.0 / Soak.FPS + 0.02;
        for (Manifest.Segment s : m == null ? List.<Manifest.Segment>of() : m.segments) {
            MediaCheck.Result mr = MediaCheck.check(run.dir.resolve(s.file));
            segs++;
            double err = Math.abs(mr.seconds() - s.duration);
            segWorst = Math.max(segWorst, err);
            // Durations are wall clock (arrival) against frames x 1/fps: a frame of jitter, or two across a reconnect.
            boolean duringFault = run.touchesFault(s.startInstant().toEpochMilli() - 2000, s.endInstant().toEpochMilli());
            if (mr.plays() && err > tolerance && duringFault) {
                // e.g. frames lost while a disk filler or a restart starved the machine: reported, not a failure
                segOff++;
            } else if (!mr.plays() || err > tolerance) {
                segBad++;
                if (segBad <= 10) {
                    run.fail(String.format(Locale.ROOT, "segment %s: plays %s, %.3f s of video, manifest says %.3f s%s", s.file,
                            mr.plays(), mr.seconds(), s.duration, mr.error() == null ? "" : " (" + mr.error() + ")"));
                }
            }
        }
        lines.add(String.format(Locale.ROOT, "soak segments %d listed, %d bad, %d off in length during a fault, worst duration error %.3f s",
                segs, segBad, segOff, segWorst));
        return segs;
    }

    private void programmes() throws Exception {
        Path finished = run.dir.resolve("finished");
        int progBad = 0;
        if (Files.isDirectory(finished)) {
            try (Stream<Path> s = Files.list(finished)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".ts") && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                    if (!LiveChecks.checkProgramme(run, p)) {
                        progBad++;
                    }
                }
            }
        }
        lines.add("soak programmes " + run.programmesChecked.size() + " files checked, " + progBad + " do not play");
    }

    private void gaps() {
        int unexplained = 0;
        for (Manifest.Gap g : new TreeMap<>(run.gaps).values()) {
            if (!run.touchesFault(Instant.parse(g.from).toEpochMilli(), Instant.parse(g.to).toEpochMilli())) {
                unexplained++;
                run.fail("gap not explained by any fault: " + g.from + " .. " + g.to + " (" + g.reason + ")");
            }
        }
        lines.add("soak gaps " + run.gaps.size() + " seen, " + unexplained + " unexplained");
    }

    /** Flat resources: the second half (after each start's warm-up) within tolerance of the first. */
    private void resources(List<double[]> samples) {
        double seconds = run.config.seconds();
        double warm = Math.min(300, Math.max(20, seconds * 0.1));
        List<double[]> settled = samples.stream().filter(x -> x[1] >= warm).toList();
        double half = seconds / 2;
        List<double[]> early = settled.stream().filter(x -> x[0] < half).toList();
        List<double[]> late = settled.stream().filter(x -> x[0] >= half).toList();
        String[] names = {"rss", "heap-after-gc", "fds", "threads"};
        for (int i = 0; i < names.length; i++) {
            int col = i + 2;
            double a = median(early, col);
            double b = median(late, col);
            double slack = i >= 2 ? 2 : 0; // descriptors and threads are small counts: two either way is noise
            boolean flat = Double.isNaN(a) || Double.isNaN(b) || a <= 0 || b <= a * (1 + run.config.flatTolerance()) + slack;
            String unit = i < 2 ? " MiB" : "";
            double scale = i < 2 ? 1024 : 1;
            lines.add(String.format(Locale.ROOT, "soak %s first-half %.1f%s, second-half %.1f%s (median of %d and %d samples) %s", names[i],
                    a / scale, unit, b / scale, unit, early.size(), late.size(), flat ? "flat" : "GREW"));
            if (!flat) {
                run.fail((i == 1 ? "heap after GC" : names[i]) + " grew from " + a / scale + unit + " to " + b / scale + unit);
            }
        }
        if (early.isEmpty() || late.isEmpty()) {
            lines.add("soak resources: too few settled samples to compare (run longer)");
        }
    }

    private void exports() {
        double exportWorst = 0;
        double exactWorst = 0;
        for (double[] e : run.exportErrors) {
            if (e[0] == 1) {
                exactWorst = Math.max(exactWorst, Math.abs(e[1]));
            } else {
                exportWorst = Math.max(exportWorst, Math.abs(e[1]));
            }
        }
        lines.add(String.format(Locale.ROOT, "soak exports %d (%d length-checked, worst %.3f s), exact %d (%d length-checked, worst %.3f s)",
                run.counted("export"), run.counted("export-length-checked"), exportWorst,
                run.counted("export-exact"), run.counted("export-exact-length-checked"), exactWorst));
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(x -> x[col]).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
