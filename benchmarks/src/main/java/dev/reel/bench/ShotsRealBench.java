package dev.reel.bench;

import dev.reel.media.shots.Detectors;
import dev.reel.media.shots.ShotDetector;
import dev.reel.media.shots.ShotListJson;
import dev.reel.media.shots.SparseDecoder;
import dev.reel.media.shots.Transition;
import dev.reel.samples.DevsetScorer;
import dev.reel.samples.DevsetScorer.Clip;
import dev.reel.samples.DevsetScorer.Result;
import dev.reel.samples.DevsetScorer.Span;
import dev.reel.samples.Ffmpeg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench shots real [DIR] [options]}: shot detection on real footage with hand-verified truth
 * (a development set: {@code DIR/truth.json}, {@code DIR/media/}), scored by {@link DevsetScorer}.
 *
 * <p>Rows: {@code default} and {@code default-every-frame} run the {@code reel shots} command as users do
 * (the launcher, JSON output; reference frames first, and {@code --every-frame}); the other detectors run
 * in this JVM on every frame decoded (as the command decodes for them); {@code scdet} is the bundled
 * ffmpeg's scene-change filter at threshold 10. Per clip: hits, false alarms (and with {@code -v} what
 * was missed); per row and per half (A, B) and in total: P/R/F1 over all transitions, over cuts, gradual
 * recall, false alarms, the false alarms on trap clips, and the time, as {@code bench} lines. Each row's
 * detections are also written as {@code OUT/real/<row>.json} in the reference scorer's input format.
 *
 * <p>Options: {@code --in-process} (reel rows in this JVM: same decoding and detector, no process
 * start), {@code --rows a,b} (only these rows), {@code --clips a,b} (only these clips), {@code -v}, {@code --param K=V} (passed to the reel
 * rows, for tuning).
 */
public final class ShotsRealBench {
    private static final double SCDET_THRESHOLD = 10;

    private ShotsRealBench() {
    }

