package dev.reel.cli.timeshift;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.media.record.Schedule;
import java.time.ZoneId;
import java.util.Locale;

/** Points in time as users write them for a recording: ISO 8601, "now", "now-10m", "-10m", "10m ago". */
final class TimePoints {
    private TimePoints() {
    }

    /** Wall-clock micros: ISO 8601 (local time without a zone), "now", "now-10m", "-10m" (before now). */
    static long time(String s, long nowMicros, String what) {
        String t = s.trim();
        String l = t.toLowerCase(Locale.ROOT);
        if (l.equals("now")) {
            return nowMicros;
        }
        if (l.startsWith("now-") || l.startsWith("-")) {
            return nowMicros - Math.round(Units.seconds(t.substring(t.indexOf('-') + 1), what) * 1e6);
        }
        if (l.endsWith(" ago")) {
            return nowMicros - Math.round(Units.seconds(t.substring(0, t.length() - 4), what) * 1e6);
        }
        try {
            return Schedule.time(t, ZoneId.systemDefault());
        } catch (RuntimeException e) {
            throw new UserError(ExitCodes.USAGE, what + " wants ISO 8601 (2026-11-30T21:00:00Z), now, or an offset like -10m; got '"
                    + s + "'");
        }
    }
}
