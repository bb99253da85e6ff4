package dev.reel.media.registry;

import dev.reel.media.annotation.Box;
import dev.reel.media.annotation.ComponentDoc;
import dev.reel.media.annotation.Prop;

import dev.reel.runtime.Component;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A component the shell can build: read once from a {@link ComponentDoc} factory method. */
public final class Descriptor {
    private final ComponentDoc doc;
    private final Method factory;
    private final List<PropInfo> props;
    private final Map<String, Box> boxes = new LinkedHashMap<>();

    private Descriptor(ComponentDoc doc, Method factory, List<PropInfo> props) {
        this.doc = doc;
        this.factory = factory;
        this.props = List.copyOf(props);
        for (Box b : doc.boxes()) {
            boxes.put(b.name(), b);
        }
    }

    /** Reads a factory; a wrongly declared one is a programming error, reported at once. */
    public static Descriptor of(Method m) {
        ComponentDoc doc = m.getAnnotation(ComponentDoc.class);
        String where = m.getDeclaringClass().getName() + "." + m.getName();
        if (doc == null || !Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
                || !Component.class.isAssignableFrom(m.getReturnType())) {
            throw new IllegalStateException(where + ": @ComponentDoc goes on a public static method returning a Component");
        }
        List<PropInfo> props = new ArrayList<>();
        int positional = 0;
        for (Parameter p : m.getParameters()) {
            Prop prop = p.getAnnotation(Prop.class);
            if (prop == null) {
                throw new IllegalStateException(where + ": parameter " + p.getName() + " has no @Prop");
            }
            props.add(PropInfo.of(prop, p.getType()));
            positional += prop.positional() ? 1 : 0;
        }
        if (positional > 1) {
            throw new IllegalStateException(where + ": at most one positional property");
        }
        return new Descriptor(doc, m, props);
    }

    public String name() {
        return doc.name();
    }

    public List<String> aliases() {
        return List.of(doc.aliases());
    }

    public String summary() {
        return doc.summary();
    }

    public String example() {
        return doc.example();
    }

    /** The class the factory returns (for listings). */
    public Class<?> componentClass() {
        return factory.getReturnType();
    }

    public List<PropInfo> props() {
        return props;
    }

    public PropInfo prop(String name) {
        for (PropInfo p : props) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The property a bare value sets, or null. */
    public PropInfo positional() {
        for (PropInfo p : props) {
            if (p.positional()) {
                return p;
            }
        }
        return null;
    }

    public String countOutboxes() {
        return doc.countOutboxes().isEmpty() ? null : doc.countOutboxes();
    }

    public String countInboxes() {
        return doc.countInboxes().isEmpty() ? null : doc.countInboxes();
    }

    /** Message classes a box carries; empty: any. */
    public List<Class<?>> messages(String box) {
        Box b = boxes.get(box);
        return b == null ? List.of() : List.of(b.messages());
    }

    /** The capacity hint of a box, 0 when none. */
    public int capacity(String box) {
        Box b = boxes.get(box);
        return b == null ? 0 : b.capacity();
    }

    public String boxDoc(String box) {
        Box b = boxes.get(box);
        return b == null ? "" : b.doc();
    }

    /**
     * Builds the component from properties as written ({@code name -> text}). Unknown, missing, badly
     * typed and out-of-range properties throw {@link PropertyException}; a value the component itself
     * refuses throws its IllegalArgumentException.
     */
    public Component create(Map<String, String> values) {
        for (String k : values.keySet()) {
            if (prop(k) == null) {
                throw new PropertyException(PropertyException.Kind.UNKNOWN, k, name() + " has no property '" + k + "'; "
                        + (props.isEmpty() ? "it has none" : "properties: " + String.join(", ", propNames())));
            }
        }
        Object[] args = new Object[props.size()];
        for (int i = 0; i < args.length; i++) {
            PropInfo p = props.get(i);
            String v = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
            if (v == null) {
                if (p.required()) {
                    throw new PropertyException(PropertyException.Kind.MISSING, p.name(), name() + " needs " + p.name()
                            + (p.positional() ? " (" + name() + " " + p.name().toUpperCase(java.util.Locale.ROOT)
                                    + " or " + p.name() + "=...)" : " (" + p.name() + "=...)"));
                }
                args[i] = null;
            } else {
                args[i] = p.convert(v);
            }
        }
        try {
            return (Component) factory.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(name() + ": " + c, c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instance made from sample or default values, to show the boxes (tees with 2 branches). */
    public Component sample() {
        Map<String, String> v = new LinkedHashMap<>();
        for (PropInfo p : props) {
            if (p.sample() != null) {
                v.put(p.name(), p.sample());
            }
        }
        if (countOutboxes() != null) {
            v.putIfAbsent(countOutboxes(), "2");
        }
        if (countInboxes() != null) {
            v.putIfAbsent(countInboxes(), "2");
        }
        return create(v);
    }

    public List<String> propNames() {
        List<String> n = new ArrayList<>();
        props.forEach(p -> n.add(p.name()));
        return Collections.unmodifiableList(n);
    }

    @Override
    public String toString() {
        return name();
    }
}
