package dev.reel.bench;

import dev.reel.samples.DevsetScorer;
import dev.reel.samples.DevsetScorer.Clip;
import dev.reel.samples.DevsetScorer.Result;
import dev.reel.samples.RealShotSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code scripts/bench shots real-synth [N] [options]}: shot detection on the real-content suite that
 * {@link RealShotSuite} generates from a development set's single-shot stretches ({@code N} clips, one
 * transition each, default {@link RealShotSuite#DEFAULT_COUNT}), scored by {@link DevsetScorer}: per
 * row, per source half (A: tune on it, B: report on it) and per kind of transition, as {@code bench}
 * lines ({@code shots-realsynth-...}) and a table.
 *
 * <p>Rows: {@code default} and {@code default-every-frame} ({@code reel shots} as users run it, or in this
 * JVM with {@code --in-process}), {@code scdet} (the bundled ffmpeg at threshold 10). Options:
 * {@code --devset DIR} (default {@code ../shared/devset}; skips when absent), {@code --seed S},
 * {@code --rows a,b}, {@code --in-process}, {@code --param K=V}, {@code -v}. The suite goes to
 * {@code OUT/real-synth} (kept; items with the same plan are not rendered again).
 */
public final class ShotsRealSynthBench {
    private ShotsRealSynthBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path devset = Path.of("../shared/devset");
        int count = RealShotSuite.DEFAULT_COUNT;
        long seed = RealShotSuite.DEFAULT_SEED;
        ShotsRows.Options o = new ShotsRows.Options();
        for (int i = 1; i < args.length; i++) {
            int taken = o.take(args, i);
            if (taken >= 0) {
                i = taken;
                continue;
            }
            switch (args[i]) {
                case "--devset" -> devset = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> count = Integer.parseInt(args[i]);
            }
        }
        if (!Files.isRegularFile(devset.resolve("truth.json"))) {
            System.out.println("# no development set at " + devset + " (truth.json missing): skipped");
            return;
        }
        Path suite = out.resolve("real-synth");
        long t0 = System.nanoTime();
        List<RealShotSuite.Item> items = RealShotSuite.generate(devset, suite, count, seed);
        System.out.printf(Locale.ROOT, "# real-content suite: %d clips from %s (seed %d) in %s, %.1f s to generate%s%n",
                items.size(), devset, seed, suite, (System.nanoTime() - t0) / 1e9,
                o.params.isEmpty() ? "" : ", reel rows with " + o.params);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (RealShotSuite.Item it : items) {
            kinds.put(it.id(), it.kind().label);
        }
        List<Clip> clips = DevsetScorer.readTruth(suite.resolve("truth.json"));

        Path dir = out.resolve("real");
        Files.createDirectories(dir);
        Map<String, ShotsRows.Row> rows = new LinkedHashMap<>();
        ShotsRows.putReelRows(rows, dir, o);
        rows.put("scdet", ShotsRows::scdet);

        List<String> table = new ArrayList<>();
        Path media = suite.resolve("media");
        for (Map.Entry<String, ShotsRows.Row> row : rows.entrySet()) {
            String name = row.getKey();
            if (!o.wanted(name)) {
                continue;
            }
            Map<String, Result> byHalf = new TreeMap<>();
            Map<String, Result> byKindHalf = new LinkedHashMap<>();
            double seconds = ShotsRows.run(row.getValue(), clips, c -> media.resolve(c.file()), dir.resolve("synth-" + name + ".json"), (c, m) -> {
                Result r = m.result();
                byHalf.merge(c.half(), r, Result::plus);
                byKindHalf.merge(kinds.get(c.id()) + "-" + c.half(), r, Result::plus);
                if (o.verbose || r.falseAlarms() > 0 || r.cutHits() + r.gradualHits() < r.cuts() + r.graduals()) {
                    System.out.printf(Locale.ROOT, "# %-20s %-42s %s%n", name, c.id(), m.describe().isEmpty() ? "ok" : m.describe());
                }
            });
            StringBuilder cells = new StringBuilder("| " + name + " |");
            for (String half : List.of("A", "B")) {
                Result r = byHalf.getOrDefault(half, Result.ZERO);
                ShotsRows.printHalf("shots-realsynth", name, half, r);
                System.out.printf(Locale.ROOT, "bench shots-realsynth-false-%s-%s %d count%n", name, half, r.falseAlarms());
                cells.append(String.format(Locale.ROOT, " %.3f / %d |", r.f1(), r.falseAlarms()));
                for (RealShotSuite.Kind k : RealShotSuite.Kind.values()) {
                    Result kr = byKindHalf.getOrDefault(k.label + "-" + half, Result.ZERO);
                    int found = kr.cutHits() + kr.gradualHits(), all = kr.cuts() + kr.graduals();
                    System.out.printf(Locale.ROOT, "bench shots-realsynth-recall-%s-%s-%s %.3f recall%n", k.label, name, half,
                            all == 0 ? 1.0 : (double) found / all);
                    cells.append(String.format(Locale.ROOT, " %d/%d%s |", found, all,
                            kr.falseAlarms() > 0 ? " (+" + kr.falseAlarms() + " false)" : ""));
                }
            }
            System.out.printf(Locale.ROOT, "bench shots-realsynth-time-%s %.2f s%n", name, seconds);
            table.add(cells.toString());
        }
        StringBuilder head = new StringBuilder("| detector |");
        for (String half : List.of("A", "B")) {
            head.append(" ").append(half).append(": F1 all / false |");
            for (RealShotSuite.Kind k : RealShotSuite.Kind.values()) {
                head.append(" ").append(half).append(" ").append(k.label).append(" |");
            }
        }
        System.out.println("# " + head);
        for (String s : table) {
            System.out.println("# " + s);
        }
    }
}
