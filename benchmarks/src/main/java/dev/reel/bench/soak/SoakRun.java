package dev.reel.bench.soak;

import dev.reel.media.record.Manifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one soak run shares between its threads (faults, checks, the verdict): where it writes, the
 * fault windows injected so far, the failures and counters found, and its log.
 */
final class SoakRun {
    /** A fault's time span; an effect that falls in one (plus the recorder's timeout and slack) is explained. */
    record Window(FaultPlan.Kind kind, String detail, long fromMs, long toMs) {
    }

    final Soak.Config config;
    final Path disk;
    final Path dir;
    final Path logs;
    final long t0 = System.currentTimeMillis();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> counts = new ConcurrentHashMap<>();
    final Map<String, Manifest.Gap> gaps = new ConcurrentHashMap<>();
    final List<double[]> exportErrors = Collections.synchronizedList(new ArrayList<>());
    /** Names of the programme files checked (each once, while the recorder keeps it). */
    final java.util.Set<String> programmesChecked = ConcurrentHashMap.newKeySet();
    private final List<Window> faults = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream log;
    volatile boolean stopping;

    SoakRun(Soak.Config config, PrintStream log) {
        this.config = config;
        this.log = log;
        this.disk = config.out().resolve("disk");
        this.dir = disk.resolve("rec");
        this.logs = config.out().resolve("logs");
    }

    double elapsed() {
        return (System.currentTimeMillis() - t0) / 1000.0;
    }

    void note(String s) {
        log.printf(Locale.ROOT, "# %7.1f s  %s%n", elapsed(), s);
        log.flush();
    }

    void println(String s) {
        log.println(s);
    }

    void fail(String s) {
        failures.add(String.format(Locale.ROOT, "%.0f s: %s", elapsed(), s));
        note("FAIL " + s);
    }

    void count(String key) {
        counts.merge(key, 1, Integer::sum);
    }

    int counted(String key) {
        return counts.getOrDefault(key, 0);
    }

    void addFault(Window w) {
        faults.add(w);
    }

    void removeFault(Window w) {
        faults.remove(w);
    }

    /** True when a disk fault (full disk or below --min-free) was on at {@code ms} or ended less than 15 s before. */
    boolean diskFaultAt(long ms) {
        synchronized (faults) {
            return faults.stream().anyMatch(w -> (w.kind() == FaultPlan.Kind.DISK_FULL || w.kind() == FaultPlan.Kind.MIN_FREE)
                    && ms >= w.fromMs() && ms <= w.toMs() + 15_000);
        }
    }

    /** True when [fromMs, toMs] meets a fault window, widened by the recorder's timeout and some slack. */
    boolean touchesFault(long fromMs, long toMs) {
        synchronized (faults) {
            return faults.stream().anyMatch(w -> w.fromMs() <= toMs && w.toMs() + (Soak.TIMEOUT_S + 8) * 1000L >= fromMs);
        }
    }
}
