package dev.reel.media.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One property of a component factory (a parameter of a {@link ComponentDoc} method). Its type is the
 * parameter's: String, int/long/double/boolean (boxed: optional, null when unset) or an enum.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Prop {
    /** Marks "no default" in {@link #def()}. */
    String NONE = "\u0000";

    String name();

    String doc();

    /** The default as it would be written in a graph; {@link #NONE}: none (required unless boxed). */
    String def() default NONE;

    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** Allowed values for a String property (enums list their constants themselves). */
    String[] choices() default {};

    /** Must be given (primitive properties without a default always must). */
    boolean required() default false;

    /** The one property that may be written as a bare value after the component name. */
    boolean positional() default false;

    /** A value used only to show the component's boxes in {@code reel components NAME}. */
    String sample() default NONE;

    /** What the value names: checked before a run (an input must exist, an output must not unless -y). */
    Role role() default Role.VALUE;

    enum Role { VALUE, INPUT, OUTPUT }
}
