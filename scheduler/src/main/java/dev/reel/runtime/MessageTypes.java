package dev.reel.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The message classes one box declares, and the rule a link between two boxes must pass: some class
 * the outbox sends is assignable to some class the inbox accepts. {@code Object} on either side means
 * untyped, and an untyped box meets any other (tees, merges and generic components stay permissive).
 *
 * <p>List the classes that tell boxes apart: a class every box carries (a stream header) makes every
 * link meet and so checks nothing.
 */
public record MessageTypes(List<Class<?>> classes) {
    /** An untyped box: carries any message. */
    public static final MessageTypes ANY = new MessageTypes(List.of(Object.class));

    public MessageTypes {
        classes = List.copyOf(classes);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a box declares at least one message class");
        }
    }

    public static MessageTypes of(Class<?> first, Class<?>... more) {
        Class<?>[] all = new Class<?>[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return new MessageTypes(List.of(all));
    }

    /** True when the box carries any message. */
    public boolean untyped() {
        return classes.contains(Object.class);
    }

    /** True when a link from an outbox of these types into {@code inbox} can carry a message. */
    public boolean meets(MessageTypes inbox) {
        if (untyped() || inbox.untyped()) {
            return true;
        }
        for (Class<?> sent : classes) {
            for (Class<?> accepted : inbox.classes) {
                if (accepted.isAssignableFrom(sent)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first declared class, or its nearest superclass every declared class extends ({@code Object}: none). */
    public Class<?> common() {
        Class<?> c = classes.get(0);
        while (c != null && !classes.stream().allMatch(c::isAssignableFrom)) {
            c = c.getSuperclass();
        }
        return c == null ? Object.class : c;
    }

    /** The simple names, comma-separated, as messages about links print them. */
    @Override
    public String toString() {
        return classes.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
