package dev.reel.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of children (components or graphs) and the links between their boxes. Boxes of
 * children can be exposed as the graph's own, so graphs nest. A graph holds component instances,
 * which keep state: build a new graph for each run.
 *
 * <pre>{@code
 * Graph g = Graph.builder("demo")
 *     .add("src", new Counter(1000))
 *     .add("dbl", Components.map((Integer x) -> x * 2))
 *     .add("out", sink, Placement.pin(1))
 *     .link("src", "dbl")                          // outbox -> inbox
 *     .link("dbl.outbox", "out.inbox", LinkSpec.capacity(64))
 *     .build();
 * }</pre>
 */
public final class Graph {
    /** A child: exactly one of component or graph is set. */
    public record Child(String name, Component component, Graph graph, Placement placement) {
    }

    /** A link between "child.box" endpoints of this graph (or "box" for the graph's own box). */
    public record LinkDef(String from, String to, LinkSpec spec) {
    }

    private final String name;
    private final Map<String, Child> children;
    private final List<LinkDef> links;
    private final Map<String, String> exposedIn;
    private final Map<String, String> exposedOut;

    private Graph(Builder b) {
        this.name = b.name;
        this.children = Collections.unmodifiableMap(new LinkedHashMap<>(b.children));
        this.links = List.copyOf(b.links);
        this.exposedIn = Map.copyOf(b.exposedIn);
        this.exposedOut = Map.copyOf(b.exposedOut);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Map<String, Child> children() {
        return children;
    }

    public List<LinkDef> links() {
        return links;
    }

    /** Graph inbox name -> "child.box" inside. */
    public Map<String, String> exposedInboxes() {
        return exposedIn;
    }

    /** Graph outbox name -> "child.box" inside. */
    public Map<String, String> exposedOutboxes() {
        return exposedOut;
    }

    /** Builds a graph; every name and box is checked when {@link #build()} is called. */
    public static final class Builder {
        private final String name;
        private final Map<String, Child> children = new LinkedHashMap<>();
        private final List<LinkDef> links = new ArrayList<>();
        private final Map<String, String> exposedIn = new LinkedHashMap<>();
        private final Map<String, String> exposedOut = new LinkedHashMap<>();

        private Builder(String name) {
            checkName(name);
            this.name = name;
        }

        private static void checkName(String n) {
            if (n == null || n.isEmpty() || n.contains(".") || n.contains("/")) {
                throw new IllegalArgumentException("bad name '" + n + "': must be non-empty without '.' or '/'");
            }
        }

        public Builder add(String child, Component c) {
            return add(child, c, Placement.AUTO);
        }

        public Builder add(String child, Component c, Placement placement) {
            checkName(child);
            if (children.putIfAbsent(child, new Child(child, c, null, placement)) != null) {
                throw new IllegalArgumentException("duplicate child '" + child + "' in graph " + name);
            }
            return this;
        }

        public Builder add(String child, Graph g) {
            checkName(child);
            if (children.putIfAbsent(child, new Child(child, null, g, Placement.AUTO)) != null) {
                throw new IllegalArgumentException("duplicate child '" + child + "' in graph " + name);
            }
            return this;
        }

        /** Links "a.box" (or "a", meaning its outbox) to "b.box" (or "b", its inbox). */
        public Builder link(String from, String to) {
            return link(from, to, LinkSpec.DEFAULT);
        }

        public Builder link(String from, String to, LinkSpec spec) {
            links.add(new LinkDef(from.contains(".") ? from : from + "." + Boxes.OUTBOX,
                    to.contains(".") ? to : to + "." + Boxes.INBOX, spec));
            return this;
        }

        /** Makes "child.box" reachable as this graph's inbox {@code box}. */
        public Builder exposeInbox(String box, String childBox) {
            exposedIn.put(box, childBox);
            return this;
        }

        /** Makes "child.box" reachable as this graph's outbox {@code box}. */
        public Builder exposeOutbox(String box, String childBox) {
            exposedOut.put(box, childBox);
            return this;
        }

        public Graph build() {
            Graph g = new Graph(this);
            GraphPlan.of(g); // validates names, boxes and types now, not at run time
            return g;
        }
    }
}
