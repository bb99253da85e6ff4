package dev.reel.cli.top;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.runtime.stats.ComponentStats;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.LinkStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures of {@link TopView} as JSON lines, one snapshot per period (and a last one with
 * {@code "final": true} when the graph ends), for scripts and plots. Each line is flushed, so a
 * reader can follow the file while the graph runs.
 */
public final class MetricsWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<GraphSnapshot> source;
    private final BufferedWriter out;
    private final long periodMillis;
    private final Rates rates = new Rates();
    private final Thread thread;
    private volatile boolean closed;
    private IOException failure;

    private MetricsWriter(Supplier<GraphSnapshot> source, BufferedWriter out, long periodMillis) {
        this.source = source;
        this.out = out;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "reel-metrics");
        this.thread.setDaemon(true);
    }

    public static MetricsWriter start(Supplier<GraphSnapshot> source, Path file, long periodMillis) throws IOException {
        MetricsWriter w = new MetricsWriter(source, Files.newBufferedWriter(file), periodMillis);
        w.thread.start();
        return w;
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            write(false);
        }
    }

    private synchronized void write(boolean last) {
        if (closed || failure != null) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(line(rates.next(source.get()), last)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            failure = e; // reported at close; the graph is not failed for its metrics
        }
    }

    /** One line: the graph, each component and each link, with rates over the last interval. */
    public static Map<String, Object> line(Rates.Sample s, boolean last) {
        Map<String, Object> m = new LinkedHashMap<>();
        GraphSnapshot g = s.snapshot();
        m.put("graph", g.graph());
        m.put("elapsed_s", round(g.elapsedNanos() / 1e9, 3));
        m.put("interval_s", round(s.intervalSeconds(), 3));
        if (last) {
            m.put("final", true);
        }
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Rates.ComponentRate c : s.components()) {
            ComponentStats st = c.stats();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", st.name());
            x.put("type", st.type());
            x.put("worker", st.worker());
            x.put("core", st.core());
            x.put("state", st.state());
            x.put("messages_in", st.messagesIn());
            x.put("messages_out", st.messagesOut());
            x.put("in_per_s", round(c.inPerSec(), 2));
            x.put("out_per_s", round(c.outPerSec(), 2));
            x.put("busy_pct", round(c.busyPct(), 2));
            x.put("busy_s", round(st.busyNanos() / 1e9, 4));
            x.put("starved_s", round(st.starvedNanos() / 1e9, 4));
            x.put("blocked_s", round(st.blockedNanos() / 1e9, 4));
            cs.add(x);
        }
        m.put("components", cs);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (Rates.LinkRate l : s.links()) {
            LinkStats st = l.stats();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("from", st.from() + "." + st.outbox());
            x.put("to", st.to() + "." + st.inbox());
            x.put("depth", st.depth());
            x.put("capacity", st.capacity());
            x.put("fill", round(l.fill(), 3));
            x.put("leaky", st.leaky());
            x.put("messages", st.messages());
            x.put("per_s", round(l.perSec(), 2));
            x.put("drops", st.drops());
            x.put("full_s", round(st.fullNanos() / 1e9, 4));
            ls.add(x);
        }
        m.put("links", ls);
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Writes the final line and closes the file. */
    @Override
    public void close() throws IOException {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(true);
        synchronized (this) {
            closed = true;
            out.close();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
