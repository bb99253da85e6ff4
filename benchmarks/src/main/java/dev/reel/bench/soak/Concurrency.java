package dev.reel.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.record.Manifest;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/soak concurrent [MINUTES] [OUTDIR]}: four {@code reel record} processes, each taking one copy
 * of the same live UDP stream into a directory of its own, while two {@code reel transcode} runs of a 1080p
 * clip share the same cores. Passes when every recorder lost no more video frames than its leaky links
 * reported dropping, every listed segment plays and lasts what the manifest says, and both transcodes
 * wrote every frame of their input.
 */
public final class Concurrency {
    static final int RECORDERS = 4;
    static final int TRANSCODES = 2;
    static final int FPS = 25;
    static final int TIMEOUT_S = 3;
    /** Frames a recorder may miss for reasons outside reel: the stream's first GOP may start before it listens. */
    static final int DEFAULT_SLACK_FRAMES = 2 * FPS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final double minutes;
    private final Path out;
    private final PrintStream log;
    private final long t0 = System.currentTimeMillis();
    private final List<String> failures = new ArrayList<>();

    private Concurrency(double minutes, Path out, PrintStream log) {
        this.minutes = minutes;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path out = Path.of(args.length > 1 ? args[1] : "out/concurrency").toAbsolutePath();
        System.exit(run(minutes, out, System.out) ? 0 : 1);
    }

    /** Runs it for {@code minutes} of live stream, printing progress and the summary to {@code log}; true when it passed. */
    public static boolean run(double minutes, Path out, PrintStream log) throws Exception {
        return new Concurrency(minutes, out, log).run();
    }

    private void note(String s) {
        log.printf(Locale.ROOT, "# %7.1f s  %s%n", (System.currentTimeMillis() - t0) / 1000.0, s);
        log.flush();
    }

    private void fail(String s) {
        failures.add(s);
        note("FAIL " + s);
    }

