package dev.reel.bench.soak;

import dev.reel.bench.PeerRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/soak record HOURS [OUTDIR]}: {@code reel record} of a live UDP stream (the bundled
 * ffmpeg on 127.0.0.1) with a 10-minute window, 2 s segments, shot detection and a programme every
 * 5 minutes, while a {@link FaultInjector} on a fixed seed ({@link FaultPlan}) restarts and pauses the
 * sender, sends garbage, fills the disk (a size-limited tmpfs as the recording's disk, when mounting
 * is permitted) and SIGKILLs the recorder, and {@link LiveChecks} use the recording every minute. The
 * recorder's RSS, heap after GC, descriptors, threads and CPU go to soak.csv every 30 s; the
 * {@link SoakVerdict} ends with {@code soak pass ...} (exit 0) or {@code soak fail ...} (exit 1).
 */
public final class Soak {
    /** Options; {@code flatTolerance} is the allowed growth from the first half to the second (0.10 = 10 %). */
    public record Config(double hours, Path out, long seed, int sampleSeconds, int checkSeconds, double flatTolerance) {
        double seconds() {
            return hours * 3600;
        }
    }

    /** What the run found: {@code pass} and the lines printed at the end. */
    public record Report(boolean pass, List<String> lines) {
    }

    static final String SEGMENT = "2s";
    static final int TIMEOUT_S = 3;
    static final long TMPFS_BYTES = 160L << 20;
    static final long MIN_FREE_BYTES = 40L << 20;
    static final double FPS = 25;

    private final SoakRun run;
    private final SoakProcesses procs;

    private Soak(Config c, PrintStream log) throws IOException {
        this.run = new SoakRun(c, log);
        this.procs = new SoakProcesses(run);
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && "concurrent".equals(args[0])) {
            Concurrency.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length < 1 || !"record".equals(args[0])) {
            System.err.println("usage: scripts/soak record [HOURS] [OUTDIR] [--seed N] [--sample S] [--check S] [--flat-tolerance F]\n"
                    + "       scripts/soak concurrent [MINUTES] [OUTDIR]");
            System.exit(2);
        }
        List<String> pos = new ArrayList<>();
        long seed = 15;
        int sample = 30;
        int check = 60;
        double tol = 0.10;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--sample" -> sample = Integer.parseInt(args[++i]);
                case "--check" -> check = Integer.parseInt(args[++i]);
                case "--flat-tolerance" -> tol = Double.parseDouble(args[++i]);
                default -> pos.add(args[i]);
            }
        }
        double hours = pos.isEmpty() ? 2 : Double.parseDouble(pos.get(0));
        Path out = Path.of(pos.size() > 1 ? pos.get(1) : "out/soak").toAbsolutePath();
        Report r = run(new Config(hours, out, seed, sample, check, tol), System.out);
        System.exit(r.pass() ? 0 : 1);
    }

    /** Runs the whole soak, printing progress to {@code log}. */
    public static Report run(Config c, PrintStream log) throws Exception {
        Files.createDirectories(c.out());
        Soak s = new Soak(c, log);
        Thread hook = new Thread(s.procs::cleanUp);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return s.soak();
        } finally {
            s.procs.cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    /** The reel CLI with the launcher's JVM flags for a recorder (C1 only, a 16 MB young generation, a 64 MB start heap). */
    static ProcessBuilder reel(List<String> args) {
        return PeerRun.reel(args, "-XX:TieredStopAtLevel=1", "-Xmn16m", "-Xms64m");
    }

    private Report soak() throws Exception {
        Config c = run.config;
        Files.createDirectories(run.logs);
        procs.mountDisk();
        Files.createDirectories(run.dir);
        procs.writeSchedule();
        List<FaultPlan.Event> plan = FaultPlan.make(c.seconds(), c.seed(), procs.mounted());
        run.note("plan: " + plan.size() + " faults over " + Math.round(c.seconds()) + " s, seed " + c.seed() + ", UDP port " + procs.port
                + (procs.mounted() ? ", tmpfs " + (TMPFS_BYTES >> 20) + " MiB" : ""));
        procs.startSender();
        procs.startRecorder();
        Path csv = c.out().resolve("soak.csv");
        Path events = c.out().resolve("soak-events.csv");
        Files.writeString(csv, "seconds,pid,rss_mb,heap_after_gc_mb,fds,threads,cpu_percent\n");
        Files.writeString(events, "seconds,kind,detail\n");
        Thread injector = daemon(new FaultInjector(run, procs, plan, events), "soak-faults");
        Thread checker = daemon(new LiveChecks(run), "soak-checks");
        List<double[]> samples = sample(csv);
        run.stopping = true;
        injector.join(120_000);
        checker.join(180_000);
        return new SoakVerdict(run, procs).judge(samples, csv, events);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Until the end of the run: restarts a recorder that ended by itself and samples the recorder every
     * sample period into {@code csv}; returns the samples (seconds, seconds since the recorder started,
     * rss, heap after GC, fds, threads).
     */
    private List<double[]> sample(Path csv) throws Exception {
        List<double[]> samples = new ArrayList<>();
        ProcessSampler sampler = null;
        long nextSample = 0;
        try {
            while (run.elapsed() < run.config.seconds()) {
                procs.checkRecorder();
                Process r = procs.recorder();
                if (System.currentTimeMillis() >= nextSample && r != null && r.isAlive()) {
                    nextSample = System.currentTimeMillis() + run.config.sampleSeconds() * 1000L;
                    if (sampler == null || sampler.pid() != r.pid()) {
                        if (sampler != null) {
                            sampler.close();
                        }
                        sampler = new ProcessSampler(r.pid());
                    }
                    ProcessSampler.Sample s = sampler.sample();
                    double t = run.elapsed();
                    if (s.rssKb() > 0 && s.threads() > 2) { // not the launcher script before it execs the JVM
                        samples.add(new double[] {t, (System.currentTimeMillis() - procs.recorderStartMs()) / 1000.0, s.rssKb(),
                                s.heapAfterGcKb(), s.fds(), s.threads()});
                        Files.writeString(csv, String.format(Locale.ROOT, "%.1f,%d,%.1f,%.1f,%d,%d,%.1f%n", t, r.pid(),
                                s.rssKb() / 1024.0, s.heapAfterGcKb() / 1024.0, s.fds(), s.threads(), s.cpuPercent()),
                                StandardOpenOption.APPEND);
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            if (sampler != null) {
                sampler.close();
            }
        }
        return samples;
    }
}
