package dev.reel.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named, typed inboxes and outboxes of a component. Every component has the four Kamaelia
 * boxes ({@code inbox}, {@code control} in; {@code outbox}, {@code signal} out) unless it declares
 * otherwise; links are checked against the types when a graph is built.
 */
public final class Boxes {
    public static final String INBOX = "inbox";
    public static final String CONTROL = "control";
    public static final String OUTBOX = "outbox";
    public static final String SIGNAL = "signal";

    /** The four default boxes, carrying any message. */
    public static final Boxes DEFAULT = builder().build();

    private final Map<String, Class<?>> inboxes;
    private final Map<String, Class<?>> outboxes;

    private Boxes(Map<String, Class<?>> in, Map<String, Class<?>> out) {
        this.inboxes = Collections.unmodifiableMap(in);
        this.outboxes = Collections.unmodifiableMap(out);
    }

    /** Starts from the four default boxes typed {@code Object}. */
    public static Builder builder() {
        return new Builder(true);
    }

    /** Starts with only {@code control} and {@code signal}: for sources and sinks. */
    public static Builder none() {
        return new Builder(false);
    }

    public Map<String, Class<?>> inboxes() {
        return inboxes;
    }

    public Map<String, Class<?>> outboxes() {
        return outboxes;
    }

    public static final class Builder {
        private final Map<String, Class<?>> in = new LinkedHashMap<>();
        private final Map<String, Class<?>> out = new LinkedHashMap<>();

        private Builder(boolean defaults) {
            if (defaults) {
                in.put(INBOX, Object.class);
                out.put(OUTBOX, Object.class);
            }
            in.put(CONTROL, Object.class);
            out.put(SIGNAL, Object.class);
        }

        /** Declares (or retypes) an inbox. */
        public Builder in(String name, Class<?> type) {
            in.put(name, type);
            return this;
        }

        /** Declares (or retypes) an outbox. */
        public Builder out(String name, Class<?> type) {
            out.put(name, type);
            return this;
        }

        public Builder noInbox() {
            in.remove(INBOX);
            return this;
        }

        public Builder noOutbox() {
            out.remove(OUTBOX);
            return this;
        }

        public Boxes build() {
            return new Boxes(new LinkedHashMap<>(in), new LinkedHashMap<>(out));
        }
    }
}
