package dev.reel.media.annotation;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What one box of a component carries; see {@link ComponentDoc#boxes()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Box {
    /** The box name as in {@code Component.boxes()}. */
    String name();

    /**
     * The message classes it sends or accepts. Empty: any. The shell refuses a link whose two sides
     * share no class other than stream headers ({@code StreamInfo}).
     */
    Class<?>[] messages() default {};

    /**
     * Capacity the shell gives links on this box unless the graph says otherwise (0: the runtime's
     * default). Deep where a consumer may wait long for another input (audio into a muxer).
     */
    int capacity() default 0;

    /** A few words on the box, e.g. "first audio stream". */
    String doc() default "";
}
