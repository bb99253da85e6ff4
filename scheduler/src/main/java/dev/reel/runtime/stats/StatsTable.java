package dev.reel.runtime.stats;

import java.util.Locale;

/** The end-of-run table: one row per component, then one per link. */
public final class StatsTable {
    private StatsTable() {
    }

    public static String format(GraphSnapshot s) {
        StringBuilder b = new StringBuilder();
        double secs = Math.max(1e-9, s.elapsedNanos() / 1e9);
        b.append(String.format(Locale.ROOT, "graph %s: %.3f s%n", s.graph(), secs));
        b.append(String.format(Locale.ROOT, "%-28s %-6s %4s %-9s %10s %10s %9s %10s %10s%n", "component", "worker",
                "core", "state", "msgs in", "msgs out", "busy %", "starved s", "blocked s"));
        for (ComponentStats c : s.components()) {
            b.append(String.format(Locale.ROOT, "%-28s %-6s %4s %-9s %10d %10d %9.1f %10.3f %10.3f%n", trim(c.name(), 28),
                    c.worker(), c.core() < 0 ? "-" : Integer.toString(c.core()), c.state(), c.messagesIn(),
                    c.messagesOut(), 100.0 * c.busyNanos() / Math.max(1, s.elapsedNanos()), c.starvedNanos() / 1e9,
                    c.blockedNanos() / 1e9));
        }
        b.append(String.format(Locale.ROOT, "%-48s %9s %-11s %10s %8s %8s%n", "link", "depth/cap", "policy", "messages",
                "drops", "full s"));
        for (LinkStats l : s.links()) {
            b.append(String.format(Locale.ROOT, "%-48s %9s %-11s %10d %8d %8.3f%n", trim(l.label(), 48),
                    l.depth() + "/" + l.capacity(), l.leaky(), l.messages(), l.drops(), l.fullNanos() / 1e9));
        }
        return b.toString();
    }

    private static String trim(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }
}
