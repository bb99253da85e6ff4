package dev.reel.cli.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of the quantities users type on the command line: lengths of time, bitrates and
 * sizes. A value it cannot read is a {@link UserError} with exit code {@link ExitCodes#USAGE} and a
 * one-line message naming the option ({@code what}) and showing the expected form.
 */
public final class Units {
    /** A plain non-negative decimal: 6, 1.5, .5, 2., 1e3. */
    private static final String NUMBER = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?";
    /** A length: a number with an optional unit (seconds when it has none). */
    private static final Pattern LENGTH = Pattern.compile("(" + NUMBER + ")\\s*(ms|s|m|min|h|d)?");
    private static final Pattern CLOCK_PART = Pattern.compile(NUMBER);
    /** A rate: a number with an optional decimal multiplier (k = 1000, m = 1000000). */
    private static final Pattern RATE = Pattern.compile("(" + NUMBER + ")\\s*([km])?");
    /** A size: a number with an optional binary multiplier (K = 1024) and an optional B or iB. */
    private static final Pattern SIZE = Pattern.compile("(" + NUMBER + ")\\s*([KMGT])?(?:I?B)?", Pattern.CASE_INSENSITIVE);

    private Units() {
    }

    /**
     * Seconds from a length: {@code 90}, {@code 1.5}, {@code 6s}, {@code 500ms}, {@code 10m} (or
     * {@code min}), {@code 2h}, {@code 1d}, or a clock {@code MM:SS} / {@code HH:MM:SS[.mmm]}.
     */
    public static double seconds(String s, String what) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        double v = t.contains(":") ? clock(t) : length(t);
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new UserError(ExitCodes.USAGE, what + " wants a length like 6s, 10m, 2h or HH:MM:SS, got '" + s + "'");
        }
        return v;
    }

    /** Bits per second from {@code 800000}, {@code 2500k}, {@code 4M} (decimal multipliers). */
    public static long bitrate(String s, String what) {
        Matcher m = RATE.matcher(s.trim().toLowerCase(Locale.ROOT));
        double v = m.matches() ? Double.parseDouble(m.group(1)) * multiplier(m.group(2)) : Double.NaN;
        if (!(v >= 0) || v > Long.MAX_VALUE / 2) {
            throw new UserError(ExitCodes.USAGE, what + " wants a number like 2500k or 4M, got '" + s + "'");
        }
        return Math.round(v);
    }

    /** Bytes from {@code 4096}, {@code 500M}, {@code 1G}, {@code 1.5T}, {@code 2GiB} (binary: K = 1024). */
    public static long bytes(String s, String what) {
        Matcher m = SIZE.matcher(s.trim().toUpperCase(Locale.ROOT));
        double v = Double.NaN;
        if (m.matches()) {
            int shift = switch (m.group(2) == null ? "" : m.group(2)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                case "T" -> 40;
                default -> 0;
            };
            v = Double.parseDouble(m.group(1).toLowerCase(Locale.ROOT)) * (1L << shift);
        }
        if (!(v >= 0) || v > Long.MAX_VALUE / 2) {
            throw new UserError(ExitCodes.USAGE, what + " wants a size like 500M, 1G or 0, got '" + s + "'");
        }
        return Math.round(v);
    }

    private static double length(String t) {
        Matcher m = LENGTH.matcher(t);
        if (!m.matches()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> v / 1000;
            case "m", "min" -> v * 60;
            case "h" -> v * 3600;
            case "d" -> v * 86400;
            default -> v;
        };
    }

    /** MM:SS or HH:MM:SS, each part a plain number; NaN for anything else. */
    private static double clock(String t) {
        String[] parts = t.split(":", -1);
        if (parts.length > 3) {
            return Double.NaN;
        }
        double v = 0;
        for (String p : parts) {
            if (!CLOCK_PART.matcher(p).matches()) {
                return Double.NaN;
            }
            v = v * 60 + Double.parseDouble(p);
        }
        return v;
    }

    private static double multiplier(String unit) {
        if (unit == null) {
            return 1;
        }
        return unit.equals("k") ? 1000 : 1_000_000;
    }
}
