package dev.reel.cli.timeshift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.options.JsonOption;
import dev.reel.media.record.Manifest;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code reel timeshift ls}: what a recording holds, as text or JSON. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "What is in the buffer: continuous spans, gaps, programme files.")
public final class TimeshiftLs implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "DIR")
    Path dir;

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() throws Exception {
        Manifest m = TimeshiftCommand.load(dir);
        List<TimeshiftCommand.Span> spans = TimeshiftCommand.spans(m);
        double total = m.segments.stream().mapToDouble(s -> s.duration).sum();
        List<Map<String, Object>> progs = programmes(dir.resolve("finished"));
        if (json.json()) {
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
            json.print(o);
            return 0;
        }
        System.out.printf(Locale.ROOT, "%s: %s%n", dir, m.source == null ? "" : m.source);
        if (m.segments.isEmpty()) {
            System.out.println("  empty");
        } else {
            System.out.printf(Locale.ROOT, "  %d segments, %s recorded, %s to %s%s%n", m.segments.size(), TimeshiftCommand.hms(total),
                    m.segments.get(0).start, m.segments.get(m.segments.size() - 1).end,
                    m.windowSeconds > 0 ? " (window " + TimeshiftCommand.hms(m.windowSeconds) + ")" : "");
        }
        for (TimeshiftCommand.Span s : spans) {
            System.out.printf(Locale.ROOT, "  recorded %s .. %s  %s  (%d segments)%n", s.from(), s.to(), TimeshiftCommand.hms(s.seconds()), s.segments());
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
