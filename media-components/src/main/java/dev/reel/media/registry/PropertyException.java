package dev.reel.media.registry;

/** A property given to a component is unknown, missing, of the wrong type or out of range. */
public final class PropertyException extends IllegalArgumentException {
    /** Which part of {@code key=value} is wrong: the key (unknown), the value, or neither (missing). */
    public enum Kind { UNKNOWN, VALUE, MISSING, POSITIONAL }

    private final Kind kind;
    private final String property;

    public PropertyException(Kind kind, String property, String message) {
        super(message);
        this.kind = kind;
        this.property = property;
    }

    public Kind kind() {
        return kind;
    }

    public String property() {
        return property;
    }
}
