package dev.reel.media.shots;

import java.util.List;

/**
 * One tunable parameter of a detector: name, kind, default and allowed range, for the CLI's
 * {@code reel components} listing and for validation.
 */
public record ParamSpec(String name, Kind kind, String defaultValue, double min, double max, List<String> choices,
                        String description) {
    public enum Kind { NUMBER, INTEGER, BOOLEAN, CHOICE, LIST }

    public static ParamSpec number(String name, double def, double min, double max, String description) {
        return new ParamSpec(name, Kind.NUMBER, fmt(def), min, max, List.of(), description);
    }

    public static ParamSpec integer(String name, int def, int min, int max, String description) {
        return new ParamSpec(name, Kind.INTEGER, Integer.toString(def), min, max, List.of(), description);
    }

    public static ParamSpec bool(String name, boolean def, String description) {
        return new ParamSpec(name, Kind.BOOLEAN, Boolean.toString(def), 0, 1, List.of(), description);
    }

    public static ParamSpec choice(String name, String def, List<String> choices, String description) {
        return new ParamSpec(name, Kind.CHOICE, def, 0, 0, List.copyOf(choices), description);
    }

    /** Comma-separated numbers, e.g. content weights "1,1,1,0". */
    public static ParamSpec list(String name, String def, int count, String description) {
        return new ParamSpec(name, Kind.LIST, def, count, count, List.of(), description);
    }

    /** Human-readable range, e.g. {@code 0..255} or {@code floor|ceiling}. */
    public String range() {
        return switch (kind) {
            case NUMBER -> fmt(min) + ".." + fmt(max);
            case INTEGER -> (long) min + ".." + (long) max;
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
            case LIST -> (int) min + " numbers";
        };
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Checks and normalises a value; throws IllegalArgumentException naming the parameter. */
    String validate(String value) {
        String v = value.trim();
        try {
            switch (kind) {
                case NUMBER, INTEGER -> {
                    double d = Double.parseDouble(v);
                    if (kind == Kind.INTEGER && d != Math.rint(d)) {
                        throw new NumberFormatException();
                    }
                    if (!(d >= min && d <= max)) {
                        throw new IllegalArgumentException(
                            "parameter " + name + "=" + v + " out of range " + range());
                    }
                    return kind == Kind.INTEGER ? Long.toString((long) d) : fmt(d);
                }
                case BOOLEAN -> {
                    if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on")) {
                        return "true";
                    }
                    if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no") || v.equalsIgnoreCase("off")) {
                        return "false";
                    }
                    throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a boolean");
                }
                case CHOICE -> {
                    for (String c : choices) {
                        if (c.equalsIgnoreCase(v)) {
                            return c;
                        }
                    }
                    throw new IllegalArgumentException("parameter " + name + "=" + v + " not one of " + range());
                }
                case LIST -> {
                    String[] parts = v.split("[,;\\s]+");
                    if (parts.length != (int) min) {
                        throw new IllegalArgumentException(
                            "parameter " + name + " needs " + (int) min + " numbers: " + v);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (String p : parts) {
                        if (sb.length() > 0) {
                            sb.append(',');
                        }
                        sb.append(fmt(Double.parseDouble(p)));
                    }
                    return sb.toString();
                }
                default -> throw new IllegalStateException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a valid " + kind.name().toLowerCase());
        }
    }
}