    /** A way of producing detections for a clip. */
    private interface Row {
        List<Span> detect(Path clip) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path devset = null;
        boolean inProcess = false, verbose = false;
        List<String> only = null, clipFilter = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--in-process" -> inProcess = true;
                case "-v" -> verbose = true;
                case "--rows" -> only = List.of(args[++i].split(","));
                case "--clips" -> clipFilter = List.of(args[++i].split(","));
                case "--param" -> {
                    String[] kv = args[++i].split("=", 2);
                    params.put(kv[0], kv[1]);
                }
                default -> devset = Path.of(args[i]);
            }
        }
        if (devset == null) devset = Path.of("../shared/devset");
        Path truthFile = devset.resolve("truth.json");
        if (!Files.isRegularFile(truthFile)) {
            System.out.println("# no development set at " + devset + " (truth.json missing): skipped");
            return;
        }
        List<Clip> clips = new ArrayList<>(DevsetScorer.readTruth(truthFile));
        if (clipFilter != null) {
            List<String> keep = clipFilter;
            clips.removeIf(c -> !keep.contains(c.id()));
        }
        Path real = out.resolve("real");
        Files.createDirectories(real);

        Map<String, Row> rows = new LinkedHashMap<>();
        final boolean ip = inProcess;
        rows.put("default", clip -> ip ? inProcess(clip, "default", params, true) : cli(real, clip, params, false));
        rows.put("default-every-frame", clip -> ip ? inProcess(clip, "default", params, false) : cli(real, clip, params, true));
        for (String d : Detectors.names()) {
            if (!d.equals("default")) rows.put(d, clip -> inProcess(clip, d, Map.of(), false));
        }
        rows.put("scdet", ShotsRealBench::scdet);

        System.out.printf(Locale.ROOT, "# development set: %d clips (%s)%s%n", clips.size(), devset,
                params.isEmpty() ? "" : ", reel rows with " + params);
        List<String> summary = new ArrayList<>();
        for (Map.Entry<String, Row> row : rows.entrySet()) {
            String name = row.getKey();
            if (only != null && !only.contains(name)) continue;
            Map<String, Result> byHalf = new LinkedHashMap<>();
            Result total = Result.ZERO, traps = Result.ZERO;
            double seconds = 0;
            StringBuilder json = new StringBuilder("{");
            for (Clip c : clips) {
                Path media = devset.resolve("media").resolve(c.file());
                long t0 = System.nanoTime();
                List<Span> dets = row.getValue().detect(media);
                seconds += (System.nanoTime() - t0) / 1e9;
                DevsetScorer.Match m = DevsetScorer.match(c, dets);
                Result r = m.result();
                total = total.plus(r);
                byHalf.merge(c.half(), r, Result::plus);
                if (c.negative() || c.id().contains("trap")) traps = traps.plus(r);
                System.out.printf(Locale.ROOT, "# %-20s %-22s %s cuts %2d/%-2d gradual %2d/%-2d false %d%s%n", name, c.id(),
                        c.half(), r.cutHits(), r.cuts(), r.gradualHits(), r.graduals(), r.falseAlarms(),
                        verbose && !m.describe().isEmpty() ? "  " + m.describe() : "");
                json.append(json.length() > 1 ? ",\n " : "").append('"').append(c.id()).append("\": ").append(toJson(dets));
            }
            Files.writeString(real.resolve(name + ".json"), json.append("}\n").toString());
            for (String half : List.of("A", "B")) {
                Result r = byHalf.getOrDefault(half, Result.ZERO);
                System.out.printf(Locale.ROOT, "# %-20s half %s: %s%n", name, half, r.summary());
                System.out.printf(Locale.ROOT, "bench shots-real-f1-all-%s-%s %.3f f1%n", name, half, r.f1());
                System.out.printf(Locale.ROOT, "bench shots-real-f1-cut-%s-%s %.3f f1%n", name, half, r.cutF1());
                System.out.printf(Locale.ROOT, "bench shots-real-recall-gradual-%s-%s %.3f recall%n", name, half, r.gradualRecall());
            }
            System.out.printf(Locale.ROOT, "# %-20s total:  %s | false on trap clips %d | %.1f s%n", name, total.summary(),
                    traps.falseAlarms(), seconds);
            System.out.printf(Locale.ROOT, "bench shots-real-f1-all-%s %.3f f1%n", name, total.f1());
            System.out.printf(Locale.ROOT, "bench shots-real-f1-cut-%s %.3f f1%n", name, total.cutF1());
            System.out.printf(Locale.ROOT, "bench shots-real-recall-gradual-%s %.3f recall%n", name, total.gradualRecall());
            System.out.printf(Locale.ROOT, "bench shots-real-false-%s %d count%n", name, total.falseAlarms());
            System.out.printf(Locale.ROOT, "bench shots-real-false-traps-%s %d count%n", name, traps.falseAlarms());
            System.out.printf(Locale.ROOT, "bench shots-real-time-%s %.2f s%n", name, seconds);
            summary.add(tableRow(name, byHalf.getOrDefault("A", Result.ZERO), byHalf.getOrDefault("B", Result.ZERO), total));
        }
        System.out.println("# | detector | A: F1 all / cut F1 / gradual / false | B: F1 all / cut F1 / gradual / false | total: F1 all / cut F1 / gradual / false |");
        for (String s : summary) System.out.println("# " + s);
    }

    private static String tableRow(String name, Result a, Result b, Result t) {
        StringBuilder sb = new StringBuilder("| " + name + " |");
        for (Result r : List.of(a, b, t)) {
            sb.append(String.format(Locale.ROOT, " %.3f / %.3f / %d/%d / %d |", r.f1(), r.cutF1(), r.gradualHits(), r.graduals(), r.falseAlarms()));
        }
        return sb.toString();
    }

    /** reel shots as users run it (the launcher), JSON to a file. */
    static List<Span> cli(Path dir, Path clip, Map<String, String> params, boolean everyFrame) throws Exception {
        Path json = dir.resolve("reel-shots.json");
        List<String> a = new ArrayList<>(List.of("shots", clip.toString(), "-q", "--format", "json", "-o", json.toString()));
        if (everyFrame) a.add("--every-frame");
        params.forEach((k, v) -> a.addAll(List.of("--param", k + "=" + v)));
        PeerRun.Figures f = PeerRun.run(PeerRun.reel(a));
        if (f.exit() != 0) throw new IOException("reel shots failed (exit " + f.exit() + ") on " + clip);
        List<Span> out = new ArrayList<>();
        for (Transition t : ShotListJson.read(json).transitions()) out.add(new Span(t.startFrame(), t.endFrame()));
        Files.deleteIfExists(json);
        return out;
    }

    /** A detector in this JVM, decoding as the command does (reference frames first only when {@code sparse}). */
    static List<Span> inProcess(Path clip, String detector, Map<String, String> params, boolean sparse) {
        ShotDetector d = Detectors.create(detector, params.isEmpty() ? null : new HashMap<>(params));
        List<Span> out = new ArrayList<>();
        d.setListener(t -> out.add(new Span(t.startFrame(), t.endFrame())));
        SparseDecoder.forEach(clip.toString(), sparse, d::accept);
        d.finish();
        return out;
    }

    private static final Pattern FRAME = Pattern.compile("^frame:(\\d+)\\s");

    /** ffmpeg's scdet at threshold 10: the frames it marks (lavfi.scd.time) as cuts. */
    static List<Span> scdet(Path clip) throws Exception {
        ProcessBuilder pb = Ffmpeg.processBuilder(List.of("-i", clip.toString(), "-an", "-fps_mode", "passthrough", "-vf",
                "scdet=t=" + SCDET_THRESHOLD + ",metadata=mode=print:key=lavfi.scd.time:file=-", "-f", "null", "-"));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<Span> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = FRAME.matcher(line);
                if (m.find()) out.add(Span.of(Long.parseLong(m.group(1))));
            }
        }
        if (p.waitFor() != 0) throw new IOException("ffmpeg scdet failed (exit " + p.exitValue() + ") on " + clip);
        return out;
    }

    static String toJson(List<Span> dets) {
        StringBuilder sb = new StringBuilder("[");
        for (Span s : dets) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(s.start() == s.end() ? "{\"type\": \"cut\", \"frame\": " + s.start() + "}"
                    : "{\"type\": \"gradual\", \"start_frame\": " + s.start() + ", \"end_frame\": " + s.end() + "}");
        }
        return sb.append(']').toString();
    }
}
