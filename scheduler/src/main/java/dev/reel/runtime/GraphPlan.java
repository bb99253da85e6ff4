package dev.reel.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A graph flattened to leaf components and resolved links, checked for names, boxes and types. */
final class GraphPlan {
    record Leaf(String path, Component component, Placement placement) {
    }

    record Endpoint(String path, String box, MessageTypes types) {
        @Override
        public String toString() {
            return path + "." + box;
        }
    }

    record ResolvedLink(Endpoint from, Endpoint to, LinkSpec spec) {
    }

    final String name;
    final List<Leaf> leaves = new ArrayList<>();
    final List<ResolvedLink> links = new ArrayList<>();

    private GraphPlan(String name) {
        this.name = name;
    }

    static GraphPlan of(Graph g) {
        GraphPlan p = new GraphPlan(g.name());
        p.collect(g, "");
        Map<String, ResolvedLink> byOutbox = new HashMap<>();
        for (ResolvedLink l : p.links) {
            ResolvedLink old = byOutbox.put(l.from().toString(), l);
            if (old != null) {
                throw new IllegalArgumentException("outbox " + l.from() + " is linked twice (to " + old.to() + " and "
                        + l.to() + "); use a tee to send to several inboxes");
            }
        }
        return p;
    }

    private void collect(Graph g, String prefix) {
        for (Graph.Child c : g.children().values()) {
            if (c.component() != null) {
                leaves.add(new Leaf(prefix + c.name(), c.component(), c.placement()));
            } else {
                collect(c.graph(), prefix + c.name() + "/");
            }
        }
        for (Graph.LinkDef l : g.links()) {
            Endpoint from = resolve(g, prefix, l.from(), false);
            Endpoint to = resolve(g, prefix, l.to(), true);
            checkTypes(from, to);
            links.add(new ResolvedLink(from, to, l.spec()));
        }
    }

    /** Negotiation in the core, for every caller: a link no declared message can cross is refused here. */
    private static void checkTypes(Endpoint from, Endpoint to) {
        if (!from.types().meets(to.types())) {
            throw new IllegalArgumentException("cannot link " + from + " (sends " + from.types() + ") to " + to
                    + " (accepts " + to.types() + "): message types differ");
        }
    }

    /** Resolves "child.box" in graph g down to a leaf component's box. */
    private static Endpoint resolve(Graph g, String prefix, String ref, boolean inbox) {
        int dot = ref.indexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            throw new IllegalArgumentException("bad box reference '" + ref + "' in graph " + g.name() + ": want child.box");
        }
        String child = ref.substring(0, dot);
        String box = ref.substring(dot + 1);
        Graph.Child c = g.children().get(child);
        if (c == null) {
            throw new IllegalArgumentException("graph " + g.name() + " has no child '" + child + "' (has "
                    + g.children().keySet() + ")");
        }
        if (c.graph() != null) {
            Map<String, String> exposed = inbox ? c.graph().exposedInboxes() : c.graph().exposedOutboxes();
            String inner = exposed.get(box);
            if (inner == null) {
                throw new IllegalArgumentException("graph " + prefix + child + " exposes no " + (inbox ? "inbox" : "outbox")
                        + " '" + box + "' (exposes " + exposed.keySet() + ")");
            }
            return resolve(c.graph(), prefix + child + "/", inner, inbox);
        }
        Map<String, MessageTypes> boxes = inbox ? c.component().boxes().inboxTypes() : c.component().boxes().outboxTypes();
        MessageTypes type = boxes.get(box);
        if (type == null) {
            throw new IllegalArgumentException(prefix + child + " has no " + (inbox ? "inbox" : "outbox") + " '" + box
                    + "' (has " + boxes.keySet() + ")");
        }
        return new Endpoint(prefix + child, box, type);
    }
}
