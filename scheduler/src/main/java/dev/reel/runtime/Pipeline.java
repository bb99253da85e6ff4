package dev.reel.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain a → b → c: each outbox linked to the next inbox. The result is a {@link Graph} whose
 * inbox is the first child's and whose outbox is the last child's, so pipelines nest in graphs.
 */
public final class Pipeline {
    private Pipeline() {
    }

    private static boolean hasBox(Object s, boolean in) {
        if (s instanceof Graph g) {
            return (in ? g.exposedInboxes() : g.exposedOutboxes()).containsKey(in ? Boxes.INBOX : Boxes.OUTBOX);
        }
        Boxes boxes = ((Component) s).boxes();
        return in ? boxes.inboxes().containsKey(Boxes.INBOX) : boxes.outboxes().containsKey(Boxes.OUTBOX);
    }

    /** Children are named after their class (lower case), numbered when repeated. */
    public static Graph of(Component... stages) {
        return of("pipeline", LinkSpec.DEFAULT, stages);
    }

    public static Graph of(String name, LinkSpec spec, Component... stages) {
        List<Object> list = new ArrayList<>(List.of(stages));
        return of(name, spec, list);
    }

    /** Stages may be {@link Component}s or {@link Graph}s. */
    public static Graph of(String name, LinkSpec spec, List<?> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        Graph.Builder b = Graph.builder(name);
        Map<String, Integer> seen = new HashMap<>();
        String prev = null;
        String first = null;
        for (Object s : stages) {
            String base = (s instanceof Graph g ? g.name() : s.getClass().getSimpleName()).toLowerCase(Locale.ROOT);
            if (base.isEmpty()) {
                base = "stage";
            }
            int n = seen.merge(base, 1, Integer::sum);
            String child = n == 1 ? base : base + n;
            if (s instanceof Graph g) {
                b.add(child, g);
            } else {
                b.add(child, (Component) s);
            }
            if (prev != null) {
                b.link(prev, child, spec);
            } else {
                first = child;
            }
            prev = child;
        }
        if (hasBox(stages.get(0), true)) {
            b.exposeInbox(Boxes.INBOX, first + "." + Boxes.INBOX);
        }
        if (hasBox(stages.get(stages.size() - 1), false)) {
            b.exposeOutbox(Boxes.OUTBOX, prev + "." + Boxes.OUTBOX);
        }
        return b.build();
    }
}
