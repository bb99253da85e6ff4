package dev.reel.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.bench.PeerRun;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code scripts/soak record HOURS [OUTDIR]}: {@code reel record} of a live UDP stream (the bundled
 * ffmpeg on 127.0.0.1) with a 10-minute window, 2 s segments, shot detection and a programme every
 * 5 minutes, while a fault injector on a fixed seed ({@link FaultPlan}) restarts and pauses the
 * sender, sends garbage, fills the disk (a size-limited tmpfs as the recording's disk, when mounting
 * is permitted) and SIGKILLs the recorder; every minute {@code timeshift ls} and {@code timeshift
 * export} (with and without {@code --exact}) run against the live directory. The recorder's RSS,
 * heap after GC, descriptors, threads and CPU go to soak.csv every 30 s, plotted in soak.png. Ends
 * with {@code soak pass ...} (exit 0) or {@code soak fail ...} (exit 1).
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Window(FaultPlan.Kind kind, String detail, long fromMs, long toMs) {
    }

    private final Config c;
    private final Path disk;
    private final Path dir;
    private final Path logs;
    private final PrintStream log;
    private final long t0 = System.currentTimeMillis();
    private final int port;
    private boolean mounted;
    private final List<Window> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Manifest.Gap> gaps = new ConcurrentHashMap<>();
    private final AtomicInteger recorderRuns = new AtomicInteger();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<double[]> exportErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile Process recorder;
    private volatile long recorderStartMs;
    private volatile boolean recorderKilled;
    private volatile Process sender;
    private volatile String[] senderParams = {"640x360", "50", "main", "300k", "3600"};
    private volatile boolean stopping;

    private Soak(Config c, PrintStream log) throws IOException {
        this.c = c;
        this.log = log;
        this.disk = c.out().resolve("disk");
        this.dir = disk.resolve("rec");
        this.logs = c.out().resolve("logs");
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && "concurrent".equals(args[0])) {
            Concurrency.main(java.util.Arrays.copyOfRange(args, 1, args.length));
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
        Thread hook = new Thread(s::cleanUp);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return s.soak();
        } finally {
            s.cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    private double elapsed() {
        return (System.currentTimeMillis() - t0) / 1000.0;
    }

    private void note(String s) {
        log.printf(Locale.ROOT, "# %7.1f s  %s%n", elapsed(), s);
        log.flush();
    }

    private void fail(String s) {
        failures.add(String.format(Locale.ROOT, "%.0f s: %s", elapsed(), s));
        note("FAIL " + s);
    }

    private Report soak() throws Exception {
        Files.createDirectories(logs);
        mountDisk();
        Files.createDirectories(dir);
        Path schedule = c.out().resolve("schedule.csv");
        writeSchedule(schedule);
        List<FaultPlan.Event> plan = FaultPlan.make(c.seconds(), c.seed(), mounted);
        note("plan: " + plan.size() + " faults over " + Math.round(c.seconds()) + " s, seed " + c.seed() + ", UDP port " + port
                + (mounted ? ", tmpfs " + (TMPFS_BYTES >> 20) + " MiB" : ""));
        startSender();
        startRecorder(schedule);
        Path csv = c.out().resolve("soak.csv");
        Path events = c.out().resolve("soak-events.csv");
        Files.writeString(csv, "seconds,pid,rss_mb,heap_after_gc_mb,fds,threads,cpu_percent\n");
        Files.writeString(events, "seconds,kind,detail\n");
        Thread injector = new Thread(() -> inject(plan, schedule, events), "soak-faults");
        injector.setDaemon(true);
        injector.start();
        Thread checker = new Thread(this::checkLoop, "soak-checks");
        checker.setDaemon(true);
        checker.start();
        List<double[]> samples = new ArrayList<>(); // seconds, seconds since recorder start, rss, heap, fds, threads
        ProcessSampler sampler = null;
        long nextSample = 0;
        while (elapsed() < c.seconds()) {
            Process r = recorder;
            if (r != null && !r.isAlive() && !recorderKilled) {
                recorderExited(r, schedule);
            }
            if (System.currentTimeMillis() >= nextSample) {
                nextSample = System.currentTimeMillis() + c.sampleSeconds() * 1000L;
                r = recorder;
                if (r != null && r.isAlive()) {
                    if (sampler == null || sampler.pid() != r.pid()) {
                        if (sampler != null) {
                            sampler.close();
                        }
                        sampler = new ProcessSampler(r.pid());
                    }
                    ProcessSampler.Sample s = sampler.sample();
                    double t = elapsed();
                    if (s.rssKb() > 0 && s.threads() > 2) { // not the launcher script before it execs the JVM
                        samples.add(new double[] {t, (System.currentTimeMillis() - recorderStartMs) / 1000.0, s.rssKb(),
                                s.heapAfterGcKb(), s.fds(), s.threads()});
                        Files.writeString(csv, String.format(Locale.ROOT, "%.1f,%d,%.1f,%.1f,%d,%d,%.1f%n", t, r.pid(),
                                s.rssKb() / 1024.0, s.heapAfterGcKb() / 1024.0, s.fds(), s.threads(), s.cpuPercent()),
                                StandardOpenOption.APPEND);
                    }
                }
            }
            Thread.sleep(200);
        }
        stopping = true;
        if (sampler != null) {
            sampler.close();
        }
        injector.join(120_000);
        checker.join(180_000);
        return finish(samples, csv, events);
    }

    // ---------------------------------------------------------------- processes

    private void mountDisk() throws IOException, InterruptedException {
        Files.createDirectories(disk);
        if (isMounted(disk)) {
            exec(List.of("umount", disk.toString()));
        }
        int code = exec(List.of("mount", "-t", "tmpfs", "-o", "size=" + (TMPFS_BYTES >> 20) + "m", "tmpfs", disk.toString()));
        mounted = code == 0 && isMounted(disk);
        if (!mounted) {
            note("NOTE: could not mount a tmpfs on " + disk + " (needs root): no disk-full or --min-free faults in this run");
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

    private synchronized void cleanUp() {
        stopping = true;
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
                exec(List.of("umount", "-l", disk.toString()));
            } catch (IOException | InterruptedException e) {
                // best effort
            }
            mounted = false;
        }
    }

    /** The reel CLI with the launcher's JVM flags for a recorder (C1 only, a 16 MB young generation). */
    static ProcessBuilder reel(List<String> args) {
        return PeerRun.reel(args, "-XX:TieredStopAtLevel=1", "-Xmn16m");
    }

    private void writeSchedule(Path file) throws IOException {
        long len = c.seconds() < 900 ? 60_000 : 300_000;
        StringBuilder b = new StringBuilder("start,end,title\n");
        long start = (t0 / 60_000 + 1) * 60_000;
        for (int i = 0; start + i * len < t0 + c.seconds() * 1000 + len; i++) {
            b.append(Instant.ofEpochMilli(start + i * len)).append(',').append(Instant.ofEpochMilli(start + (i + 1) * len))
                    .append(",Soak programme ").append(i + 1).append('\n');
        }
        Files.writeString(file, b);
    }

    private synchronized void startRecorder(Path schedule) throws IOException {
        int n = recorderRuns.incrementAndGet();
        ProcessBuilder b = reel(List.of("record", "udp://127.0.0.1:" + port, "--dir", dir.toString(), "--segment", SEGMENT,
                "--window", "10m", "--shots", "--schedule", schedule.toString(), "--timeout", TIMEOUT_S + "s",
                "--min-free", (MIN_FREE_BYTES >> 20) + "M"));
        b.redirectErrorStream(true).redirectOutput(logs.resolve("recorder-" + n + ".log").toFile());
        recorder = b.start();
        recorderStartMs = System.currentTimeMillis();
        recorderKilled = false;
        note("recorder " + n + " started, pid " + recorder.pid());
    }

    private synchronized void recorderExited(Process r, Path schedule) throws IOException {
        if (r != recorder || stopping) {
            return;
        }
        int code = r.exitValue();
        long now = System.currentTimeMillis();
        boolean diskFault = faults.stream().anyMatch(w -> (w.kind() == FaultPlan.Kind.DISK_FULL || w.kind() == FaultPlan.Kind.MIN_FREE)
                && now >= w.fromMs() && now <= w.toMs() + 15_000);
        if (code == 5 && diskFault) {
            note("recorder stopped with exit 5 on a full disk (documented); restarting it");
            count("recorder-stopped-disk-full");
        } else {
            fail("recorder exited with " + code + " outside any fault (log " + logs.resolve("recorder-" + recorderRuns.get() + ".log") + ")");
        }
        faults.add(new Window(FaultPlan.Kind.KILL, "recorder exited " + code, now, now + 3000));
        startRecorder(schedule);
    }

    private synchronized void startSender() throws IOException {
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

    private void stopSender() throws InterruptedException {
        Process s = sender;
        if (s != null) {
            s.destroyForcibly();
            s.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------- faults

    private void inject(List<FaultPlan.Event> plan, Path schedule, Path events) {
        for (FaultPlan.Event e : plan) {
            try {
                while (!stopping && elapsed() < e.atSeconds()) {
                    Thread.sleep(100);
                }
                if (stopping) {
                    return;
                }
                long from = System.currentTimeMillis();
                // Listed while it lasts (open-ended), so what it causes meanwhile is explained.
                Window open = new Window(e.kind(), "in progress", from, Long.MAX_VALUE / 2);
                faults.add(open);
                String detail = inject(e, schedule);
                long to = System.currentTimeMillis();
                faults.remove(open);
                faults.add(new Window(e.kind(), detail, from, to));
                count("fault-" + e.kind().name().toLowerCase(Locale.ROOT));
                note(e.kind() + " " + detail + String.format(Locale.ROOT, " (%.1f s)", (to - from) / 1000.0));
                synchronized (this) {
                    Files.writeString(events, String.format(Locale.ROOT, "%.1f,%s,%s%n", (from - t0) / 1000.0, e.kind(), detail),
                            StandardOpenOption.APPEND);
                }
            } catch (Exception ex) {
                fail("fault " + e.kind() + " could not be injected: " + ex);
            }
        }
    }

    private String inject(FaultPlan.Event e, Path schedule) throws Exception {
        Random rnd = new Random(e.variant());
        switch (e.kind()) {
            case SENDER_RESTART -> {
                String[] p = senderParams.clone();
                String what;
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        String[] sizes = {"640x360", "480x270", "320x240", "704x396"};
                        p[0] = sizes[rnd.nextInt(sizes.length)];
                        what = "picture size " + p[0];
                    }
                    case 1 -> {
                        p[1] = rnd.nextBoolean() ? "25" : "50";
                        p[2] = rnd.nextBoolean() ? "baseline" : "main";
                        p[3] = rnd.nextBoolean() ? "250k" : "400k";
                        what = "codec parameters gop " + p[1] + " " + p[2] + " " + p[3];
                    }
                    default -> {
                        String old = p[4];
                        p[4] = "0".equals(old) ? "36000" : "0";
                        what = "timestamps " + old + " s -> " + p[4] + " s";
                    }
                }
                stopSender();
                Thread.sleep(300);
                senderParams = p;
                startSender();
                return what;
            }
            case SENDER_PAUSE -> {
                int secs = TIMEOUT_S + 2 + rnd.nextInt(6);
                stopSender();
                Thread.sleep(secs * 1000L);
                startSender();
                return "silent " + secs + " s";
            }
            case GARBAGE -> {
                int n = 0;
                try (DatagramSocket s = new DatagramSocket()) {
                    InetAddress lo = InetAddress.getLoopbackAddress();
                    long end = System.currentTimeMillis() + 1000 + rnd.nextInt(2000);
                    while (System.currentTimeMillis() < end) {
                        byte[] b = new byte[rnd.nextBoolean() ? 1316 : 1 + rnd.nextInt(1500)];
                        rnd.nextBytes(b);
                        if (b.length == 1316 && rnd.nextBoolean()) {
                            for (int i = 0; i < b.length; i += 188) {
                                b[i] = 0x47; // looks like MPEG-TS packets: the demuxer takes them in
                            }
                        }
                        s.send(new DatagramPacket(b, b.length, lo, port));
                        n++;
                        Thread.sleep(5);
                    }
                }
                return n + " datagrams";
            }
            case MIN_FREE -> {
                long free = Files.getFileStore(disk).getUsableSpace();
                long listed = segmentBytes();
                long deficit = Math.max(1L << 20, Math.min(6L << 20, listed / 2));
                long fill = Math.max(0, free - MIN_FREE_BYTES + deficit);
                Path filler = disk.resolve("filler");
                long wrote = fill(filler, fill);
                Thread.sleep(15_000);
                Files.deleteIfExists(filler);
                return String.format(Locale.ROOT, "free %.1f MiB below --min-free for 15 s", (wrote - free + MIN_FREE_BYTES) / 1048576.0);
            }
            case DISK_FULL -> {
                // Right after a segment was listed: the next one fails while being written, not at its start.
                Path mf = dir.resolve(Manifest.FILE);
                long before = Files.exists(mf) ? Files.getLastModifiedTime(mf).toMillis() : 0;
                long end = System.currentTimeMillis() + 6000;
                while (System.currentTimeMillis() < end && (Files.exists(mf) ? Files.getLastModifiedTime(mf).toMillis() : 0) == before) {
                    Thread.sleep(20);
                }
                Path filler = disk.resolve("filler");
                long wrote = fill(filler, Long.MAX_VALUE);
                Thread.sleep(1200);
                Files.deleteIfExists(filler);
                return String.format(Locale.ROOT, "disk full (%.1f MiB filler) for 1.2 s", wrote / 1048576.0);
            }
            case KILL -> {
                synchronized (this) {
                    recorderKilled = true;
                    Process r = recorder;
                    r.destroyForcibly();
                    r.waitFor(10, TimeUnit.SECONDS);
                }
                Thread.sleep(2000);
                startRecorder(schedule);
                return "SIGKILL, restarted";
            }
            default -> throw new IllegalStateException();
        }
    }

    private long segmentBytes() {
        try {
            Manifest m = Manifest.load(dir);
            return m == null ? 0 : m.segments.stream().mapToLong(s -> s.bytes).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Writes up to {@code max} bytes, stopping quietly at a full disk; returns what was written. */
    private static long fill(Path file, long max) {
        long wrote = 0;
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        try (OutputStream o = new FileOutputStream(file.toFile())) {
            int size = chunk.length;
            while (wrote < max && size >= 4096) {
                int n = (int) Math.min(size, max - wrote);
                try {
                    o.write(chunk, 0, n);
                    o.flush();
                    wrote += n;
                } catch (IOException full) {
                    size /= 4;
                }
            }
        } catch (IOException e) {
            // full
        }
        return wrote;
    }

    // ---------------------------------------------------------------- checks while recording

    private void checkLoop() {
        long next = System.currentTimeMillis() + Math.min(c.checkSeconds(), 30) * 1000L;
        while (!stopping && elapsed() < c.seconds() - 5) {
            try {
                if (System.currentTimeMillis() >= next) {
                    next = System.currentTimeMillis() + c.checkSeconds() * 1000L;
                    checkOnce();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                fail("check: " + e);
            }
        }
    }

    private void checkOnce() throws Exception {
        Manifest m;
        try {
            m = Manifest.load(dir);
        } catch (IOException e) {
            fail("manifest does not parse: " + e.getMessage());
            return;
        }
        count("manifest-reads");
        if (m == null) {
            return;
        }
        for (Manifest.Gap g : m.gaps) {
            gaps.putIfAbsent(g.from, g);
        }
        checkPlaylist();
        if (m.segments.size() >= 2) {
            Manifest.Segment s = m.segments.get(m.segments.size() - 1);
            Path f = dir.resolve(s.file);
            MediaCheck.Result r = MediaCheck.check(f);
            count("live-segments-checked");
            if (!r.plays() && Files.exists(f)) {
                fail("listed segment " + s.file + " does not play: " + r.error());
            }
        }
        recycleProgrammes();
        Path lsOut = logs.resolve("ls.out");
        int ls = run(List.of("timeshift", "ls", dir.toString()), lsOut, 120);
        count("ls");
        if (ls != 0) {
            fail("timeshift ls exited " + ls + ": " + Files.readString(lsOut).strip());
        } else {
            stackTrace(lsOut);
        }
        export(false);
        export(true);
    }

    /**
     * What an operator does: finished programme files (which --window does not recycle) are checked
     * and deleted, the newest two kept; otherwise they fill the disk within the hour.
     */
    private void recycleProgrammes() throws IOException {
        Path finished = dir.resolve("finished");
        if (!Files.isDirectory(finished)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(finished)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ts") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path p : files.subList(0, Math.max(0, files.size() - 2))) {
            MediaCheck.Result r = MediaCheck.check(p);
            count("programmes-checked");
            if (!r.plays()) {
                fail("programme file " + p.getFileName() + " does not play: " + r.error());
            }
            Files.deleteIfExists(p);
            String json = p.getFileName().toString().replaceAll("\\.ts$", ".json");
            Files.deleteIfExists(p.resolveSibling(json));
        }
    }

    private void checkPlaylist() throws IOException {
        Path p = dir.resolve(Manifest.PLAYLIST);
        if (!Files.exists(p)) {
            return;
        }
        List<String> lines = Files.readAllLines(p);
        count("playlist-reads");
        boolean ok = !lines.isEmpty() && lines.get(0).equals("#EXTM3U") && lines.stream().anyMatch(l -> l.startsWith("#EXT-X-TARGETDURATION:"));
        for (int i = 0; ok && i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("#EXTINF:")) {
                ok = i + 1 < lines.size() && !lines.get(i + 1).startsWith("#") && !lines.get(i + 1).isBlank()
                        || i + 2 < lines.size() && lines.get(i + 1).startsWith("#EXT-X-") && !lines.get(i + 2).startsWith("#");
                try {
                    Double.parseDouble(l.substring(8, l.indexOf(',') < 0 ? l.length() : l.indexOf(',')));
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
        }
        if (!ok) {
            fail("playlist does not parse:\n" + String.join("\n", lines));
        }
    }

    private void export(boolean exact) throws Exception {
        Path out = c.out().resolve(exact ? "export-exact.ts" : "export.ts");
        Path json = logs.resolve(exact ? "export-exact.out" : "export.out");
        double asked = 20;
        List<String> args = exact
                ? List.of("timeshift", "export", dir.toString(), "--from", "-45s", "--to", "-25s", "--exact", out.toString(), "-y", "--json")
                : List.of("timeshift", "export", dir.toString(), "--last", "20s", out.toString(), "-y", "--json");
        Files.deleteIfExists(out);
        Manifest before = Manifest.load(dir);
        long nowMs = System.currentTimeMillis();
        boolean covered = before != null && !before.segments.isEmpty()
                && before.segments.get(0).startInstant().toEpochMilli() < nowMs - (exact ? 47_000 : 22_000);
        int code = run(args, json, 300);
        String name = exact ? "export-exact" : "export";
        count(name);
        String text = Files.readString(json);
        stackTrace(json);
        if (code != 0) {
            // An empty or too young buffer is a documented user error; anything else is a failure.
            if ((code == 3 || code == 4 || code == 2) && (!covered || elapsed() < 90)) {
                count(name + "-not-yet");
                return;
            }
            fail(name + " exited " + code + ": " + text.strip());
            return;
        }
        JsonNode o = JSON.readTree(text.substring(text.indexOf('{')));
        MediaCheck.Result r = MediaCheck.check(out);
        if (!r.plays()) {
            fail(name + " does not play: " + r.error());
            return;
        }
        Instant from = Instant.parse(o.get("from").asText());
        Instant to = Instant.parse(o.get("to").asText());
        boolean clean = o.get("gaps").isEmpty() && !touchesFault(from.toEpochMilli() - 2000, to.toEpochMilli() + 2000);
        if (!clean) {
            count(name + "-over-faults");
            return;
        }
        if (!covered) {
            count(name + "-young-buffer"); // the buffer (after a restart or deletions) is shorter than the range
            return;
        }
        double tol = exact ? 1.0 / FPS + 0.005 : 2.0 + 1.0 / FPS + 0.005; // one frame; one GOP (the sender's GOP is at most 2 s)
        double err = r.seconds() - asked;
        exportErrors.add(new double[] {exact ? 1 : 0, err});
        count(name + "-length-checked");
        if (Math.abs(err) > tol) {
            fail(String.format(Locale.ROOT, "%s is %.3f s long, asked %.1f s (tolerance %.3f s): %s", name, r.seconds(), asked, tol, text.strip()));
        }
    }

    private boolean touchesFault(long fromMs, long toMs) {
        synchronized (faults) {
            return faults.stream().anyMatch(w -> w.fromMs() <= toMs && w.toMs() + (TIMEOUT_S + 8) * 1000L >= fromMs);
        }
    }

    private int run(List<String> args, Path output, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder b = reel(args).redirectErrorStream(true).redirectOutput(output.toFile());
        Process p = b.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("reel " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
            return -1;
        }
        return p.exitValue();
    }

    private void stackTrace(Path file) throws IOException {
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (s.contains("\tat ") || s.contains("Exception in thread") || s.contains("SIGSEGV") || s.contains("hs_err_pid")) {
                fail("stack trace or crash in " + file + ":\n" + s.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
            }
        }
    }

    private void count(String key) {
        counts.merge(key, 1, Integer::sum);
    }

    // ---------------------------------------------------------------- the end

    private Report finish(List<double[]> samples, Path csv, Path events) throws Exception {
        note("stopping: SIGTERM to the recorder");
        Process r = recorder;
        r.destroy();
        if (!r.waitFor(60, TimeUnit.SECONDS)) {
            fail("recorder did not end within 60 s of SIGTERM");
            r.destroyForcibly();
        } else if (r.exitValue() != 0) {
            fail("recorder exited " + r.exitValue() + " on SIGTERM (want 0)");
        }
        stopSender();
        Manifest m = Manifest.load(dir);
        if (m != null) {
            Files.copy(dir.resolve(Manifest.FILE), c.out().resolve("manifest.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (Manifest.Gap g : m.gaps) {
                gaps.putIfAbsent(g.from, g);
            }
        }
        List<String> lines = new ArrayList<>();
        // Every listed segment plays and lasts what the manifest says.
        int segs = 0;
        int segBad = 0;
        int segOff = 0;
        double segWorst = 0;
        if (m != null) {
            for (Manifest.Segment s : m.segments) {
                MediaCheck.Result mr = MediaCheck.check(dir.resolve(s.file));
                segs++;
                double err = Math.abs(mr.seconds() - s.duration);
                segWorst = Math.max(segWorst, err);
                // Durations are wall clock (arrival) against frames x 1/fps: a frame of jitter, or two across a reconnect.
                boolean duringFault = touchesFault(s.startInstant().toEpochMilli() - 2000, s.endInstant().toEpochMilli());
                if (mr.plays() && err > 2.0 / FPS + 0.02 && duringFault) {
                    // e.g. frames lost while a disk filler or a restart starved the machine: reported, not a failure
                    segOff++;
                } else if (!mr.plays() || err > 2.0 / FPS + 0.02) {
                    segBad++;
                    if (segBad <= 10) {
                        fail(String.format(Locale.ROOT, "segment %s: plays %s, %.3f s of video, manifest says %.3f s%s", s.file, mr.plays(),
                                mr.seconds(), s.duration, mr.error() == null ? "" : " (" + mr.error() + ")"));
                    }
                }
            }
        }
        lines.add(String.format(Locale.ROOT, "soak segments %d listed, %d bad, %d off in length during a fault, worst duration error %.3f s",
                segs, segBad, segOff, segWorst));
        // Programme files.
        Path finished = dir.resolve("finished");
        int progs = 0;
        int progBad = 0;
        if (Files.isDirectory(finished)) {
            try (Stream<Path> s = Files.list(finished)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".ts")).sorted().toList()) {
                    progs++;
                    if (!MediaCheck.check(p).plays()) {
                        progBad++;
                        fail("programme file " + p.getFileName() + " does not play");
                    }
                }
            }
        }
        lines.add("soak programmes " + (progs + counts.getOrDefault("programmes-checked", 0)) + " files checked, " + progBad
                + " at the end do not play");
        // Every gap matches an injected fault.
        int unexplained = 0;
        for (Manifest.Gap g : new TreeMap<>(gaps).values()) {
            long gf = Instant.parse(g.from).toEpochMilli();
            long gt = Instant.parse(g.to).toEpochMilli();
            if (!touchesFault(gf, gt)) {
                unexplained++;
                fail("gap not explained by any fault: " + g.from + " .. " + g.to + " (" + g.reason + ")");
            }
        }
        lines.add("soak gaps " + gaps.size() + " seen, " + unexplained + " unexplained");
        // No stack trace anywhere.
        try (Stream<Path> s = Files.list(logs)) {
            for (Path p : s.toList()) {
                stackTrace(p);
            }
        }
        // Flat resources: the second half (after each start's warm-up) within tolerance of the first.
        double warm = Math.min(300, Math.max(20, c.seconds() * 0.1));
        List<double[]> settled = samples.stream().filter(x -> x[1] >= warm).toList();
        double half = c.seconds() / 2;
        List<double[]> early = settled.stream().filter(x -> x[0] < half).toList();
        List<double[]> late = settled.stream().filter(x -> x[0] >= half).toList();
        String[] names = {"rss", "heap-after-gc", "fds", "threads"};
        for (int i = 0; i < names.length; i++) {
            int col = i + 2;
            double a = median(early, col);
            double b = median(late, col);
            double slack = i >= 2 ? 2 : 0; // descriptors and threads are small counts: two either way is noise
            boolean flat = Double.isNaN(a) || Double.isNaN(b) || a <= 0 || b <= a * (1 + c.flatTolerance()) + slack;
            String unit = i < 2 ? " MiB" : "";
            double scale = i < 2 ? 1024 : 1;
            lines.add(String.format(Locale.ROOT, "soak %s first-half %.1f%s, second-half %.1f%s (median of %d and %d samples) %s", names[i],
                    a / scale, unit, b / scale, unit, early.size(), late.size(), flat ? "flat" : "GREW"));
            if (!flat && i != 1) {
                fail(names[i] + " grew from " + a / scale + " to " + b / scale);
            } else if (!flat) {
                fail("heap after GC grew from " + a / scale + " MiB to " + b / scale + " MiB");
            }
        }
        if (early.isEmpty() || late.isEmpty()) {
            lines.add("soak resources: too few settled samples to compare (run longer)");
        }
        double exportWorst = 0;
        double exactWorst = 0;
        for (double[] e : exportErrors) {
            if (e[0] == 1) {
                exactWorst = Math.max(exactWorst, Math.abs(e[1]));
            } else {
                exportWorst = Math.max(exportWorst, Math.abs(e[1]));
            }
        }
        lines.add(String.format(Locale.ROOT, "soak exports %d (%d length-checked, worst %.3f s), exact %d (%d length-checked, worst %.3f s)",
                counts.getOrDefault("export", 0), counts.getOrDefault("export-length-checked", 0), exportWorst,
                counts.getOrDefault("export-exact", 0), counts.getOrDefault("export-exact-length-checked", 0), exactWorst));
        lines.add("soak recorder runs " + recorderRuns.get() + ", faults " + new TreeMap<>(counts).entrySet().stream()
                .filter(e -> e.getKey().startsWith("fault-")).map(e -> e.getKey().substring(6) + "=" + e.getValue()).toList()
                + ", checks " + counts.getOrDefault("ls", 0) + " ls, " + counts.getOrDefault("playlist-reads", 0) + " playlist reads");
        if (!mounted) {
            lines.add("soak note: no tmpfs (not root?): disk-full and --min-free faults were not injected");
        }
        try {
            SoakPlot.plot(csv, events, c.out().resolve("soak.png"));
        } catch (Exception e) {
            lines.add("soak note: no plot: " + e);
        }
        boolean pass = failures.isEmpty() && segs > 0;
        String verdict = String.format(Locale.ROOT, "soak %s %.2f h, %d segments checked, %d failures%s", pass ? "pass" : "fail",
                c.hours(), segs, failures.size(), failures.isEmpty() ? "" : ": " + failures.get(0).lines().findFirst().orElse(""));
        for (String l : lines) {
            log.println(l);
        }
        log.println(verdict);
        lines.add(verdict);
        Files.write(c.out().resolve("soak-summary.txt"), lines);
        return new Report(pass, lines);
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(x -> x[col]).filter(x -> x >= 0).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
