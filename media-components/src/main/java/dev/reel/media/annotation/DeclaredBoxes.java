package dev.reel.media.annotation;

import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.MessageTypes;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's boxes typed from the {@link Box} declarations of its {@link ComponentDoc} factory, so the
 * runtime's {@code Graph.build()} checks a media graph built in Java as the shell's assembler does: one
 * declaration, read by both. {@code StreamInfo} is left out (every media box carries stream headers, so it
 * would make every link meet); a box without a declaration stays untyped.
 */
public final class DeclaredBoxes {
    private static final ClassValue<Map<String, MessageTypes>> DECLARED = new ClassValue<>() {
        @Override
        protected Map<String, MessageTypes> computeValue(Class<?> type) {
            return declared(type);
        }
    };

    private DeclaredBoxes() {
    }

    /** {@code base} with each box that {@code component}'s factory declares retyped to its data messages. */
    public static Boxes typed(Boxes base, Class<?> component) {
        Map<String, MessageTypes> declared = DECLARED.get(component);
        if (declared.isEmpty()) {
            return base;
        }
        Boxes.Builder b = Boxes.none();
        base.inboxTypes().forEach((name, types) -> b.in(name, declared.getOrDefault(name, types)));
        base.outboxTypes().forEach((name, types) -> b.out(name, declared.getOrDefault(name, types)));
        return b.build();
    }

    /** {@code boxes} with outbox {@code name} sending {@code type} instead (a mode the declaration does not cover). */
    public static Boxes retype(Boxes boxes, String name, Class<?> type) {
        Boxes.Builder b = Boxes.none();
        boxes.inboxTypes().forEach(b::in);
        boxes.outboxTypes().forEach((n, types) -> b.out(n, n.equals(name) ? MessageTypes.of(type) : types));
        return b.build();
    }

    private static Map<String, MessageTypes> declared(Class<?> component) {
        Map<String, MessageTypes> m = new HashMap<>();
        for (Method f : component.getMethods()) {
            ComponentDoc doc = f.getAnnotation(ComponentDoc.class);
            if (doc == null || !Modifier.isStatic(f.getModifiers()) || !component.isAssignableFrom(f.getReturnType())) {
                continue;
            }
            for (Box box : doc.boxes()) {
                List<Class<?>> data = List.of(box.messages()).stream().filter(c -> c != StreamInfo.class).toList();
                if (!data.isEmpty()) {
                    m.put(box.name(), new MessageTypes(data));
                }
            }
        }
        return Map.copyOf(m);
    }
}
