package dev.reel.runtime.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts reference-counted objects that are alive (allocated or handed out, not yet released).
 *
 * <p>Always on and cheap: one map entry per live object. With {@code -Dreel.leaks=trace} each entry
 * also keeps the stack of its allocation, so a report says where a leaked buffer came from.
 */
public final class LeakTracker {
    private static final boolean TRACE = "trace".equals(System.getProperty("reel.leaks"));
    private static final Map<Long, Entry> LIVE = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private LeakTracker() {
    }

    private record Entry(String type, Throwable site) {
    }

    static Object track(Object o) {
        Long id = IDS.incrementAndGet();
        LIVE.put(id, new Entry(o.getClass().getSimpleName(), TRACE ? new Throwable("allocated here") : null));
        return id;
    }

    static void retrack(Object o, Object handle) {
        LIVE.put((Long) handle, new Entry(o.getClass().getSimpleName(), TRACE ? new Throwable("handed out here") : null));
    }

    static void untrack(Object handle) {
        LIVE.remove(handle);
    }

    /** Number of reference-counted objects currently alive. */
    public static int live() {
        return LIVE.size();
    }

    /** One line per live object type with its count, and allocation sites when tracing. */
    public static List<String> report() {
        Map<String, Integer> byType = new java.util.TreeMap<>();
        List<String> sites = new ArrayList<>();
        for (Entry e : LIVE.values()) {
            byType.merge(e.type(), 1, Integer::sum);
            if (e.site() != null && sites.size() < 5) {
                StackTraceElement[] st = e.site().getStackTrace();
                sites.add("  " + e.type() + " from " + (st.length > 3 ? st[3] : "?"));
            }
        }
        List<String> out = new ArrayList<>();
        byType.forEach((t, n) -> out.add(n + " x " + t + " never released"));
        out.addAll(sites);
        return out;
    }
}
