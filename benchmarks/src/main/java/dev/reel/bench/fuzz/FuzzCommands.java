package dev.reel.bench.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reel.samples.Damage;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The fuzz cases of each command: how its input is damaged and how it is called. */
public abstract class FuzzCommands {
    public static final List<String> ALL = List.of("transcode", "probe", "shots", "export", "run", "record");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path base;

    final Path dir;
    final Path clip;
    final byte[] good;

    FuzzCommands(Path dir, Path clip) {
        this.dir = dir;
        this.clip = clip;
        try {
            this.good = Files.readAllBytes(clip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public abstract FuzzCase next(Random rnd, int i, Path work) throws IOException, InterruptedException;

    public static FuzzCommands of(String command, Path dir, Path clip) throws IOException {
        return switch (command) {
            case "transcode" -> new FuzzCommands(dir, clip) {
                @Override
                public FuzzCase next(Random rnd, int i, Path work) throws IOException {
                    Path in = work.resolve("in.mp4");
                    Files.write(in, Damage.apply(good, rnd, i % Damage.KINDS));
                    Path out = work.resolve("out.mkv");
                    return new FuzzCase(List.of("transcode", "in.mp4", "out.mkv", "-y", "-q", "--preset", "ultrafast"), work,
                            Set.of(0, 3, 4), 90, in, List.of(out));
                }
            };
            case "probe" -> new FuzzCommands(dir, clip) {
                @Override
                public FuzzCase next(Random rnd, int i, Path work) throws IOException {
                    Path in = work.resolve("in.mp4");
                    Files.write(in, Damage.apply(good, rnd, i % Damage.KINDS));
                    List<String> args = new ArrayList<>(List.of("probe", "in.mp4"));
                    if (rnd.nextBoolean()) {
                        args.add("--count-frames");
                    }
                    return new FuzzCase(args, work, Set.of(0, 3, 4), 60, in, List.of());
                }
            };
            case "shots" -> new FuzzCommands(dir, clip) {
                @Override
                public FuzzCase next(Random rnd, int i, Path work) throws IOException {
                    Path in = work.resolve("in.mp4");
                    Files.write(in, Damage.apply(good, rnd, i % Damage.KINDS));
                    String[] formats = {"json", "csv", "edl", "qp"};
                    String out = "out." + formats[rnd.nextInt(formats.length)];
                    List<String> args = new ArrayList<>(List.of("shots", "in.mp4", "-o", out));
                    switch (rnd.nextInt(4)) {
                        case 0 -> args.add("--every-frame");
                        case 1 -> args.addAll(List.of("--detector", rnd.nextBoolean() ? "content" : "gradual"));
                        case 2 -> args.addAll(List.of("--thumbnails", "thumbs"));
                        default -> {
                        }
                    }
                    return new FuzzCase(args, work, Set.of(0, 3, 4), 90, in, List.of(work.resolve(out)));
                }
            };
            case "export" -> new ExportCases(dir, clip);
            case "run" -> new RunCases(dir, clip);
            case "record" -> new RecordCases(dir, clip);
            default -> throw new IllegalArgumentException("fuzz knows " + ALL + ", not " + command);
        };
    }

    public static void cleanUp() {
        base = null;
    }

    /** A real 8-second recording (1 s segments), made once, copied and damaged per case. */
    static synchronized Path recording(Path dir) throws IOException, InterruptedException {
        if (base == null) {
            Path b = dir.resolve("base-recording");
            Process p = FuzzCase.reel(List.of("record", "test:320x240@25", "--dir", b.toString(), "--segment", "1s", "--duration", "8s", "-q"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("could not make the base recording");
            }
            base = b;
        }
        return base;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().startsWith(".reel-record.lock")) {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** timeshift export / ls over a damaged recording: segments truncated or deleted, manifest corrupted or missing fields. */
    static final class ExportCases extends FuzzCommands {
        ExportCases(Path dir, Path clip) {
            super(dir, clip);
        }

        @Override
        public FuzzCase next(Random rnd, int i, Path work) throws IOException, InterruptedException {
            Path rec = work.resolve("rec");
            copyTree(recording(dir), rec);
            Path mf = rec.resolve("manifest.json");
            ObjectNode m = (ObjectNode) JSON.readTree(mf.toFile());
            ArrayNode segs = (ArrayNode) m.get("segments");
            String firstStart = segs.get(0).get("start").asText();
            String lastEnd = segs.get(segs.size() - 1).get("end").asText();
            int damages = 1 + rnd.nextInt(2);
            for (int d = 0; d < damages; d++) {
                JsonNode seg = segs.get(rnd.nextInt(segs.size()));
                Path segFile = rec.resolve(seg.path("file").asText("x"));
                switch (rnd.nextInt(7)) {
                    case 0 -> { // a segment truncated
                        if (Files.exists(segFile)) {
                            byte[] b = Files.readAllBytes(segFile);
                            Files.write(segFile, Arrays.copyOf(b, rnd.nextInt(Math.max(1, b.length))));
                        }
                    }
                    case 1 -> Files.deleteIfExists(segFile); // a segment deleted
                    case 2 -> { // a field missing
                        String[] fields = {"file", "start", "end", "duration", "seq", "bytes"};
                        ((ObjectNode) seg).remove(fields[rnd.nextInt(fields.length)]);
                    }
                    case 3 -> { // a field of the wrong type or value
                        String[] fields = {"file", "start", "end", "duration", "seq", "bytes", "initBytes"};
                        String f = fields[rnd.nextInt(fields.length)];
                        switch (rnd.nextInt(5)) {
                            case 0 -> ((ObjectNode) seg).put(f, -1);
                            case 1 -> ((ObjectNode) seg).put(f, "garbage");
                            case 2 -> ((ObjectNode) seg).putNull(f);
                            case 3 -> ((ObjectNode) seg).put(f, "../../../etc/passwd");
                            default -> ((ObjectNode) seg).put(f, 1e300);
                        }
                    }
                    case 4 -> { // top-level fields
                        String[] fields = {"segments", "gaps", "container", "segmentSeconds", "version", "stats"};
                        String f = fields[rnd.nextInt(fields.length)];
                        if (rnd.nextBoolean()) {
                            m.remove(f);
                        } else {
                            m.put(f, rnd.nextBoolean() ? "x" : "-5");
                        }
                    }
                    case 5 -> { // segments out of order
                        List<JsonNode> list = new ArrayList<>();
                        for (Iterator<JsonNode> it = segs.elements(); it.hasNext();) {
                            list.add(it.next());
                        }
                        java.util.Collections.shuffle(list, rnd);
                        segs.removeAll();
                        segs.addAll(list);
                    }
                    default -> { // end before start
                        ((ObjectNode) seg).put("end", seg.path("start").asText());
                    }
                }
            }
            byte[] text = JSON.writeValueAsBytes(m);
            switch (rnd.nextInt(6)) {
                case 0 -> { // bytes flipped in the text
                    for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                        text[rnd.nextInt(text.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 1 -> text = Arrays.copyOf(text, rnd.nextInt(text.length)); // cut short
                default -> {
                }
            }
            if (rnd.nextInt(12) == 0) {
                Files.delete(mf);
            } else {
                Files.write(mf, text);
            }
            String ext = new String[] {"ts", "mp4", "mkv"}[rnd.nextInt(3)];
            Path out = work.resolve("out." + ext);
            List<String> args = new ArrayList<>();
            switch (rnd.nextInt(5)) {
                case 0 -> args.addAll(List.of("timeshift", "ls", "rec"));
                case 1 -> args.addAll(List.of("timeshift", "ls", "rec", "--json"));
                case 2 -> args.addAll(List.of("timeshift", "export", "rec", "--last", (1 + rnd.nextInt(10)) + "s", "out." + ext));
                default -> args.addAll(List.of("timeshift", "export", "rec", "--from", firstStart, "--to", rnd.nextBoolean() ? lastEnd
                        : java.time.Instant.parse(firstStart).plusMillis(500 + rnd.nextInt(6000)).toString(), "out." + ext));
            }
            if (args.get(1).equals("export") && rnd.nextBoolean()) {
                args.add("--exact");
            }
            return new FuzzCase(args, work, Set.of(0, 2, 3, 4), 120, rec, List.of(out));
        }
    }

    /** reel run with random graph text: grammar pieces, component names and properties, junk. */
    static final class RunCases extends FuzzCommands {
        private static final String[] COMPONENTS = {"decode", "crop", "scale", "fps", "encode", "aencode", "mux", "merge", "tee", "shots",
            "thumbnails", "decoder", "nosuch", "Decode", ""};
        private static final String[] KEYS = {"location", "crf", "size", "rate", "geometry", "codec", "preset", "audio", "name",
            "capacity", "leaky", "threshold", "detector", "dir", "in0", "bitrate", "keyint", "", "x"};
        private static final String[] VALUES = {"in.mp4", "out.mkv", "out.mp4", "out.ts", "thumbs", "missing.mp4", "-", "0", "-1", "1",
            "25", "99999999999", "1e9", "NaN", "auto", "320:240", "-2:120", "0:0", "64:48:1000:1000", "h264", "hevc", "vp9", "nosuchcodec",
            "ultrafast", "oldest", "newest", "none", "decode", "\"quoted value\"", "\"unterminated", "'single'", "a=b", "1/0",
            "24000/1001", "in.mp4.", "/dev/null", "ÿ", ""};
        private static final String[] JUNK = {"!", "!!", "[", "]", "[capacity=8 leaky=oldest]", "[capacity=0]", "[capacity=-3]",
            "[leaky=maybe]", "#", "# comment\n", "\n", ".", "dec.", "dec.audio", "mux.audio", "t.", "=", "\"", "'", "\\", "\u0000", "{", "}"};

        RunCases(Path dir, Path clip) {
            super(dir, clip);
        }

        @Override
        public FuzzCase next(Random rnd, int i, Path work) throws IOException {
            Path in = work.resolve("in.mp4");
            Files.write(in, i % 4 == 0 ? Damage.apply(good, rnd, rnd.nextInt(Damage.KINDS)) : good);
            StringBuilder g = new StringBuilder();
            if (rnd.nextInt(3) > 0) { // mostly shaped like a pipeline, mutated
                g.append("decode in.mp4");
                int stages = rnd.nextInt(5);
                for (int s = 0; s < stages; s++) {
                    g.append(" ! ").append(COMPONENTS[rnd.nextInt(COMPONENTS.length)]);
                    for (int k = rnd.nextInt(3); k > 0; k--) {
                        g.append(' ').append(KEYS[rnd.nextInt(KEYS.length)]).append('=').append(VALUES[rnd.nextInt(VALUES.length)]);
                    }
                }
                g.append(" ! ").append(rnd.nextBoolean() ? "mux out.mkv" : "encode preset=ultrafast ! mux out.mp4");
                for (int k = rnd.nextInt(3); k > 0; k--) { // mutations
                    int at = rnd.nextInt(g.length() + 1);
                    String piece = rnd.nextBoolean() ? JUNK[rnd.nextInt(JUNK.length)] : " " + VALUES[rnd.nextInt(VALUES.length)] + " ";
                    g.insert(at, piece);
                }
            } else { // free-form token soup
                for (int k = 1 + rnd.nextInt(12); k > 0; k--) {
                    switch (rnd.nextInt(4)) {
                        case 0 -> g.append(COMPONENTS[rnd.nextInt(COMPONENTS.length)]);
                        case 1 -> g.append(KEYS[rnd.nextInt(KEYS.length)]).append('=').append(VALUES[rnd.nextInt(VALUES.length)]);
                        case 2 -> g.append(JUNK[rnd.nextInt(JUNK.length)]);
                        default -> g.append(VALUES[rnd.nextInt(VALUES.length)]);
                    }
                    g.append(' ');
                }
            }
            List<String> args = new ArrayList<>(List.of("run"));
            if (rnd.nextInt(4) == 0) {
                args.add("--dry-run");
            }
            if (rnd.nextBoolean()) {
                args.add("-y");
            }
            args.add(g.toString().replace("\u0000", ""));
            List<Path> outs = List.of(work.resolve("out.mkv"), work.resolve("out.mp4"), work.resolve("out.ts"));
            return new FuzzCase(args, work, Set.of(0, 2, 3, 4, 5), 120, in, outs);
        }
    }

    /** reel record of a damaged UDP stream: datagrams with flipped bytes, dropped, repeated, reordered, garbage between. */
    static final class RecordCases extends FuzzCommands {
        private final byte[] ts;

        RecordCases(Path dir, Path clip) throws IOException {
            super(dir, clip);
            Path t = dir.resolve("clip.ts");
            Ffmpeg.run(List.of("-y", "-i", clip.toString(), "-c", "copy", "-f", "mpegts", t.toString()), Duration.ofSeconds(60));
            ts = Files.readAllBytes(t);
        }

        @Override
        public FuzzCase next(Random rnd, int i, Path work) throws IOException {
            int port;
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            long seed = rnd.nextLong();
            Path rec = work.resolve("rec");
            List<String> args = List.of("record", "udp://127.0.0.1:" + port, "--dir", "rec", "--segment", "1s", "--duration", "7s",
                    "--timeout", "2s", "-q");
            Runnable send = () -> send(port, new Random(seed));
            return new FuzzCase(args, work, Set.of(0, 7), 90, null, List.of(), send, rec);
        }

        private void send(int port, Random rnd) {
            try {
                awaitUdpListener(port, 60);
                List<byte[]> grams = new ArrayList<>();
                for (int o = 0; o < ts.length; o += 1316) {
                    grams.add(Arrays.copyOfRange(ts, o, Math.min(ts.length, o + 1316)));
                }
                double rate = 0.01 + rnd.nextDouble() * 0.2; // share of datagrams damaged
                long start = System.nanoTime();
                double perGram = 3.0e9 / grams.size(); // the clip is 3 s: real time
                try (DatagramSocket s = new DatagramSocket()) {
                    InetAddress lo = InetAddress.getLoopbackAddress();
                    for (int k = 0; k < grams.size(); k++) {
                        byte[] b = grams.get(k).clone();
                        if (rnd.nextDouble() < rate) {
                            switch (rnd.nextInt(6)) {
                                case 0 -> b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                                case 1 -> b = null; // dropped
                                case 2 -> s.send(new DatagramPacket(b, b.length, lo, port)); // repeated
                                case 3 -> b = Arrays.copyOf(b, rnd.nextInt(b.length) + 1); // cut short
                                case 4 -> { // reordered
                                    if (k + 1 < grams.size()) {
                                        byte[] n = grams.get(k + 1);
                                        s.send(new DatagramPacket(n, n.length, lo, port));
                                    }
                                }
                                default -> { // garbage between
                                    byte[] junk = new byte[1 + rnd.nextInt(1500)];
                                    rnd.nextBytes(junk);
                                    s.send(new DatagramPacket(junk, junk.length, lo, port));
                                }
                            }
                        }
                        if (b != null) {
                            s.send(new DatagramPacket(b, b.length, lo, port));
                        }
                        long due = start + (long) (perGram * (k + 1));
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the recorder gave up early: the case's outcome says why
            }
        }
    }

    /** Waits until some socket is bound to UDP {@code port} on this host (read from /proc/net/udp). */
    static void awaitUdpListener(int port, int seconds) throws IOException, InterruptedException {
        String hexPort = String.format(":%04X", port);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                Path t = Path.of(table);
                if (Files.exists(t) && Files.readAllLines(t).stream().skip(1).anyMatch(l -> l.trim().split("\\s+")[1].endsWith(hexPort))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }
}
