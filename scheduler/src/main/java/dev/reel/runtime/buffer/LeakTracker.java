package dev.reel.runtime.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts reference-counted objects that are alive (allocated or handed out, not yet released).
 *
 * <p>Always on and cheap: one striped counter per type ({@link LongAdder}), so a pooled
 * acquire and release cost two uncontended adds, not a map insert and remove. With {@code
 * -Dreel.leaks=trace} (or {@link #trace(boolean)} in a test) each object tracked from then on also
 * keeps the stack of its allocation in a map, so a report says where a leaked buffer came from.
 * {@code -Dreel.leaks=off} turns counting off (for measuring what it costs).
 */
public final class LeakTracker {
    private static volatile boolean trace = "trace".equals(System.getProperty("reel.leaks"));
    /** -Dreel.leaks=off: no counting at all (benchmarks measure the tracker's cost against it); live() is then 0. */
    private static final boolean OFF = "off".equals(System.getProperty("reel.leaks"));
    private static final LongAdder NOWHERE = new LongAdder();
    private static final Map<String, LongAdder> BY_TYPE = new ConcurrentHashMap<>();
    private static final ClassValue<LongAdder> COUNTERS = new ClassValue<>() {
        @Override
        protected LongAdder computeValue(Class<?> type) {
            return BY_TYPE.computeIfAbsent(type.getSimpleName(), t -> new LongAdder());
        }
    };
    private static final Map<Long, Entry> SITES = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private LeakTracker() {
    }

    private record Entry(String type, Throwable site) {
    }

    /** A traced object's handle: its counter and its entry in the site map. */
    private record Traced(LongAdder counter, Long id) {
    }

    /** Turns allocation sites on or off for objects tracked from now on (tests; the default is -Dreel.leaks=trace). */
    public static void trace(boolean on) {
        trace = on;
    }

    static Object track(Object o) {
        if (OFF) {
            return NOWHERE;
        }
        LongAdder c = COUNTERS.get(o.getClass());
        c.increment();
        if (!trace) {
            return c;
        }
        Long id = IDS.incrementAndGet();
        SITES.put(id, new Entry(o.getClass().getSimpleName(), new Throwable("allocated here")));
        return new Traced(c, id);
    }

    /** Tracks a pooled object handed out again; returns its handle from now on (traced or not, as asked now). */
    static Object retrack(Object o, Object handle) {
        if (OFF) {
            return NOWHERE;
        }
        LongAdder c = handle instanceof Traced t ? t.counter() : (LongAdder) handle;
        c.increment();
        if (!trace) {
            return c;
        }
        Long id = handle instanceof Traced t ? t.id() : IDS.incrementAndGet();
        SITES.put(id, new Entry(o.getClass().getSimpleName(), new Throwable("handed out here")));
        return new Traced(c, id);
    }

    static void untrack(Object handle) {
        if (OFF) {
            return;
        }
        if (handle instanceof Traced t) {
            SITES.remove(t.id());
            t.counter().decrement();
        } else {
            ((LongAdder) handle).decrement();
        }
    }

    /** Number of reference-counted objects currently alive (exact when no other thread is acquiring or releasing). */
    public static int live() {
        long n = 0;
        for (LongAdder a : BY_TYPE.values()) {
            n += a.sum();
        }
        return (int) n;
    }

    /** One line per live object type with its count, and allocation sites of traced objects. */
    public static List<String> report() {
        List<String> out = new ArrayList<>();
        new TreeMap<>(BY_TYPE).forEach((t, a) -> {
            long n = a.sum();
            if (n != 0) {
                out.add(n + " x " + t + " never released");
            }
        });
        int shown = 0;
        for (Entry e : SITES.values()) {
            if (shown++ == 5) {
                break;
            }
            out.add("  " + e.type() + " from " + site(e.site()));
        }
        return out;
    }

    /** The frames below the tracker's own: the object's constructor or pool, and who called them. */
    private static String site(Throwable t) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if ((frames.isEmpty() && (c.equals(LeakTracker.class.getName()) || c.equals(AbstractRefCounted.class.getName())))
                    || frames.size() == 4) {
                continue;
            }
            frames.add(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber());
        }
        return frames.isEmpty() ? "?" : String.join(" < ", frames);
    }
}
