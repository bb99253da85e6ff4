package dev.reel.bench;

import dev.reel.samples.Ffmpeg;
import dev.reel.samples.SampleSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;

/**
 * {@code scripts/bench startup [RUNS]}: what one call costs. {@code reel probe} of a small MP4
 * against ffprobe (from the same bytedeco jar as the bundled ffmpeg), and {@code reel transcode}
 * of a 20 s 1080p clip against ffmpeg, side by side: runs alternate, medians of wall time and
 * CPU time (the children's, from this process's cutime/cstime). Also the start-up levers: the JVM
 * floor ({@code reel probe --help}: the JVM and picocli, no FFmpeg), the class-data archive off, and, when a JDK 25 is given
 * ({@code -Dreel.jdk25=/path/to/jdk}), its ahead-of-time cache trained on the same run as the
 * archive, with the classes compiled for 17; and a warm JVM ({@link WarmJvmPrototype}: this JVM runs
 * the probe handed to it by a bash client; wall time only, its CPU is this process's, not counted).
 */
public final class StartupBench {
    private static final double TICK = 100.0;

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Files.createDirectories(dir);
        Path small = dir.resolve("startup-small.mp4");
        if (!Files.exists(small)) {
            Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine", "-t", "2",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", small.toString()), Duration.ofSeconds(60));
        }
        Path clip = SampleSuite.benchClip(dir, 1920, 1080, 20, 1);
        String ffprobe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        String launcher = System.getProperty("reel.launcher");
        String jdk25 = System.getProperty("reel.jdk25");
        Path aot = jdk25 == null ? null : trainAot(jdk25, dir);

        Map<String, Supplier<ProcessBuilder>> probe = new LinkedHashMap<>();
        probe.put("ffprobe", () -> {
            // The bundled ffmpeg's library path (the executables share the extracted libraries).
            ProcessBuilder b = Ffmpeg.processBuilder(List.of());
            b.command(List.of(ffprobe, "-v", "error", "-show_format", "-show_streams", "-of", "json", small.toString()));
            return b;
        });
        probe.put("reel", () -> PeerRun.reel(List.of("probe", small.toString())));
        probe.put("reel-probe-help", () -> PeerRun.reel(List.of("probe", "--help"))); // the JVM, picocli, no media
        if (launcher != null) {
            probe.put("reel-no-cds", () -> withEnv(PeerRun.reel(List.of("probe", small.toString())), "REEL_JAVA_OPTS", "-Xshare:off"));
        }
        if (aot != null) {
            probe.put("reel-jdk25-aot", () -> jdk25(jdk25, aot, List.of("probe", small.toString())));
        }
        Map<String, double[][]> p;
        try (WarmJvmPrototype warm = new WarmJvmPrototype()) {
            List<String> warmProbe = warm.client(List.of("probe", small.toAbsolutePath().toString()));
            Process check = new ProcessBuilder(warmProbe).redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (check.waitFor() != 0 || !said.endsWith("exit 0")) {
                throw new IllegalStateException("warm-JVM prototype: " + said);
            }
            for (int i = 0; i < 30; i++) { // a warm JVM: its JIT has seen the command
                run(new ProcessBuilder(warmProbe));
            }
            probe.put("reel-warm-jvm-prototype", () -> new ProcessBuilder(warmProbe));
            p = measure(probe, runs);
        }
        report("probe", p, "ffprobe");

        Path reelOut = dir.resolve("startup-reel.mp4");
        Path ffOut = dir.resolve("startup-ffmpeg.mp4");
        List<String> reelArgs = List.of("transcode", clip.toString(), reelOut.toString(), "-y", "-q", "--vcodec", "h264", "--preset",
                "veryfast", "--crf", "23", "--acodec", "none");
        Map<String, Supplier<ProcessBuilder>> transcode = new LinkedHashMap<>();
        transcode.put("ffmpeg", () -> Ffmpeg.processBuilder(List.of("-y", "-i", clip.toString(), "-an", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", ffOut.toString())));
        transcode.put("reel", () -> PeerRun.reel(reelArgs));
        if (aot != null) {
            transcode.put("reel-jdk25-aot", () -> jdk25(jdk25, aot, reelArgs));
        }
        Map<String, double[][]> t = measure(transcode, Math.max(3, runs / 2));
        report("transcode-20s", t, "ffmpeg");
    }

    private static ProcessBuilder withEnv(ProcessBuilder b, String k, String v) {
        b.environment().put(k, v);
        return b;
    }

    /** JDK 25 on the same class path, with its AOT cache and the launcher's JIT and GC flags for these commands. */
    private static ProcessBuilder jdk25(String jdk, Path aot, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(jdk, "bin", "java").toString(), "-XX:AOTCache=" + aot, "-Xlog:aot=off",
                "-Xlog:cds=off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmn16m", "-Xss2m", "-cp", cliClassPath(),
                "dev.reel.cli.Reel"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd);
    }

    private static String cliClassPath() {
        String launcher = System.getProperty("reel.launcher");
        if (launcher != null) {
            Path root = Path.of(launcher).toAbsolutePath().getParent().getParent();
            return root.resolve("cli/target/reel-cli-0.1.0-SNAPSHOT.jar") + ":" + root.resolve("cli/target/lib") + "/*";
        }
        return System.getProperty("java.class.path");
    }

    /** One-step AOT cache (JEP 514) from the launcher's archive training run. */
    private static Path trainAot(String jdk, Path dir) throws IOException, InterruptedException {
        Path aot = dir.resolve("reel-jdk25.aot");
        Files.deleteIfExists(aot);
        Process p = new ProcessBuilder(Path.of(jdk, "bin", "java").toString(), "-XX:AOTCacheOutput=" + aot, "-Xlog:aot=off", "-Xlog:cds=off",
                "-XX:+UseSerialGC", "-cp", cliClassPath(), "dev.reel.cli.CdsTraining", "x")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        if (!Files.exists(aot)) {
            System.out.println("# no AOT cache from " + jdk + " (exit " + p.exitValue() + ")");
            return null;
        }
        return aot;
    }

    /** For each variant: wall seconds and CPU seconds per run, runs alternating between variants. */
    private static Map<String, double[][]> measure(Map<String, Supplier<ProcessBuilder>> variants, int runs) throws Exception {
        Map<String, double[][]> out = new LinkedHashMap<>();
        variants.keySet().forEach(k -> out.put(k, new double[2][runs]));
        for (String k : variants.keySet()) { // one warm-up each (page cache, the launcher's archive)
            run(variants.get(k).get());
        }
        for (int i = 0; i < runs; i++) {
            for (var e : variants.entrySet()) {
                double[] f = run(e.getValue().get());
                out.get(e.getKey())[0][i] = f[0];
                out.get(e.getKey())[1][i] = f[1];
            }
        }
        return out;
    }

    private static double[] run(ProcessBuilder b) throws IOException, InterruptedException {
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        long c0 = childTicks();
        long t0 = System.nanoTime();
        Process p = b.start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        while (p.isAlive()) {
            Thread.sleep(1);
        }
        Thread.sleep(20); // the reaper has waited for it: its CPU is in our children's counters
        double cpu = (childTicks() - c0) / TICK;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", b.command()) + " exited " + code);
        }
        return new double[] {wall, cpu};
    }

    private static long childTicks() throws IOException {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime (fields 16 and 17)
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static void report(String name, Map<String, double[][]> m, String peer) {
        double peerWall = median(m.get(peer)[0]);
        for (var e : m.entrySet()) {
            double wall = median(e.getValue()[0]);
            double cpu = median(e.getValue()[1]);
            System.out.printf(Locale.ROOT, "bench startup-%s-%s-wall %.3f s (cpu %.2f s; median of %d)%n", name, e.getKey(), wall, cpu,
                    e.getValue()[0].length);
            if (!e.getKey().equals(peer)) {
                System.out.printf(Locale.ROOT, "bench startup-%s-%s-ratio %.3f ratio%n", name, e.getKey(), wall / peerWall);
            }
        }
    }
}
