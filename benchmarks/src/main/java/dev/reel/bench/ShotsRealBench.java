package dev.reel.bench;

import dev.reel.media.shots.Detectors;
import dev.reel.samples.DevsetScorer;
import dev.reel.samples.DevsetScorer.Clip;
import dev.reel.samples.DevsetScorer.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private ShotsRealBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path devset = null;
        ShotsRows.Options o = new ShotsRows.Options();
        List<String> clipFilter = null;
        for (int i = 1; i < args.length; i++) {
            int taken = o.take(args, i);
            if (taken >= 0) {
                i = taken;
            } else if (args[i].equals("--clips")) {
                clipFilter = List.of(args[++i].split(","));
            } else {
                devset = Path.of(args[i]);
            }
        }
        if (devset == null) {
            devset = Path.of("../shared/devset");
        }
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

        Map<String, ShotsRows.Row> rows = new LinkedHashMap<>();
        ShotsRows.putReelRows(rows, real, o);
        for (String d : Detectors.names()) {
            if (!d.equals("default")) {
                rows.put(d, clip -> ShotsRows.inProcess(clip, d, Map.of(), false));
            }
        }
        rows.put("scdet", ShotsRows::scdet);

        System.out.printf(Locale.ROOT, "# development set: %d clips (%s)%s%n", clips.size(), devset,
                o.params.isEmpty() ? "" : ", reel rows with " + o.params);
        Path media = devset.resolve("media");
        List<String> summary = new ArrayList<>();
        for (Map.Entry<String, ShotsRows.Row> row : rows.entrySet()) {
            String name = row.getKey();
            if (!o.wanted(name)) {
                continue;
            }
            Map<String, Result> byHalf = new LinkedHashMap<>();
            Result[] total = {Result.ZERO, Result.ZERO}; // all clips, trap clips
            double seconds = ShotsRows.run(row.getValue(), clips, c -> media.resolve(c.file()), real.resolve(name + ".json"), (c, m) -> {
                Result r = m.result();
                total[0] = total[0].plus(r);
                byHalf.merge(c.half(), r, Result::plus);
                if (c.negative() || c.id().contains("trap")) {
                    total[1] = total[1].plus(r);
                }
                System.out.printf(Locale.ROOT, "# %-20s %-22s %s cuts %2d/%-2d gradual %2d/%-2d false %d%s%n", name, c.id(),
                        c.half(), r.cutHits(), r.cuts(), r.gradualHits(), r.graduals(), r.falseAlarms(),
                        o.verbose && !m.describe().isEmpty() ? "  " + m.describe() : "");
            });
            for (String half : List.of("A", "B")) {
                Result r = byHalf.getOrDefault(half, Result.ZERO);
                ShotsRows.printHalf("shots-real", name, half, r);
            }
            Result all = total[0];
            System.out.printf(Locale.ROOT, "# %-20s total:  %s | false on trap clips %d | %.1f s%n", name, all.summary(),
                    total[1].falseAlarms(), seconds);
            System.out.printf(Locale.ROOT, "bench shots-real-f1-all-%s %.3f f1%n", name, all.f1());
            System.out.printf(Locale.ROOT, "bench shots-real-f1-cut-%s %.3f f1%n", name, all.cutF1());
            System.out.printf(Locale.ROOT, "bench shots-real-recall-gradual-%s %.3f recall%n", name, all.gradualRecall());
            System.out.printf(Locale.ROOT, "bench shots-real-false-%s %d count%n", name, all.falseAlarms());
            System.out.printf(Locale.ROOT, "bench shots-real-false-traps-%s %d count%n", name, total[1].falseAlarms());
            System.out.printf(Locale.ROOT, "bench shots-real-time-%s %.2f s%n", name, seconds);
            summary.add(tableRow(name, byHalf.getOrDefault("A", Result.ZERO), byHalf.getOrDefault("B", Result.ZERO), all));
        }
        System.out.println("# | detector | A: F1 all / cut F1 / gradual / false | B: F1 all / cut F1 / gradual / false | total: F1 all / cut F1 / gradual / false |");
        for (String s : summary) {
            System.out.println("# " + s);
        }
    }

    private static String tableRow(String name, Result a, Result b, Result t) {
        StringBuilder sb = new StringBuilder("| " + name + " |");
        for (Result r : List.of(a, b, t)) {
            sb.append(String.format(Locale.ROOT, " %.3f / %.3f / %d/%d / %d |", r.f1(), r.cutF1(), r.gradualHits(), r.graduals(), r.falseAlarms()));
        }
        return sb.toString();
    }
}
