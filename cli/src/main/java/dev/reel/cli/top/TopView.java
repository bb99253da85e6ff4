package dev.reel.cli.top;

import dev.reel.runtime.stats.ComponentStats;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.LinkStats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A live view of a running graph, redrawn a few times a second on the terminal's alternate screen
 * (plain ANSI, so no terminal library takes over Ctrl-C): each component's worker/core, state,
 * messages/s and busy %, each link's fill as a bar. When it closes, the last frame is printed on the
 * normal screen so it stays visible.
 */
public final class TopView implements AutoCloseable {
    private static final String ALT_ON = "\033[?1049h\033[?25l";
    private static final String ALT_OFF = "\033[?25h\033[?1049l";

    private final Supplier<GraphSnapshot> source;
    private final PrintStream out;
    private final long periodMillis;
    private final String title;
    private final Rates rates = new Rates();
    private final Thread thread;
    private volatile boolean closed;
    private List<String> last = List.of();

    private TopView(Supplier<GraphSnapshot> source, PrintStream out, long periodMillis, String title) {
        this.source = source;
        this.out = out;
        this.periodMillis = periodMillis;
        this.title = title;
        this.thread = new Thread(this::loop, "reel-top");
        this.thread.setDaemon(true);
    }

    /** True when stdout is an interactive terminal that understands ANSI escapes. */
    public static boolean terminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    public static TopView start(Supplier<GraphSnapshot> source, PrintStream out, long periodMillis, String title) {
        TopView v = new TopView(source, out, periodMillis, title);
        out.print(ALT_ON);
        out.flush();
        v.thread.start();
        return v;
    }

    private void loop() {
        while (!closed) {
            draw();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        int width = env("COLUMNS", 120);
        int height = env("LINES", 50);
        last = render(rates.next(source.get()), title, width);
        StringBuilder b = new StringBuilder("\033[H");
        for (int i = 0; i < last.size() && i < height - 1; i++) {
            b.append(last.get(i)).append("\033[K\n");
        }
        b.append("\033[J");
        out.print(b);
        out.flush();
    }

    private static int env(String name, int def) {
        try {
            String v = System.getenv(name);
            return v == null ? def : Math.max(40, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /** One frame: a title line, a component table, a link table with fill bars, cut to {@code width}. */
    public static List<String> render(Rates.Sample s, String title, int width) {
        List<String> lines = new ArrayList<>();
        GraphSnapshot g = s.snapshot();
        lines.add(String.format(Locale.ROOT, "%s   graph %s   %.1f s   Ctrl-C: finish early, twice: stop", title, g.graph(),
                g.elapsedNanos() / 1e9));
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-24s %-12s %-9s %-9s %9s %9s %6s", "COMPONENT", "TYPE", "CORE", "STATE",
                "IN/s", "OUT/s", "CPU%"));
        for (Rates.ComponentRate c : s.components()) {
            ComponentStats st = c.stats();
            String core = st.worker() + (st.core() < 0 ? "" : "/c" + st.core());
            lines.add(String.format(Locale.ROOT, "%-24s %-12s %-9s %-9s %9.1f %9.1f %6.1f", cut(st.name(), 24),
                    cut(st.type(), 12), cut(core, 9), cut(st.state(), 9), c.inPerSec(), c.outPerSec(), c.busyPct()));
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%-40s %-22s %9s %9s %7s", "LINK", "FILL", "DEPTH/CAP", "MSG/s", "DROPS"));
        for (Rates.LinkRate l : s.links()) {
            LinkStats st = l.stats();
            lines.add(String.format(Locale.ROOT, "%-40s %-22s %9s %9.1f %7d", cut(st.label(), 40), bar(l.fill(), 20),
                    st.depth() + "/" + st.capacity(), l.perSec(), st.drops()));
        }
        List<String> cutLines = new ArrayList<>();
        for (String line : lines) {
            cutLines.add(line.length() > width ? line.substring(0, width) : line);
        }
        return cutLines;
    }

    /** {@code [#####...............]}: the share of a link's capacity in use. */
    static String bar(double fill, int cells) {
        int n = (int) Math.round(Math.max(0, Math.min(1, fill)) * cells);
        return "[" + "#".repeat(n) + ".".repeat(cells - n) + "]";
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    /** Stops redrawing, leaves the alternate screen and prints the last frame. */
    @Override
    public void close() {
        synchronized (this) {
            draw();
            closed = true;
        }
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print(ALT_OFF);
        last.forEach(out::println);
        out.flush();
    }
}