    boolean run() throws Exception {
        Files.createDirectories(out);
        int seconds = (int) Math.round(minutes * 60);
        Path clip = out.resolve("clip-1080p.mp4");
        if (!Files.exists(clip)) {
            Ffmpeg.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "20", "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac",
                    "-y", clip.toString()), Duration.ofMinutes(5));
        }
        long clipFrames = MediaCheck.check(clip).frames();
        int[] ports = new int[RECORDERS];
        List<Process> recorders = new ArrayList<>();
        for (int i = 0; i < RECORDERS; i++) {
            ports[i] = SoakProcesses.freeUdpPort();
            Path dir = out.resolve("rec" + i);
            deleteTree(dir);
            ProcessBuilder b = Soak.reel(List.of("record", "udp://127.0.0.1:" + ports[i], "--dir", dir.toString(), "--segment", "2s",
                    "--window", "10m", "--timeout", TIMEOUT_S + "s", "--json"));
            b.redirectOutput(out.resolve("rec" + i + ".json").toFile()).redirectError(out.resolve("rec" + i + ".log").toFile());
            recorders.add(b.start());
        }
        Thread.sleep(4000); // the recorders' JVMs listen before the first packet
        StringBuilder tee = new StringBuilder();
        for (int p : ports) {
            tee.append(tee.length() == 0 ? "" : "|").append("[f=mpegts]udp://127.0.0.1:").append(p).append("?pkt_size=1316");
        }
        Process sender = Ffmpeg.processBuilder(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=" + FPS, "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast",
                "-tune", "zerolatency", "-g", "50", "-b:v", "400k", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
                "-map", "0:v", "-map", "1:a", "-f", "tee", tee.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(out.resolve("sender.log").toFile()).start();
        note(RECORDERS + " recorders listening, sender started for " + seconds + " s");
        int transcodesRun = 0;
        while (sender.isAlive()) {
            List<Process> ts = new ArrayList<>();
            for (int i = 0; i < TRANSCODES; i++) {
                Path o = out.resolve("transcode" + i + ".mp4");
                ts.add(Soak.reel(List.of("transcode", clip.toString(), o.toString(), "-y", "-q"))
                        .redirectErrorStream(true).redirectOutput(out.resolve("transcode" + i + ".log").toFile()).start());
            }
            for (int i = 0; i < TRANSCODES; i++) {
                Process p = ts.get(i);
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail("transcode " + i + " did not end within 10 minutes");
                    continue;
                }
                transcodesRun++;
                MediaCheck.Result r = MediaCheck.check(out.resolve("transcode" + i + ".mp4"));
                if (p.exitValue() != 0 || !r.plays() || r.frames() != clipFrames) {
                    fail("transcode " + i + ": exit " + p.exitValue() + ", plays " + r.plays() + ", " + r.frames() + " of " + clipFrames
                            + " frames");
                }
            }
        }
        if (sender.exitValue() != 0) {
            fail("the sender exited " + sender.exitValue() + " (sender.log)");
        }
        note("sender done; " + transcodesRun + " transcodes ran alongside");
        Thread.sleep((TIMEOUT_S + 2) * 1000L);
        long sent = (long) seconds * FPS;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RECORDERS; i++) {
            lines.add(checkRecorder(i, recorders.get(i), sent));
        }
        lines.add(String.format(Locale.ROOT, "concurrency transcodes %d of a 20 s 1080p clip, %d bad", transcodesRun,
                failures.stream().filter(f -> f.startsWith("transcode")).count()));
        boolean pass = failures.isEmpty();
        lines.add(String.format(Locale.ROOT, "concurrency %s %d recorders x %d s + %d transcodes at a time, %d failures%s", pass ? "pass" : "fail",
                RECORDERS, seconds, TRANSCODES, failures.size(), pass ? "" : ": " + failures.get(0)));
        lines.forEach(log::println);
        Files.write(out.resolve("concurrency-summary.txt"), lines);
        return pass;
    }

    private String checkRecorder(int i, Process r, long sent) throws Exception {
        r.destroy(); // SIGTERM: the recorder finalises and prints its JSON summary
        if (!r.waitFor(60, TimeUnit.SECONDS)) {
            r.destroyForcibly();
            fail("recorder " + i + " did not end within 60 s of SIGTERM");
            return "concurrency recorder " + i + " hung";
        }
        String text = Files.readString(out.resolve("rec" + i + ".json")).strip();
        if (r.exitValue() != 0 || text.isEmpty()) {
            fail("recorder " + i + " exited " + r.exitValue() + " (rec" + i + ".log)");
            return "concurrency recorder " + i + " failed";
        }
        JsonNode s = JSON.readTree(text.substring(text.lastIndexOf("\n{") + 1));
        long dropped = s.get("dropped").asLong();
        Path dir = out.resolve("rec" + i);
        Manifest m = Manifest.load(dir);
        long frames = 0;
        int bad = 0;
        int segments = m == null ? 0 : m.segments.size();
        for (Manifest.Segment seg : m == null ? List.<Manifest.Segment>of() : m.segments) {
            MediaCheck.Result c = MediaCheck.check(dir.resolve(seg.file));
            frames += Math.max(0, c.frames());
            if (!c.plays() || Math.abs(c.seconds() - seg.duration) > 2.0 / FPS + 0.02) {
                bad++;
                fail(String.format(Locale.ROOT, "recorder %d segment %s: plays %s, %.3f s, manifest %.3f s", i, seg.file, c.plays(),
                        c.seconds(), seg.duration));
            }
        }
        long lost = sent - frames;
        if (lost > dropped + DEFAULT_SLACK_FRAMES) {
            fail(String.format(Locale.ROOT, "recorder %d lost %d of %d frames but reported %d dropped", i, lost, sent, dropped));
        }
        int gaps = m == null ? 0 : m.gaps.size();
        return String.format(Locale.ROOT, "concurrency recorder %d: %d of %d frames recorded, %d lost, %d reported dropped, "
                + "%d segments (%d bad), %d gaps, cpu %.0f %%", i, frames, sent, lost, dropped, segments, bad, gaps,
                s.path("cpu_percent").asDouble());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
