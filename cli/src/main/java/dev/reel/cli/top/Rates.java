package dev.reel.cli.top;

import dev.reel.runtime.stats.ComponentStats;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.LinkStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive {@link GraphSnapshot}s into rates over the last interval: messages per second and
 * busy share (CPU) of each component, messages per second of each link. The first sample is over the
 * whole run so far.
 */
public final class Rates {
    public record ComponentRate(ComponentStats stats, double inPerSec, double outPerSec, double busyPct) {
    }

    public record LinkRate(LinkStats stats, double perSec) {
        public double fill() {
            return stats.capacity() <= 0 ? 0 : Math.min(1.0, (double) stats.depth() / stats.capacity());
        }
    }

    public record Sample(GraphSnapshot snapshot, double intervalSeconds, List<ComponentRate> components,
                         List<LinkRate> links) {
    }

    private GraphSnapshot prev;

    public Sample next(GraphSnapshot now) {
        Map<String, ComponentStats> before = new HashMap<>();
        Map<String, LinkStats> linksBefore = new HashMap<>();
        long dt = now.elapsedNanos();
        if (prev != null) {
            prev.components().forEach(c -> before.put(c.name(), c));
            prev.links().forEach(l -> linksBefore.put(l.label(), l));
            dt = now.elapsedNanos() - prev.elapsedNanos();
        }
        double secs = Math.max(1e-9, dt / 1e9);
        List<ComponentRate> cs = new ArrayList<>();
        for (ComponentStats c : now.components()) {
            ComponentStats b = before.get(c.name());
            long in = c.messagesIn() - (b == null ? 0 : b.messagesIn());
            long out = c.messagesOut() - (b == null ? 0 : b.messagesOut());
            long busy = c.busyNanos() - (b == null ? 0 : b.busyNanos());
            cs.add(new ComponentRate(c, in / secs, out / secs, Math.min(100.0, Math.max(0, 100.0 * busy / Math.max(1, dt)))));
        }
        List<LinkRate> ls = new ArrayList<>();
        for (LinkStats l : now.links()) {
            LinkStats b = linksBefore.get(l.label());
            ls.add(new LinkRate(l, (l.messages() - (b == null ? 0 : b.messages())) / secs));
        }
        prev = now;
        return new Sample(now, secs, cs, ls);
    }
}
