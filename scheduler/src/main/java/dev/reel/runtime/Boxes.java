package dev.reel.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named, typed inboxes and outboxes of a component. Every component has the four Kamaelia
 * boxes ({@code inbox}, {@code control} in; {@code outbox}, {@code signal} out) unless it declares
 * otherwise. A box declares one or more message classes ({@link MessageTypes}); {@link Graph.Builder#build()}
 * refuses a link whose two sides cannot meet, so a graph built in Java is checked as one the shell builds.
 */
public final class Boxes {
    public static final String INBOX = "inbox";
    public static final String CONTROL = "control";
    public static final String OUTBOX = "outbox";
    public static final String SIGNAL = "signal";

    /** The four default boxes, carrying any message. */
    public static final Boxes DEFAULT = builder().build();

    private final Map<String, MessageTypes> inboxes;
    private final Map<String, MessageTypes> outboxes;

    private Boxes(Map<String, MessageTypes> in, Map<String, MessageTypes> out) {
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

    /** Inbox name -> the class every message on it has ({@link MessageTypes#common()}). */
    public Map<String, Class<?>> inboxes() {
        return common(inboxes);
    }

    /** Outbox name -> the class every message on it has ({@link MessageTypes#common()}). */
    public Map<String, Class<?>> outboxes() {
        return common(outboxes);
    }

    /** Inbox name -> the message classes it accepts. */
    public Map<String, MessageTypes> inboxTypes() {
        return inboxes;
    }

    /** Outbox name -> the message classes it sends. */
    public Map<String, MessageTypes> outboxTypes() {
        return outboxes;
    }

    private static Map<String, Class<?>> common(Map<String, MessageTypes> boxes) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        boxes.forEach((name, types) -> m.put(name, types.common()));
        return Collections.unmodifiableMap(m);
    }

    public static final class Builder {
        private final Map<String, MessageTypes> in = new LinkedHashMap<>();
        private final Map<String, MessageTypes> out = new LinkedHashMap<>();

        private Builder(boolean defaults) {
            if (defaults) {
                in.put(INBOX, MessageTypes.ANY);
                out.put(OUTBOX, MessageTypes.ANY);
            }
            in.put(CONTROL, MessageTypes.ANY);
            out.put(SIGNAL, MessageTypes.ANY);
        }

        /** Declares (or retypes) an inbox accepting these message classes ({@code Object}: any). */
        public Builder in(String name, Class<?> type, Class<?>... more) {
            in.put(name, MessageTypes.of(type, more));
            return this;
        }

        /** Declares (or retypes) an outbox sending these message classes ({@code Object}: any). */
        public Builder out(String name, Class<?> type, Class<?>... more) {
            out.put(name, MessageTypes.of(type, more));
            return this;
        }

        /** Declares (or retypes) an inbox accepting {@code types}. */
        public Builder in(String name, MessageTypes types) {
            in.put(name, types);
            return this;
        }

        /** Declares (or retypes) an outbox sending {@code types}. */
        public Builder out(String name, MessageTypes types) {
            out.put(name, types);
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
