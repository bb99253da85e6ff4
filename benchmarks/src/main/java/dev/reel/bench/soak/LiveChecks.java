package dev.reel.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.media.record.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What runs against the live recording every check period, as its users would: the manifest and the
 * playlist parse, the newest listed segment plays, {@code timeshift ls} works, and {@code timeshift
 * export} (with and without {@code --exact}) writes a file that plays and has the asked length.
 */
final class LiveChecks implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The length every export asks for, in seconds. */
    static final double DEFAULT_EXPORT_SECONDS = 20;

    private final SoakRun run;

    LiveChecks(SoakRun run) {
        this.run = run;
    }

    @Override
    public void run() {
        int period = run.config.checkSeconds();
        long next = System.currentTimeMillis() + Math.min(period, 30) * 1000L;
        while (!run.stopping && run.elapsed() < run.config.seconds() - 5) {
            try {
                if (System.currentTimeMillis() >= next) {
                    next = System.currentTimeMillis() + period * 1000L;
                    checkOnce();
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                run.fail("check: " + e);
            }
        }
    }

    private void checkOnce() throws Exception {
        Manifest m;
        try {
            m = Manifest.load(run.dir);
        } catch (IOException e) {
            run.fail("manifest does not parse: " + e.getMessage());
            return;
        }
        run.count("manifest-reads");
        if (m == null) {
            return;
        }
        for (Manifest.Gap g : m.gaps) {
            run.gaps.putIfAbsent(g.from, g);
        }
        checkPlaylist();
        if (m.segments.size() >= 2) {
            Manifest.Segment s = m.segments.get(m.segments.size() - 1);
            Path f = run.dir.resolve(s.file);
            MediaCheck.Result r = MediaCheck.check(f);
            run.count("live-segments-checked");
            if (!r.plays() && Files.exists(f)) {
                run.fail("listed segment " + s.file + " does not play: " + r.error());
            }
        }
        checkProgrammes();
        Path lsOut = run.logs.resolve("ls.out");
        int ls = reel(List.of("timeshift", "ls", run.dir.toString()), lsOut, 120);
        run.count("ls");
        if (ls != 0) {
            run.fail("timeshift ls exited " + ls + ": " + Files.readString(lsOut).strip());
        } else {
            failOnStackTrace(run, lsOut);
        }
        export(false);
        export(true);
    }

    /**
     * Each finished programme file is checked once while the recorder keeps it (its {@code --keep-finished}
     * deletes it later; without that rule programme files fill the disk within the hour).
     */
    private void checkProgrammes() throws IOException {
        Path finished = run.dir.resolve("finished");
        if (!Files.isDirectory(finished)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(finished)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".ts") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path p : files) {
            checkProgramme(run, p);
        }
    }

    /** Checks {@code file} plays, once per name; false when it does not. */
    static boolean checkProgramme(SoakRun run, Path file) {
        if (!run.programmesChecked.add(file.getFileName().toString())) {
            return true;
        }
        MediaCheck.Result r = MediaCheck.check(file);
        if (!r.plays() && Files.exists(file)) {
            run.fail("programme file " + file.getFileName() + " does not play: " + r.error());
            return false;
        }
        return true;
    }

    private void checkPlaylist() throws IOException {
        Path p = run.dir.resolve(Manifest.PLAYLIST);
        if (!Files.exists(p)) {
            return;
        }
        List<String> lines = Files.readAllLines(p);
        run.count("playlist-reads");
        if (!playlistParses(lines)) {
            run.fail("playlist does not parse:\n" + String.join("\n", lines));
        }
    }

    /** An HLS media playlist: the header, a target duration, and a URI after every EXTINF with a number. */
    static boolean playlistParses(List<String> lines) {
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
        return ok;
    }

    private void export(boolean exact) throws Exception {
        Path out = run.config.out().resolve(exact ? "export-exact.ts" : "export.ts");
        Path json = run.logs.resolve(exact ? "export-exact.out" : "export.out");
        String dir = run.dir.toString();
        List<String> args = exact
                ? List.of("timeshift", "export", dir, "--from", "-45s", "--to", "-25s", "--exact", out.toString(), "-y", "--json")
                : List.of("timeshift", "export", dir, "--last", "20s", out.toString(), "-y", "--json");
        Files.deleteIfExists(out);
        Manifest before = Manifest.load(run.dir);
        long nowMs = System.currentTimeMillis();
        boolean covered = before != null && !before.segments.isEmpty()
                && before.segments.get(0).startInstant().toEpochMilli() < nowMs - (exact ? 47_000 : 22_000);
        int code = reel(args, json, 300);
        String name = exact ? "export-exact" : "export";
        run.count(name);
        String text = Files.readString(json);
        failOnStackTrace(run, json);
        if (code != 0) {
            // An empty or too young buffer is a documented user error; anything else is a failure.
            if ((code == 3 || code == 4 || code == 2) && (!covered || run.elapsed() < 90)) {
                run.count(name + "-not-yet");
                return;
            }
            run.fail(name + " exited " + code + ": " + text.strip());
            return;
        }
        JsonNode o = JSON.readTree(text.substring(text.indexOf('{')));
        MediaCheck.Result r = MediaCheck.check(out);
        if (!r.plays()) {
            run.fail(name + " does not play: " + r.error());
            return;
        }
        Instant from = Instant.parse(o.get("from").asText());
        Instant to = Instant.parse(o.get("to").asText());
        boolean clean = o.get("gaps").isEmpty() && !run.touchesFault(from.toEpochMilli() - 2000, to.toEpochMilli() + 2000);
        if (!clean) {
            run.count(name + "-over-faults");
            return;
        }
        if (!covered) {
            run.count(name + "-young-buffer"); // the buffer (after a restart or deletions) is shorter than the range
            return;
        }
        // one frame; one GOP (the sender's GOP is at most 2 s)
        double tol = exact ? 1.0 / Soak.FPS + 0.005 : 2.0 + 1.0 / Soak.FPS + 0.005;
        double err = r.seconds() - DEFAULT_EXPORT_SECONDS;
        run.exportErrors.add(new double[] {exact ? 1 : 0, err});
        run.count(name + "-length-checked");
        if (Math.abs(err) > tol) {
            run.fail(String.format(Locale.ROOT, "%s is %.3f s long, asked %.1f s (tolerance %.3f s): %s", name, r.seconds(),
                    DEFAULT_EXPORT_SECONDS, tol, text.strip()));
        }
    }

    private int reel(List<String> args, Path output, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = Soak.reel(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            run.fail("reel " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s");
            return -1;
        }
        return p.exitValue();
    }

    /** A failure when {@code file} holds a Java stack trace or a JVM crash report. */
    static void failOnStackTrace(SoakRun run, Path file) throws IOException {
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.ISO_8859_1);
            if (s.contains("\tat ") || s.contains("Exception in thread") || s.contains("SIGSEGV") || s.contains("hs_err_pid")) {
                run.fail("stack trace or crash in " + file + ":\n" + s.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
            }
        }
    }
}
