package dev.reel.bench.soak;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes a soak drives: the recorder under test (started, restarted after a kill or a documented
 * disk-full exit), the live UDP sender (the bundled ffmpeg) and the size-limited tmpfs the recording
 * lives on.
 */
final class SoakProcesses {
    private final SoakRun run;
    private final Path schedule;
    final int port;
    private boolean mounted;
    private int recorderRuns;
    private volatile Process recorder;
    private volatile long recorderStartMs;
    private volatile boolean recorderKilled;
    private volatile Process sender;
    /** Picture size, GOP, profile, bitrate, timestamp offset (s). */
    private volatile String[] senderParams = {"640x360", "50", "main", "300k", "3600"};

    SoakProcesses(SoakRun run) throws IOException {
        this.run = run;
        this.schedule = run.config.out().resolve("schedule.csv");
        port = freeUdpPort();
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago (the sender and recorder are started on it next). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    boolean mounted() {
        return mounted;
    }

    synchronized int recorderRuns() {
        return recorderRuns;
    }

    Process recorder() {
        return recorder;
    }

    long recorderStartMs() {
        return recorderStartMs;
    }

    String[] senderParams() {
        return senderParams.clone();
    }

    void mountDisk() throws IOException, InterruptedException {
        Files.createDirectories(run.disk);
        if (isMounted(run.disk)) {
            exec(List.of("umount", run.disk.toString()));
        }
        int code = exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + (Soak.TMPFS_BYTES >> 20) + "m", "tmpfs", run.disk.toString()));
        mounted = code == 0 && isMounted(run.disk);
        if (!mounted) {
            run.note("NOTE: could not mount a tmpfs on " + run.disk + " (needs root): no disk-full or --min-free faults in this run");
        }
    }

    private static boolean isMounted(Path p) throws IOException {
        String s = p.toAbsolutePath().toString();
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(s));
    }

    private static int exec(List<String> cmd) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Stops everything and unmounts the disk; safe to call twice (also from a shutdown hook). */
    synchronized void cleanUp() {
        run.stopping = true;
        Process r = recorder;
        if (r != null && r.isAlive()) {
            r.destroy();
            try {
                if (!r.waitFor(30, TimeUnit.SECONDS)) {
                    r.destroyForcibly();
                }
            } catch (InterruptedException e) {
                r.destroyForcibly();
            }
        }
        Process s = sender;
        if (s != null) {
            s.destroyForcibly();
        }
        if (mounted) {
            try {
                exec(List.of("umount", "-l", run.disk.toString()));
            } catch (IOException | InterruptedException e) {
                // best effort
            }
            mounted = false;
        }
    }

    /** A programme every 5 minutes (every minute for runs under 15 minutes), from the next whole minute. */
    void writeSchedule() throws IOException {
        double seconds = run.config.seconds();
        long len = seconds < 900 ? 60_000 : 300_000;
        StringBuilder b = new StringBuilder("start,end,title\n");
        long start = (run.t0 / 60_000 + 1) * 60_000;
        for (int i = 0; start + i * len < run.t0 + seconds * 1000 + len; i++) {
            b.append(Instant.ofEpochMilli(start + i * len)).append(',').append(Instant.ofEpochMilli(start + (i + 1) * len))
                    .append(",Soak programme ").append(i + 1).append('\n');
        }
        Files.writeString(schedule, b);
    }

    synchronized void startRecorder() throws IOException {
        int n = ++recorderRuns;
        ProcessBuilder b = Soak.reel(List.of("record", "udp://127.0.0.1:" + port, "--dir", run.dir.toString(), "--segment", Soak.SEGMENT,
                "--window", "10m", "--shots", "--schedule", schedule.toString(), "--timeout", Soak.TIMEOUT_S + "s",
                "--min-free", (Soak.MIN_FREE_BYTES >> 20) + "M", "--keep-finished", run.config.seconds() < 900 ? "1m" : "6m"));
        b.redirectErrorStream(true).redirectOutput(run.logs.resolve("recorder-" + n + ".log").toFile());
        recorder = b.start();
        recorderStartMs = System.currentTimeMillis();
        recorderKilled = false;
        run.note("recorder " + n + " started, pid " + recorder.pid());
    }

    /** Restarts a recorder that ended by itself; a failure unless it was a documented disk-full stop. */
    synchronized void checkRecorder() throws IOException {
        Process r = recorder;
        if (r == null || r.isAlive() || recorderKilled || run.stopping) {
            return;
        }
        int code = r.exitValue();
        long now = System.currentTimeMillis();
        if (code == 5 && run.diskFaultAt(now)) {
            run.note("recorder stopped with exit 5 on a full disk (documented); restarting it");
            run.count("recorder-stopped-disk-full");
        } else {
            run.fail("recorder exited with " + code + " outside any fault (log " + run.logs.resolve("recorder-" + recorderRuns + ".log") + ")");
        }
        run.addFault(new SoakRun.Window(FaultPlan.Kind.KILL, "recorder exited " + code, now, now + 3000));
        startRecorder();
    }

    /** SIGKILL, then a new recorder two seconds later. */
    void killAndRestartRecorder() throws IOException, InterruptedException {
        synchronized (this) {
            recorderKilled = true;
            Process r = recorder;
            r.destroyForcibly();
            r.waitFor(10, TimeUnit.SECONDS);
        }
        Thread.sleep(2000);
        startRecorder();
    }

    synchronized void startSender() throws IOException {
        String[] p = senderParams;
        List<String> args = new ArrayList<>(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=" + p[0] + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-c:v", "libx264", "-preset", "ultrafast",
                "-tune", "zerolatency", "-g", p[1], "-profile:v", p[2], "-b:v", p[3], "-maxrate", p[3], "-bufsize", p[3],
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-output_ts_offset", p[4],
                "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316"));
        ProcessBuilder b = Ffmpeg.processBuilder(args);
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        sender = b.start();
    }

    /** Stops the sender and starts it again with {@code params} (a new stream for the recorder). */
    void restartSender(String[] params) throws IOException, InterruptedException {
        stopSender();
        Thread.sleep(300);
        senderParams = params;
        startSender();
    }

    void stopSender() throws InterruptedException {
        Process s = sender;
        if (s != null) {
            s.destroyForcibly();
            s.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
