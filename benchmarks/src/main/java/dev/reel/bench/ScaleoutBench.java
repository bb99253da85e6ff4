package dev.reel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.samples.Ffmpeg;
import dev.reel.samples.SampleSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench scaleout}: shot-chunked vs one-pass encodes of the 60 s 1080p bench clip (x264,
 * and SVT-AV1 when the bundled FFmpeg has it): wall-time, size and SSIM, in one run; a 50-file batch
 * on the local engine vs embedded Flink; and a model of the chunked speed-up on 8 and 64 workers from
 * the measured per-chunk times; {@code --target ssim=0.98} vs fixed CRF at equal mean SSIM (part
 * {@code target}). Arguments: DIR [SECONDS] [PARTS: x264,svtav1,target,batch].
 */
public final class ScaleoutBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        List<String> parts = List.of((args.length > 2 ? args[2] : "x264,svtav1,target,batch").split(","));
        Files.createDirectories(dir);
        Path in = SampleSuite.benchClip(dir, 1920, 1080, seconds, 1);
        System.out.println("# input " + in + " (" + seconds + " s 1080p H.264), " + Runtime.getRuntime().availableProcessors() + " cores");
        if (parts.contains("x264")) {
            JsonNode x264 = compare("x264", in, dir, List.of("--vcodec", "h264", "--preset", "veryfast", "--crf", "23"));
            model(x264, x264.get("one_pass_seconds").asDouble());
        }
        if (parts.contains("svtav1")) {
            if (hasEncoder("libsvtav1")) {
                compare("svtav1", in, dir, List.of("--vcodec", "av1", "--preset", "10", "--crf", "35"));
            } else {
                System.out.println("# svtav1: the bundled FFmpeg has no libsvtav1: skipped");
            }
        }
        if (parts.contains("target")) {
            target(in, dir, 0.98, List.of("--vcodec", "h264", "--preset", "veryfast"));
        }
        if (parts.contains("batch")) {
            batch(dir);
        }
    }

    /**
     * {@code --chunks --target ssim=T} vs one-pass fixed CRF at the same mean SSIM: the target run
     * gives a size and a mean SSIM over the whole output; fixed-CRF one-pass encodes step from the
     * chunks' mean CRF until two neighbouring CRFs bracket that SSIM, and the fixed-CRF size at it is
     * interpolated (log size, linear in SSIM) between them.
     */
    static void target(Path in, Path dir, double t, List<String> settings) throws Exception {
        Path out = dir.resolve("scaleout-target.mp4");
        List<String> a = new ArrayList<>(List.of("transcode", in.toString(), out.toString(), "-y", "-q", "--acodec", "none",
                "--chunks", "auto", "--target", "ssim=" + t, "--json"));
        a.addAll(settings);
        Path summary = dir.resolve("scaleout-target.json");
        double wall = time(a, summary);
        JsonNode s = JSON.readTree(lastLine(summary));
        long size = Files.size(out);
        double ssim = ssim(out, in);
        double crfSum = 0;
        long frames = 0;
        int probes = 0;
        StringBuilder crfs = new StringBuilder();
        for (JsonNode r : s.get("chunk_results")) {
            crfSum += r.get("crf").asDouble() * r.get("frames").asLong();
            frames += r.get("frames").asLong();
            probes += r.get("probes").asInt();
            crfs.append(crfs.length() == 0 ? "" : ",").append(r.get("crf").asInt());
        }
        System.out.printf(Locale.ROOT, "# target ssim=%s: %d chunks, CRFs %s, %d probe encodes, %.1f s, %d B, mean SSIM %.5f%n",
                t, s.get("chunks").asInt(), crfs, probes, wall, size, ssim);
        java.util.TreeMap<Integer, double[]> fixed = new java.util.TreeMap<>(); // crf -> {ssim, bytes, seconds}
        int crf = (int) Math.round(crfSum / frames);
        for (int tries = 0; tries < 8; tries++) {
            Path f = dir.resolve("scaleout-fixed-crf" + crf + ".mp4");
            List<String> b = new ArrayList<>(List.of("transcode", in.toString(), f.toString(), "-y", "-q", "--acodec", "none",
                    "--crf", Integer.toString(crf)));
            b.addAll(settings);
            double w = time(b, null);
            double q = ssim(f, in);
            fixed.put(crf, new double[] {q, Files.size(f), w});
            System.out.printf(Locale.ROOT, "# fixed CRF %d (one pass): %.1f s, %d B, mean SSIM %.5f%n", crf, w, Files.size(f), q);
            if (bracket(fixed, ssim) != null) {
                break;
            }
            crf += q >= ssim ? 1 : -1;
        }
        double[][] pair = bracket(fixed, ssim);
        if (pair == null) {
            System.out.println("# target: no fixed CRF pair brackets SSIM " + ssim + ": no size ratio");
            return;
        }
        double[] hi = pair[0];
        double[] lo = pair[1];
        double w = (ssim - lo[0]) / (hi[0] - lo[0]);
        double fixedBytes = Math.exp(Math.log(lo[1]) + w * (Math.log(hi[1]) - Math.log(lo[1])));
        System.out.printf(Locale.ROOT, "bench scaleout-target-size-ratio %.4f target/fixed-crf at equal mean SSIM %.5f%n",
                size / fixedBytes, ssim);
        System.out.printf(Locale.ROOT, "bench scaleout-target-wall %.1f s (fixed CRF one pass %.1f s)%n", wall, hi[2]);
    }

    /** Two neighbouring CRFs, {crf, crf+1}, the first at or above {@code ssim}, the second below; null if none yet. */
    private static double[][] bracket(java.util.TreeMap<Integer, double[]> fixed, double ssim) {
        for (var e : fixed.entrySet()) {
            double[] next = fixed.get(e.getKey() + 1);
            if (next != null && e.getValue()[0] >= ssim && next[0] < ssim) {
                return new double[][] {e.getValue(), next};
            }
        }
        return null;
    }

    /** One-pass vs chunked with the same settings; returns the chunked run's summary. */
    static JsonNode compare(String name, Path in, Path dir, List<String> settings) throws Exception {
        Path one = dir.resolve("scaleout-" + name + "-onepass.mp4");
        Path chunked = dir.resolve("scaleout-" + name + "-chunked.mp4");
        List<String> a = new ArrayList<>(List.of("transcode", in.toString(), one.toString(), "-y", "-q", "--acodec", "none"));
        a.addAll(settings);
        double t1 = time(a, null);
        List<String> b = new ArrayList<>(List.of("transcode", in.toString(), chunked.toString(), "-y", "-q", "--acodec", "none",
                "--chunks", "auto", "--json"));
        b.addAll(settings);
        Path summary = dir.resolve("scaleout-" + name + "-chunked.json");
        double t2 = time(b, summary);
        JsonNode s = JSON.readTree(lastLine(summary));
        double ssim1 = ssim(one, in);
        double ssim2 = ssim(chunked, in);
        long size1 = Files.size(one);
        long size2 = Files.size(chunked);
        System.out.printf(Locale.ROOT, "# %s: one pass %.1f s %d B SSIM %.5f; chunked (%d chunks, %s) %.1f s %d B SSIM %.5f%n",
                name, t1, size1, ssim1, s.get("chunks").asInt(), s.get("engine").asText(), t2, size2, ssim2);
        System.out.printf(Locale.ROOT, "bench scaleout-%s-wall-ratio %.3f chunked/one-pass%n", name, t2 / t1);
        System.out.printf(Locale.ROOT, "bench scaleout-%s-size-ratio %.4f chunked/one-pass%n", name, (double) size2 / size1);
        System.out.printf(Locale.ROOT, "bench scaleout-%s-ssim-diff %+.5f chunked-one-pass%n", name, ssim2 - ssim1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("one_pass_seconds", t1);
        return s;
    }

    /**
     * Speed-up on W workers from the measured chunk times: shot detection and the join stay serial;
     * chunks go longest first to the next free worker (what both engines do). Assumes each worker
     * encodes a chunk as fast as this machine did with its jobs sharing the cores, and that reading the
     * input and writing chunks over a shared file system costs nothing extra.
     */
    static void model(JsonNode s, double onePass) {
        double plan = s.get("plan_seconds").asDouble();
        double join = s.get("join_seconds").asDouble();
        int jobs = s.get("chunk_times").size() == 0 ? 1 : (int) Math.max(1, Math.round(
                sum(s) / Math.max(1e-9, s.get("encode_seconds").asDouble())));
        double[] times = new double[s.get("chunk_times").size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = s.get("chunk_times").get(i).get("seconds").asDouble();
        }
        // A chunk measured with `jobs` encodes sharing this machine's cores runs about `jobs` times
        // slower than alone on a worker of the same size.
        double measured = s.get("seconds").asDouble();
        double serialEncode = sum(s);
        System.out.printf(Locale.ROOT, "# model: detection %.1f s, join %.1f s (serial); %d chunks, %.1f s of chunk encoding "
                + "(~%d sharing the cores)%n", plan, join, times.length, serialEncode, jobs);
        for (int w : new int[] {8, 64}) {
            double makespan = lpt(times, w) / jobs;
            double total = plan + makespan + join;
            System.out.printf(Locale.ROOT, "bench scaleout-model-%d-workers-speedup %.2f x vs one pass on this machine (%.1f s -> "
                    + "%.1f s; chunked here %.1f s; longest chunk alone %.1f s)%n", w, onePass / total, onePass, total, measured,
                    Arrays.stream(times).max().orElse(0) / jobs);
        }
    }

    static double sum(JsonNode s) {
        double t = 0;
        for (JsonNode c : s.get("chunk_times")) {
            t += c.get("seconds").asDouble();
        }
        return t;
    }

    /** Longest-processing-time-first schedule length of {@code times} on {@code w} workers. */
    static double lpt(double[] times, int w) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double[] load = new double[w];
        for (int i = sorted.length - 1; i >= 0; i--) {
            int min = 0;
            for (int k = 1; k < w; k++) {
                if (load[k] < load[min]) {
                    min = k;
                }
            }
            load[min] += sorted[i];
        }
        return Arrays.stream(load).max().orElse(0);
    }

    /** 50 small transcodes: local engine vs embedded Flink, 2 jobs each; the overhead ratio. */
    static void batch(Path dir) throws Exception {
        Path b = dir.resolve("scaleout-batch");
        Files.createDirectories(b);
        Path clip = b.resolve("clip.mp4");
        if (!Files.isRegularFile(clip)) {
            Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=4", "-c:v", "libx264",
                    "-preset", "ultrafast", clip.toString()), Duration.ofSeconds(60));
        }
        StringBuilder m = new StringBuilder("command,input,output,options\n");
        for (int i = 0; i < 50; i++) {
            m.append("transcode,clip.mp4,out/clip").append(i).append(".mp4,\"--preset veryfast --crf 23 -y\"\n");
        }
        Path manifest = b.resolve("batch.csv");
        Files.writeString(manifest, m);
        double best = Double.MAX_VALUE;
        double bestFlink = Double.MAX_VALUE;
        for (int rep = 0; rep < 2; rep++) {
            for (String engine : List.of("local", "flink")) {
                double t = time(List.of("batch", manifest.toString(), "--engine", engine, "--fresh", "--jobs", "2", "-q"), null);
                System.out.printf(Locale.ROOT, "# batch of 50, %s engine: %.1f s%n", engine, t);
                if (engine.equals("local")) {
                    best = Math.min(best, t);
                } else {
                    bestFlink = Math.min(bestFlink, t);
                }
            }
        }
        System.out.printf(Locale.ROOT, "bench scaleout-batch50-flink-overhead-ratio %.3f flink/local%n", bestFlink / best);
        System.out.printf(Locale.ROOT, "bench scaleout-batch50-local-wall %.1f s%n", best);
        System.out.printf(Locale.ROOT, "bench scaleout-batch50-flink-wall %.1f s%n", bestFlink);
    }

    private static double time(List<String> args, Path stdout) throws Exception {
        ProcessBuilder pb = PeerRun.reel(args);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("reel " + String.join(" ", args) + " failed: exit " + code);
        }
        return s;
    }

    private static String lastLine(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        return lines.get(lines.size() - 1);
    }

    /** Mean SSIM (All) of {@code a} against {@code ref}, by libavfilter's ssim. */
    static double ssim(Path a, Path ref) throws IOException {
        ProcessBuilder pb = Ffmpeg.processBuilder(List.of("-loglevel", "info", "-i", a.toString(), "-i", ref.toString(),
                "-lavfi", "ssim", "-f", "null", "-"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("All:([0-9.]+)").matcher(out);
        double v = Double.NaN;
        while (m.find()) {
            v = Double.parseDouble(m.group(1));
        }
        return v;
    }

    static boolean hasEncoder(String name) throws IOException {
        String out = new String(Ffmpeg.output(List.of("-encoders"), Duration.ofSeconds(30)), StandardCharsets.UTF_8);
        return out.contains(" " + name + " ");
    }
}
