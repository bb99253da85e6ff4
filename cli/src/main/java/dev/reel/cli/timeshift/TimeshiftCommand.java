package dev.reel.cli.timeshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.ExitCodes;
import dev.reel.cli.UserError;
import dev.reel.cli.record.Spans;
import dev.reel.media.record.Exporter;
import dev.reel.media.record.Manifest;
import dev.reel.media.record.RecordClock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "timeshift", mixinStandardHelpOptions = true,
        description = "Looks into and cuts from a recording made by 'reel record'.",
        subcommands = {TimeshiftCommand.Ls.class, TimeshiftCommand.Export.class})
public final class TimeshiftCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new UserError(ExitCodes.USAGE, "timeshift wants a subcommand: ls or export");
    }

    static Manifest load(Path dir) {
        try {
            Manifest m = Manifest.loadChecked(dir);
            if (m == null) {
                throw new UserError(ExitCodes.INPUT_MISSING, "no recording in " + dir + " (no " + Manifest.FILE + ")");
            }
            return m;
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new UserError(ExitCodes.INPUT_INVALID, "cannot read " + dir.resolve(Manifest.FILE) + ": " + m);
        }
    }

    /** A run of segments without a gap between them. */
    record Span(String from, String to, double seconds, int segments) {
    }

    static List<Span> spans(Manifest m) {
        List<Span> out = new ArrayList<>();
        String from = null;
        String to = null;
        double secs = 0;
        int n = 0;
        long prevEnd = Long.MIN_VALUE;
        for (Manifest.Segment s : m.segments) {
            long st = RecordClock.micros(s.startInstant());
            if (from != null && (s.discontinuity || Math.abs(st - prevEnd) > 500_000)) {
                out.add(new Span(from, to, Math.round(secs * 1000) / 1000.0, n));
                from = null;
            }
            if (from == null) {
                from = s.start;
                secs = 0;
                n = 0;
            }
            to = s.end;
            secs += s.duration;
            n++;
            prevEnd = RecordClock.micros(s.endInstant());
        }
        if (from != null) {
            out.add(new Span(from, to, Math.round(secs * 1000) / 1000.0, n));
        }
        return out;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "What is in the buffer: continuous spans, gaps, programme files.")
    public static final class Ls implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Option(names = "--json", description = "As JSON on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Manifest m = load(dir);
            List<Span> spans = spans(m);
            double total = m.segments.stream().mapToDouble(s -> s.duration).sum();
            List<Map<String, Object>> progs = programmes(dir.resolve("finished"));
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("dir", dir.toString());
                o.put("source", m.source);
                o.put("segments", m.segments.size());
                o.put("seconds", Math.round(total * 1000) / 1000.0);
                o.put("from", m.segments.isEmpty() ? null : m.segments.get(0).start);
                o.put("to", m.segments.isEmpty() ? null : m.segments.get(m.segments.size() - 1).end);
                o.put("spans", spans);
                o.put("gaps", m.gaps);
                o.put("programmes", progs);
                o.put("stats", m.stats);
                System.out.println(JSON.writeValueAsString(o));
                return 0;
            }
            System.out.printf(Locale.ROOT, "%s: %s%n", dir, m.source == null ? "" : m.source);
            if (m.segments.isEmpty()) {
                System.out.println("  empty");
            } else {
                System.out.printf(Locale.ROOT, "  %d segments, %s recorded, %s to %s%s%n", m.segments.size(), hms(total),
                        m.segments.get(0).start, m.segments.get(m.segments.size() - 1).end,
                        m.windowSeconds > 0 ? " (window " + hms(m.windowSeconds) + ")" : "");
            }
            for (Span s : spans) {
                System.out.printf(Locale.ROOT, "  recorded %s .. %s  %s  (%d segments)%n", s.from(), s.to(), hms(s.seconds()), s.segments());
            }
            for (Manifest.Gap g : m.gaps) {
                System.out.printf(Locale.ROOT, "  gap      %s .. %s  %.1f s  %s%n", g.from, g.to, g.seconds, g.reason);
            }
            for (Map<String, Object> p : progs) {
                System.out.printf(Locale.ROOT, "  programme %s  %s%s%n", p.get("file"), p.getOrDefault("title", ""),
                        Boolean.TRUE.equals(p.get("complete")) ? "" : "  (incomplete)");
            }
            if (m.stats != null && m.stats.dropped > 0) {
                System.out.printf(Locale.ROOT, "  %d packets/frames dropped by the recorder (it could not keep up)%n", m.stats.dropped);
            }
            return 0;
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> programmes(Path fin) throws IOException {
            List<Map<String, Object>> out = new ArrayList<>();
            if (!Files.isDirectory(fin)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(fin, "*.json")) {
                for (Path p : ds) {
                    try {
                        out.add(JSON.readValue(p.toFile(), Map.class));
                    } catch (IOException e) {
                        // a sidecar being written by a running recorder: skip
                    }
                }
            }
            out.sort((a, b) -> String.valueOf(a.get("file")).compareTo(String.valueOf(b.get("file"))));
            return out;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Cuts a wall-clock window out of the buffer into OUT by stream copy (no re-encoding), starting at "
                    + "the last key frame at or before --from. Gaps are closed up and listed.",
                "--exact: starts at the first frame at or after --from and ends before --to, re-encoding the part from "
                    + "--from to the next key frame and copying the rest (MPEG-TS output, H.264/HEVC without B-frames); "
                    + "anything else (MP4/MKV output, B-frames, other codecs) is re-encoded whole (H.264/HEVC, CRF 18).",
                "Times: ISO 8601 (2026-11-30T21:00:00Z; local time without a zone), now, or offsets before now like -10m."})
    public static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Parameters(index = "1", paramLabel = "OUT", description = "Output file; the container follows its extension (.ts, .mp4, .mkv).")
        Path out;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Window window;

        static final class Window {
            @ArgGroup(exclusive = false)
            Range range;

            @Option(names = "--last", description = "The last LENGTH of the buffer, e.g. 10m.")
            String last;
        }

        static final class Range {
            @Option(names = "--from", required = true)
            String from;

            @Option(names = "--to", required = true)
            String to;
        }

        @Option(names = "--exact", description = "Frame-exact start and end, re-encoding what stream copy cannot cut.")
        boolean exact;

        @Option(names = "--format", description = "Container (default from OUT's extension).")
        String format;

        @Option(names = {"-y", "--overwrite"}, description = "Replace an existing OUT.")
        boolean overwrite;

        @Option(names = "--json", description = "Print what was exported as JSON on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Manifest m = load(dir);
            long now = RecordClock.nowMicros();
            long from;
            long to;
            if (window.last != null) {
                long end = now;
                if (!m.segments.isEmpty()) {
                    end = Math.min(now, RecordClock.micros(m.segments.get(m.segments.size() - 1).endInstant()));
                }
                to = end;
                from = end - Math.round(Spans.seconds(window.last, "--last") * 1e6);
            } else {
                from = Spans.time(window.range.from, now, "--from");
                to = Spans.time(window.range.to, now, "--to");
            }
            if (to <= from) {
                throw new UserError(ExitCodes.USAGE, "--to must be after --from");
            }
            if (Files.exists(out) && !overwrite) {
                throw new UserError(ExitCodes.OUTPUT, "output exists: " + out + " (use -y to overwrite)");
            }
            Exporter.Result r = Exporter.export(dir, from, to, out, format, exact);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("output", out.toString());
                o.put("from", RecordClock.iso(r.startMicros()));
                o.put("to", RecordClock.iso(r.endMicros()));
                o.put("seconds", r.seconds());
                o.put("segments", r.segments());
                o.put("method", r.method());
                o.put("gaps", r.gaps());
                System.out.println(JSON.writeValueAsString(o));
            } else {
                System.err.printf(Locale.ROOT, "reel: exported %s (%s, %s .. %s, %s)%s%n", out, hms(r.seconds()),
                        RecordClock.iso(r.startMicros()), RecordClock.iso(r.endMicros()), r.method(), r.gaps().isEmpty() ? "" : "; " + r.gaps().size() + " gap(s) closed up");
            }
            return 0;
        }
    }

    static String hms(double seconds) {
        long ms = Math.round(seconds * 1000);
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, ms % 1000);
    }
}
