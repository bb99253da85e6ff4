package dev.reel.media.registry;

import dev.reel.media.annotation.Prop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A property of a component as the shell sees it: read from a {@link Prop} and its parameter type. */
public record PropInfo(String name, Class<?> type, String doc, String defaultValue, double min, double max,
                       List<String> choices, boolean positional, String sample, Prop.Role role, boolean required) {

    static PropInfo of(Prop p, Class<?> type) {
        List<String> choices = type.isEnum()
                ? Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList()
                : List.of(p.choices());
        return new PropInfo(p.name(), type, p.doc(), Prop.NONE.equals(p.def()) ? null : p.def(), p.min(), p.max(),
                choices, p.positional(), Prop.NONE.equals(p.sample()) ? null : p.sample(), p.role(),
                p.required() || Prop.NONE.equals(p.def()) && type.isPrimitive());
    }

    /** The type as users read it: string, integer, number, boolean, or choice. */
    public String typeName() {
        if (!choices.isEmpty()) {
            return "choice";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        return "string";
    }

    /** Allowed values, e.g. {@code 0..51}, {@code >= 0}, {@code aac|opus}; empty when anything goes. */
    public String range() {
        if (!choices.isEmpty()) {
            return String.join("|", choices);
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true|false";
        }
        boolean lo = min != Double.NEGATIVE_INFINITY;
        boolean hi = max != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return fmt(min) + ".." + fmt(max);
        }
        return lo ? ">= " + fmt(min) : hi ? "<= " + fmt(max) : "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Converts a value as written in a graph; a {@link PropertyException} (VALUE) says why not. */
    public Object convert(String value) {
        String v = value.trim();
        if (type == String.class) {
            if (!choices.isEmpty() && !choices.contains(v)) {
                throw bad(v, "one of " + range());
            }
            return v;
        }
        if (type.isEnum()) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equalsIgnoreCase(v)) {
                    return c;
                }
            }
            throw bad(v, "one of " + range());
        }
        if (type == boolean.class || type == Boolean.class) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw bad(v, "true or false");
            };
        }
        double d;
        boolean integral = type == int.class || type == Integer.class || type == long.class || type == Long.class;
        try {
            d = parseNumber(v);
        } catch (NumberFormatException e) {
            throw bad(v, integral ? "an integer" : "a number");
        }
        if (integral && d != Math.rint(d)) {
            throw bad(v, "an integer");
        }
        if (!(d >= min && d <= max)) {
            throw new PropertyException(PropertyException.Kind.VALUE, name,
                    name + " must be " + range() + ", got " + v);
        }
        if (type == int.class || type == Integer.class) {
            if (Math.abs(d) > Integer.MAX_VALUE) {
                throw bad(v, "an integer of at most " + Integer.MAX_VALUE);
            }
            return (int) d;
        }
        if (type == long.class || type == Long.class) {
            return (long) d;
        }
        return d;
    }

    /** Numbers may end in k, M or G (x1000, as bitrates are written: 2500k, 4M). */
    private static double parseNumber(String v) {
        if (v.isEmpty()) {
            throw new NumberFormatException();
        }
        char last = v.charAt(v.length() - 1);
        double mult = switch (last) {
            case 'k', 'K' -> 1e3;
            case 'M' -> 1e6;
            case 'G' -> 1e9;
            default -> 1;
        };
        String n = mult == 1 ? v : v.substring(0, v.length() - 1);
        if (!n.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new NumberFormatException();
        }
        return Double.parseDouble(n) * mult;
    }

    private PropertyException bad(String v, String want) {
        return new PropertyException(PropertyException.Kind.VALUE, name,
                name + " wants " + want + ", got '" + v + "'");
    }
}
