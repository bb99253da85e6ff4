package dev.reel.bench;

import dev.reel.media.shots.Detectors;
import dev.reel.media.shots.ShotDetector;
import dev.reel.media.shots.ShotListJson;
import dev.reel.media.shots.SparseDecoder;
import dev.reel.media.shots.Transition;
import dev.reel.samples.DevsetScorer;
import dev.reel.samples.DevsetScorer.Clip;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of the shot benchmarks on real footage ({@link ShotsRealBench}, {@link ShotsRealSynthBench}):
 * ways of producing detections for a clip (reel as users run it or in this JVM, ffmpeg's scdet), their
 * shared options, and one row's run over a list of clips, scored and written in the reference scorer's
 * input format.
 */
final class ShotsRows {
    private static final double SCDET_THRESHOLD = 10;
    private static final Pattern FRAME = Pattern.compile("^frame:(\\d+)\\s");

    /** A way of producing detections for a clip. */
    interface Row {
        List<Span> detect(Path clip) throws Exception;
    }

    /** The options both benchmarks take: {@code --in-process}, {@code -v}, {@code --rows a,b}, {@code --param K=V}. */
    static final class Options {
        boolean inProcess;
        boolean verbose;
        List<String> only;
        final Map<String, String> params = new LinkedHashMap<>();

        /** Takes the option at {@code args[i]} if it is a shared one; returns the index of its last word, or -1. */
        int take(String[] args, int i) {
            switch (args[i]) {
                case "--in-process" -> inProcess = true;
                case "-v" -> verbose = true;
                case "--rows" -> only = List.of(args[++i].split(","));
                case "--param" -> {
                    String[] kv = args[++i].split("=", 2);
                    params.put(kv[0], kv[1]);
                }
                default -> {
                    return -1;
                }
            }
            return i;
        }

        boolean wanted(String row) {
            return only == null || only.contains(row);
        }
    }

    private ShotsRows() {
    }

    /** The reel rows, {@code default} and {@code default-every-frame}: the command (JSON through {@code dir}) or in this JVM. */
    static void putReelRows(Map<String, Row> rows, Path dir, Options o) {
        boolean ip = o.inProcess;
        Map<String, String> params = o.params;
        rows.put("default", clip -> ip ? inProcess(clip, "default", params, true) : cli(dir, clip, params, false));
        rows.put("default-every-frame", clip -> ip ? inProcess(clip, "default", params, false) : cli(dir, clip, params, true));
    }

    /**
     * Runs {@code row} over {@code clips} (media files by {@code media}), hands each clip's match to
     * {@code each}, writes the detections to {@code json} and returns the seconds spent detecting.
     */
    static double run(Row row, List<Clip> clips, Function<Clip, Path> media, Path json, BiConsumer<Clip, DevsetScorer.Match> each)
            throws Exception {
        double seconds = 0;
        StringBuilder sb = new StringBuilder("{");
        for (Clip c : clips) {
            long t0 = System.nanoTime();
            List<Span> dets = row.detect(media.apply(c));
            seconds += (System.nanoTime() - t0) / 1e9;
            each.accept(c, DevsetScorer.match(c, dets));
            sb.append(sb.length() > 1 ? ",\n " : "").append('"').append(c.id()).append("\": ").append(toJson(dets));
        }
        Files.writeString(json, sb.append("}\n").toString());
        return seconds;
    }

    /** A row's figures on one half of the set: its summary and the {@code bench PREFIX-...-NAME-HALF} lines both benchmarks print. */
    static void printHalf(String prefix, String name, String half, DevsetScorer.Result r) {
        System.out.printf(Locale.ROOT, "# %-20s half %s: %s%n", name, half, r.summary());
        System.out.printf(Locale.ROOT, "bench %s-f1-all-%s-%s %.3f f1%n", prefix, name, half, r.f1());
        System.out.printf(Locale.ROOT, "bench %s-f1-cut-%s-%s %.3f f1%n", prefix, name, half, r.cutF1());
        System.out.printf(Locale.ROOT, "bench %s-recall-gradual-%s-%s %.3f recall%n", prefix, name, half, r.gradualRecall());
    }

    /** reel shots as users run it (the launcher), JSON to a file. */
    static List<Span> cli(Path dir, Path clip, Map<String, String> params, boolean everyFrame) throws Exception {
        Path json = dir.resolve("reel-shots.json");
        List<String> a = new ArrayList<>(List.of("shots", clip.toString(), "-q", "--format", "json", "-o", json.toString()));
        if (everyFrame) {
            a.add("--every-frame");
        }
        params.forEach((k, v) -> a.addAll(List.of("--param", k + "=" + v)));
        PeerRun.Figures f = PeerRun.run(PeerRun.reel(a));
        if (f.exit() != 0) {
            throw new IOException("reel shots failed (exit " + f.exit() + ") on " + clip);
        }
        List<Span> out = new ArrayList<>();
        for (Transition t : ShotListJson.read(json).transitions()) {
            out.add(new Span(t.startFrame(), t.endFrame()));
        }
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
                if (m.find()) {
                    out.add(Span.of(Long.parseLong(m.group(1))));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg scdet failed (exit " + p.exitValue() + ") on " + clip);
        }
        return out;
    }

    /** Detections in the reference scorer's input format. */
    static String toJson(List<Span> dets) {
        StringBuilder sb = new StringBuilder("[");
        for (Span s : dets) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(s.start() == s.end() ? "{\"type\": \"cut\", \"frame\": " + s.start() + "}"
                    : "{\"type\": \"gradual\", \"start_frame\": " + s.start() + ", \"end_frame\": " + s.end() + "}");
        }
        return sb.append(']').toString();
    }
}
