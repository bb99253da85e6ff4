package dev.reel.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a command to completion, measuring wall time and peak resident memory (VmHWM). */
public final class PeerRun {
    record Figures(double seconds, long peakRssKb, int exit) {
    }

    private PeerRun() {
    }

    static Figures run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, hwm(status));
            Thread.sleep(20);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Figures(secs, peak, p.exitValue());
    }

    private static long hwm(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone
        }
        return 0;
    }

    /**
     * The reel CLI as users run it (scripts/reel, given as -Dreel.launcher), else a child JVM on this
     * class path (absolute entries, so it may run in another working directory) with {@code jvmOptions}.
     */
    public static ProcessBuilder reel(List<String> args, String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        String launcher = System.getProperty("reel.launcher");
        if (launcher != null) { // what users run: scripts/reel (its JVM flags, class-data archive)
            cmd.add(launcher);
            cmd.addAll(args);
            return new ProcessBuilder(cmd);
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(List.of(jvmOptions));
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add("dev.reel.cli.Reel");
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }

    private static String absoluteClassPath() {
        StringBuilder b = new StringBuilder();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (b.length() > 0) {
                b.append(File.pathSeparatorChar);
            }
            b.append(e.endsWith("*") ? Path.of(e.substring(0, e.length() - 1)).toAbsolutePath() + File.separator + "*"
                    : Path.of(e).toAbsolutePath().toString());
        }
        return b.toString();
    }
}
