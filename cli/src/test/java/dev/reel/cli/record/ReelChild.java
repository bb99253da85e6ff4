package dev.reel.cli.record;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code reel} as a child JVM on this test's class path (a recorder must be killable with
 * SIGKILL and stoppable with SIGTERM, which an in-process run is not), its output to a log file.
 * Registered as a test's extension, an instance ends what the test started after each test.
 */
public final class ReelChild implements AfterEachCallback {
    /** Small heap and quick start-up: several children run at once on a 2-core machine. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");
    /** How long {@link #run} waits for a reel command to end. */
    public static final long DEFAULT_RUN_SECONDS = 60;

    /** A finished reel command: its exit code and everything it printed. */
    public record Run(int code, String out) {
    }

    private final List<Process> started = new ArrayList<>();
    private final boolean gently;

    /**
     * @param gently end the children with SIGTERM first (a recorder then finishes its files), SIGKILL
     *     after 10 s; otherwise SIGKILL at once
     */
    public ReelChild(boolean gently) {
        this.gently = gently;
    }

    /** The command line of {@code reel args} in a new JVM. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.reel.cli.Reel"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code reel args}, stdout and stderr to {@code log}; the caller ends it. */
    public static Process start(Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs {@code reel args} to its end (at most {@link #DEFAULT_RUN_SECONDS}), its log in {@code tmp}. */
    public static Run run(Path tmp, String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "reel", ".log");
        Process p = start(log, args);
        if (!p.waitFor(DEFAULT_RUN_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("reel did not end: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** A UDP port free on 127.0.0.1 just now. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** As {@link #start}, ended after the test. */
    public Process reel(Path log, String... args) throws IOException {
        return track(start(log, args));
    }

    /** The bundled ffmpeg with {@code args}, its output discarded, ended after the test. */
    public Process ffmpeg(List<String> args) throws IOException {
        ProcessBuilder b = Ffmpeg.processBuilder(args);
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return track(b.start());
    }

    /** Has {@code p} ended after the test. */
    public Process track(Process p) {
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        endAll();
    }

    /** Ends every tracked process still running. */
    public void endAll() throws InterruptedException {
        for (Process p : started) {
            if (gently) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } else {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        started.clear();
    }
}
