package dev.reel.cli.timeshift;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.OverwriteOption;
import dev.reel.media.record.Exporter;
import dev.reel.media.record.Manifest;
import dev.reel.media.record.RecordClock;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel timeshift export}: a wall-clock window of a recording into one file, by stream copy or frame-exact. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Cuts a wall-clock window out of the buffer into OUT by stream copy (no re-encoding), starting at "
                + "the last key frame at or before --from. Gaps are closed up and listed.",
            "--exact: starts at the first frame at or after --from and ends before --to, re-encoding the part from "
                + "--from to the next key frame and copying the rest (MPEG-TS output, H.264/HEVC without B-frames); "
                + "anything else (MP4/MKV output, B-frames, other codecs) is re-encoded whole (H.264/HEVC, CRF 18).",
            "Times: ISO 8601 (2026-11-30T21:00:00Z; local time without a zone), now, or offsets before now like -10m."})
public final class TimeshiftExport implements Callable<Integer> {
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

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Override
    public Integer call() throws Exception {
        Manifest m = TimeshiftCommand.load(dir);
        long now = RecordClock.nowMicros();
        long from;
        long to;
        if (window.last != null) {
            long end = now;
            if (!m.segments.isEmpty()) {
                end = Math.min(now, RecordClock.micros(m.segments.get(m.segments.size() - 1).endInstant()));
            }
            to = end;
            from = end - Math.round(Units.seconds(window.last, "--last") * 1e6);
        } else {
            from = TimePoints.time(window.range.from, now, "--from");
            to = TimePoints.time(window.range.to, now, "--to");
        }
        if (to <= from) {
            throw new UserError(ExitCodes.USAGE, "--to must be after --from");
        }
        overwrite.checkAbsent(out);
        Exporter.Result r = Exporter.export(dir, from, to, out, format, exact);
        if (json.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("output", out.toString());
            o.put("from", RecordClock.iso(r.startMicros()));
            o.put("to", RecordClock.iso(r.endMicros()));
            o.put("seconds", r.seconds());
            o.put("segments", r.segments());
            o.put("method", r.method());
            o.put("gaps", r.gaps());
            json.print(o);
        } else {
            System.err.printf(Locale.ROOT, "reel: exported %s (%s, %s .. %s, %s)%s%n", out, TimeshiftCommand.hms(r.seconds()),
                    RecordClock.iso(r.startMicros()), RecordClock.iso(r.endMicros()), r.method(), r.gaps().isEmpty() ? "" : "; " + r.gaps().size() + " gap(s) closed up");
        }
        return 0;
    }
}
