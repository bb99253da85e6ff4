package dev.reel.bench.fuzz;

import dev.reel.samples.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code scripts/fuzz [N] [SEED] [COMMAND...]}: N damaged inputs per command (default 200; commands
 * transcode, probe, shots, export, run, record; default all) through the reel CLI in child
 * processes. A case fails on a crash, a hang (time limit), a stack trace, an exit code the command
 * does not document, an output left under its final name by a failed run, a temporary file left
 * behind, a modified input, or an output reported written that does not demux. Prints per-command
 * counts ({@code bench fuzz-<command>-runs}, {@code -bad}, exit codes) and exits 1 on any failure.
 */
public final class Fuzz {
    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        List<String> commands = args.length > 2 ? List.of(args).subList(2, args.length) : FuzzCommands.ALL;
        Path dir = Files.createTempDirectory("reel-fuzz");
        Path clip = dir.resolve("clip.mp4");
        Ffmpeg.run(List.of("-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", "3", "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()), Duration.ofSeconds(60));
        int badTotal = 0;
        List<String> summary = new ArrayList<>();
        for (String command : commands) {
            FuzzCommands gen = FuzzCommands.of(command, dir, clip);
            Random rnd = new Random(seed * 31 + command.hashCode());
            Map<Integer, Integer> codes = new TreeMap<>();
            int bad = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Path work = dir.resolve(command + "-" + i);
                Files.createDirectories(work);
                FuzzCase c = gen.next(rnd, i, work);
                FuzzCase.Outcome o = c.run();
                codes.merge(o.code(), 1, Integer::sum);
                if (o.problem() != null) {
                    bad++;
                    System.out.println("# " + command + " case " + i + ": " + o.problem() + " (kept in " + work + ")\n#   reel "
                            + String.join(" ", c.args()) + "\n" + o.stderr().strip().lines().limit(15).map(l -> "#   " + l)
                            .reduce("", (a, b) -> a + b + "\n"));
                } else {
                    FuzzCase.delete(work);
                }
            }
            badTotal += bad;
            String line = String.format("bench fuzz-%s-runs %d runs%nbench fuzz-%s-bad %d runs%n# %s exit codes %s, %.0f s",
                    command, n, command, bad, command, codes, (System.nanoTime() - t0) / 1e9);
            System.out.println(line);
            summary.add(line);
        }
        FuzzCommands.cleanUp();
        if (badTotal == 0) {
            FuzzCase.delete(dir);
        } else {
            System.out.println("# failing cases kept under " + dir);
        }
        System.out.println(String.join("\n", summary));
        System.exit(badTotal == 0 ? 0 : 1);
    }

}
