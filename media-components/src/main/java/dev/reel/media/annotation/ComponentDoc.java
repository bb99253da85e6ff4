package dev.reel.media.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a component usable from {@code reel run} and listed by {@code reel components}. Put it on a
 * public static factory method whose parameters are all {@link Prop}s; the method is how the shell
 * builds the component, so names, types, defaults and ranges are declared once, here.
 *
 * <pre>{@code
 * @ComponentDoc(name = "scale", summary = "Scales frames to W:H", example = "decode in.mp4 ! scale 1280:-2 ! ...",
 *         boxes = {@Box(name = "inbox", messages = {StreamInfo.class, VideoFrame.class})})
 * public static Scale create(@Prop(name = "size", positional = true, doc = "W:H") String size) { ... }
 * }</pre>
 *
 * The registry finds factories in {@link ComponentRegistry}'s class list, in the well-known optional
 * classes it names, and in classes listed in {@code META-INF/reel/components} resources.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComponentDoc {
    /** The name in graph text (lower case, no dots). */
    String name();

    /** Other accepted names. */
    String[] aliases() default {};

    /** One line: what it does. */
    String summary();

    /** A complete graph using it, as typed after {@code reel run}. */
    String example();

    /** Message types and link capacities of its boxes (boxes not named here carry any message). */
    Box[] boxes() default {};

    /**
     * A property the shell fills with the number of links leaving this component without a box name
     * (a tee's branches), when not given; its outboxes are then used in order.
     */
    String countOutboxes() default "";

    /** Like {@link #countOutboxes} for links arriving (a merge's sources). */
    String countInboxes() default "";
}
