package dev.reel.cli.record;

import dev.reel.cli.ExitCodes;
import dev.reel.cli.UserError;
import dev.reel.media.record.RecordClock;
import dev.reel.media.record.Schedule;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lengths ("6s", "10m", "2h", "1.5", "01:30:00") and points in time (ISO 8601, "now", "now-10m", "-10m"). */
public final class Spans {
    private static final Pattern UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    private Spans() {
    }

    /** Seconds. */
    public static double seconds(String s, String what) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.contains(":")) {
                double v = 0;
                for (String part : t.split(":")) {
                    v = v * 60 + Double.parseDouble(part);
                }
                return v;
            }
            Matcher m = UNIT.matcher(t);
            if (!m.matches()) {
                throw new NumberFormatException();
            }
            double v = Double.parseDouble(m.group(1));
            String u = m.group(2) == null ? "s" : m.group(2);
            return switch (u) {
                case "ms" -> v / 1000;
                case "m", "min" -> v * 60;
                case "h" -> v * 3600;
                case "d" -> v * 86400;
                default -> v;
            };
        } catch (NumberFormatException e) {
            throw new UserError(ExitCodes.USAGE, what + " wants a length like 6s, 10m, 2h or HH:MM:SS, got '" + s + "'");
        }
    }

    /** Wall-clock micros: ISO 8601 (local time without a zone), "now", "now-10m", "-10m" (before now). */
    public static long time(String s, long nowMicros, String what) {
        String t = s.trim();
        String l = t.toLowerCase(Locale.ROOT);
        if (l.equals("now")) {
            return nowMicros;
        }
        if (l.startsWith("now-") || l.startsWith("-")) {
            return nowMicros - Math.round(seconds(t.substring(t.indexOf('-') + 1), what) * 1e6);
        }
        if (l.endsWith(" ago")) {
            return nowMicros - Math.round(seconds(t.substring(0, t.length() - 4), what) * 1e6);
        }
        try {
            return Schedule.time(t, ZoneId.systemDefault());
        } catch (RuntimeException e) {
            throw new UserError(ExitCodes.USAGE, what + " wants ISO 8601 (2026-11-30T21:00:00Z), now, or an offset like -10m; got '"
                    + s + "'");
        }
    }

    /** Bits per second from 2500k, 4M, 800000. */
    public static long bitrate(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = t.endsWith("k") ? 1000 : t.endsWith("m") ? 1_000_000 : 1;
        if (mult > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new UserError(ExitCodes.USAGE, "--bitrate wants a number like 2500k or 4M, got '" + s + "'");
        }
    }

    /** Bytes from 500M, 1G, 1.5T, 4096 (binary units: K = 1024). */
    public static long bytes(String s, String what) {
        String t = s.trim().toUpperCase(Locale.ROOT).replaceFirst("I?B$", "");
        int shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : t.endsWith("G") ? 30 : t.endsWith("T") ? 40 : 0;
        if (shift > 0) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (v < 0 || Double.isNaN(v) || v * (1L << shift) > Long.MAX_VALUE / 2) {
                throw new NumberFormatException();
            }
            return Math.round(v * (1L << shift));
        } catch (NumberFormatException e) {
            throw new UserError(ExitCodes.USAGE, what + " wants a size like 500M, 1G or 0, got '" + s + "'");
        }
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String iso(long micros) {
        return RecordClock.iso(micros);
    }
}
