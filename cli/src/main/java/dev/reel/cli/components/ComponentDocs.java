package dev.reel.cli.components;

import dev.reel.media.registry.Descriptor;
import dev.reel.media.registry.PropInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders descriptors as text: everything comes from the components' own declarations. */
public final class ComponentDocs {
    private ComponentDocs() {
    }

    /** One line per component: name and summary. */
    public static String list(List<Descriptor> all) {
        int w = all.stream().mapToInt(d -> d.name().length()).max().orElse(8) + 2;
        StringBuilder b = new StringBuilder();
        for (Descriptor d : all) {
            b.append(String.format(Locale.ROOT, "%-" + w + "s%s%n", d.name(), d.summary()));
        }
        return b.toString();
    }

    /** A component's boxes (with message types), properties (type, default, range) and example. */
    public static String describe(Descriptor d) {
        StringBuilder b = new StringBuilder();
        b.append(d.name());
        if (!d.aliases().isEmpty()) {
            b.append(" (also ").append(String.join(", ", d.aliases())).append(')');
        }
        b.append(" - ").append(d.summary()).append('\n');
        b.append("  ").append(d.componentClass().getName()).append("\n\n");
        Component sample = d.sample();
        Boxes boxes = sample.boxes();
        b.append("Boxes:\n");
        b.append(String.format(Locale.ROOT, "  %-4s %-9s %-38s %-8s %s%n", "DIR", "BOX", "MESSAGES", "LINK CAP", "NOTES"));
        boxRows(b, d, "in", boxes.inboxes());
        boxRows(b, d, "out", boxes.outboxes());
        if (d.countOutboxes() != null) {
            b.append("  (outboxes out0..outN-1: one per branch linked, or ").append(d.countOutboxes()).append("=N)\n");
        }
        if (d.countInboxes() != null) {
            b.append("  (inboxes in0..inN-1: one per input linked, or ").append(d.countInboxes()).append("=N)\n");
        }
        b.append("\nProperties:\n");
        if (d.props().isEmpty()) {
            b.append("  (none)\n");
        } else {
            int w = Math.max(8, d.props().stream().mapToInt(p -> p.name().length()).max().orElse(8));
            b.append(String.format(Locale.ROOT, "  %-" + w + "s %-8s %-10s %-20s %s%n", "NAME", "TYPE", "DEFAULT", "RANGE",
                    "DESCRIPTION"));
            for (PropInfo p : d.props()) {
                String def = p.defaultValue() != null ? p.defaultValue() : p.required() ? "required" : "-";
                String doc = p.doc() + (p.positional() ? " [bare value: " + d.name() + " VALUE]" : "");
                b.append(String.format(Locale.ROOT, "  %-" + w + "s %-8s %-10s %-20s %s%n", p.name(), p.typeName(), def,
                        p.range().isEmpty() ? "-" : p.range(), doc));
            }
        }
        b.append("\nExample:\n  reel run '").append(d.example()).append("'\n");
        return b.toString();
    }

    private static void boxRows(StringBuilder b, Descriptor d, String dir, Map<String, Class<?>> boxes) {
        // data boxes first, the runtime's control/signal after
        List<Map.Entry<String, Class<?>>> rows = boxes.entrySet().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getKey().equals(Boxes.CONTROL) || e.getKey().equals(Boxes.SIGNAL)))
                .toList();
        for (Map.Entry<String, Class<?>> e : rows) {
            String box = e.getKey();
            List<Class<?>> msgs = d.messages(box);
            String types = msgs.isEmpty() ? "any (" + e.getValue().getSimpleName() + ")"
                    : msgs.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
            int cap = d.capacity(box);
            String notes = d.boxDoc(box);
            if (notes.isEmpty() && (box.equals(Boxes.CONTROL) || box.equals(Boxes.SIGNAL))) {
                notes = "runtime control box";
            }
            b.append(String.format(Locale.ROOT, "  %-4s %-9s %-38s %-8s %s%n", dir, box, types, cap == 0 ? "-" : cap, notes)
                    .stripTrailing()).append('\n');
        }
    }
}
