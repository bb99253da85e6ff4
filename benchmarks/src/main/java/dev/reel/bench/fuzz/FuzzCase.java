package dev.reel.bench.fuzz;

import dev.reel.bench.PeerRun;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.frame.Packet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One fuzz run: reel with {@code args} in {@code work}, which must end within {@code timeoutSeconds}
 * with a documented code, no stack trace or crash, {@code input} unchanged, and {@code outputs}
 * either complete (exit 0: they demux) or absent (failure), with no temporary file left behind.
 */
public record FuzzCase(List<String> args, Path work, Set<Integer> documented, int timeoutSeconds, Path input, List<Path> outputs,
        Runnable during, Path recording) {
    /** {@code problem} is null when the case passed. */
    public record Outcome(int code, String stderr, String problem) {
    }

    public FuzzCase(List<String> args, Path work, Set<Integer> documented, int timeoutSeconds, Path input, List<Path> outputs) {
        this(args, work, documented, timeoutSeconds, input, outputs, null, null);
    }

    public Outcome run() throws IOException, InterruptedException {
        String before = input == null ? null : digest(input);
        Path err = work.resolve(".stderr");
        ProcessBuilder pb = reel(args).directory(work.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        Process p = pb.start();
        if (during != null) {
            during.run();
        }
        int code;
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            code = -1;
        } else {
            code = p.exitValue();
        }
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
        Files.delete(err);
        String problem = null;
        if (code == -1) {
            problem = "no end within " + timeoutSeconds + " s";
        } else if (stderr.contains("\tat ") || stderr.contains("Exception in thread")) {
            problem = "stack trace";
        } else if (stderr.contains("SIGSEGV") || stderr.contains("A fatal error has been detected") || hsErr()) {
            problem = "JVM crash";
        } else if (!documented.contains(code)) {
            problem = "undocumented exit code " + code;
        } else if (code != 0 && stderr.isBlank()) {
            problem = "exit " + code + " without a message";
        } else if (input != null && !before.equals(digest(input))) {
            problem = "input modified";
        }
        if (problem == null) {
            for (Path o : outputs) {
                if (code != 0 && Files.exists(o) && !Files.isDirectory(o)) {
                    problem = "failed (exit " + code + ") but left " + o.getFileName() + " under its final name";
                } else if (code == 0 && Files.isRegularFile(o) && !demuxes(o)) {
                    problem = "exit 0 but " + o.getFileName() + " does not demux";
                }
            }
        }
        if (problem == null && recording != null) {
            problem = recordingProblem();
        }
        if (problem == null) {
            String tmp = temporaries();
            if (tmp != null) {
                problem = "temporary file left behind: " + tmp;
            }
        }
        return new Outcome(code, stderr, problem);
    }

    /** A recording left by the run: the manifest parses and every listed segment exists and demuxes. */
    private String recordingProblem() {
        try {
            dev.reel.media.record.Manifest m = dev.reel.media.record.Manifest.load(recording);
            if (m == null) {
                return null;
            }
            for (dev.reel.media.record.Manifest.Segment s : m.segments) {
                Path f = recording.resolve(s.file);
                if (!Files.exists(f) || !demuxes(f)) {
                    return "listed segment " + s.file + (Files.exists(f) ? " does not demux" : " is missing");
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "manifest does not parse: " + e.getMessage();
        }
    }

    private boolean hsErr() throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("hs_err"));
        }
    }

    /** A temporary output of reel (".NAME.part", "*.tmp") anywhere under work, outside the input. */
    private String temporaries() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(p -> input == null || !p.startsWith(input))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part") || n.endsWith(".tmp"))
                    .findFirst().orElse(null);
        }
    }

    static boolean demuxes(Path f) {
        if (f.getFileName().toString().matches(".*\\.(json|csv|edl|txt|qp)$")) {
            return true;
        }
        try (Demuxer d = Demuxer.open(f.toString())) {
            Packet p;
            while ((p = d.read()) != null) {
                p.release();
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A digest of a file or of every file under a directory (names and contents). */
    static String digest(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.exists(p)) {
                files.add(p);
            }
            for (Path f : files) {
                md.update(p.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reel CLI as the fuzz runs it: C1 only, as the launcher runs media commands. */
    static ProcessBuilder reel(List<String> args) {
        return PeerRun.reel(args, "-XX:TieredStopAtLevel=1");
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
