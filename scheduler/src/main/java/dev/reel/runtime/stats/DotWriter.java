package dev.reel.runtime.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Graphviz dump of a graph's topology labelled with its figures (render with {@code dot -Tsvg}). */
public final class DotWriter {
    private DotWriter() {
    }

    public static String toDot(GraphSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("digraph \"").append(esc(s.graph())).append("\" {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (ComponentStats c : s.components()) {
            b.append(String.format(Locale.ROOT, "  \"%s\" [label=\"%s\\n%s\\n%s core %s, %s\\nin %d out %d\\nbusy %.1f%%\"];%n",
                    esc(c.name()), esc(c.name()), esc(c.type()), c.worker(), c.core() < 0 ? "-" : c.core(), c.state(),
                    c.messagesIn(), c.messagesOut(), 100.0 * c.busyNanos() / Math.max(1, s.elapsedNanos())));
        }
        for (LinkStats l : s.links()) {
            b.append(String.format(Locale.ROOT,
                    "  \"%s\" -> \"%s\" [label=\"%s → %s\\n%d/%d %s\\n%d msgs, %d drops\\nfull %.3f s\"%s];%n",
                    esc(l.from()), esc(l.to()), esc(l.outbox()), esc(l.inbox()), l.depth(), l.capacity(), l.leaky(),
                    l.messages(), l.drops(), l.fullNanos() / 1e9, "none".equals(l.leaky()) ? "" : ", style=dashed"));
        }
        return b.append("}\n").toString();
    }

    /** Writes the dump via a temporary file, so a reader never sees half a file. */
    public static void write(GraphSnapshot s, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".part");
        Files.writeString(tmp, toDot(s));
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
