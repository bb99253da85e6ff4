package dev.reel.cli.timeshift;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.media.record.Manifest;
import dev.reel.media.record.RecordClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code reel timeshift}: the parent of ls and export, and what both read from a recording's manifest. */
@Command(name = "timeshift", mixinStandardHelpOptions = true,
        description = "Looks into and cuts from a recording made by 'reel record'.",
        subcommands = {TimeshiftLs.class, TimeshiftExport.class})
public final class TimeshiftCommand implements Runnable {
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

    static String hms(double seconds) {
        long ms = Math.round(seconds * 1000);
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, ms % 1000);
    }
}
