package dev.reel.bench;

import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Graph;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.LinkSpec;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Placement;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import dev.reel.runtime.Step;
import dev.reel.runtime.affinity.Affinity;
import dev.reel.runtime.components.Tee;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.SpscArrayQueue;

/**
 * {@code scripts/bench scheduler}: message rates of the runtime against the bare queue it is built
 * on, measured in one run. Prints {@code bench <name> <value> <unit>} lines.
 */
public final class SchedulerBench {
    static final int CAPACITY = 1024;
    static final Object MSG = new Object();

    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Integer> cores = Affinity.allowedCores();
        // The two figures of the ratio are measured the same way: the same two cores (the raw
        // threads and the two workers are pinned to cores 0 and 1 of the allowed set), one warm-up
        // each, then runs in pairs back to back so a busy moment on the machine hits both.
        double[] raw = new double[runs];
        double[] p2 = new double[runs];
        double[] ratio = new double[runs];
        try (Scheduler s = Scheduler.builder().workers(2).build()) {
            spscRaw(n / 5, cores);
            rate(s, k -> pipeline(k, 2, true), n / 5, true);
            for (int i = 0; i < runs; i++) {
                raw[i] = spscRaw(n, cores);
                p2[i] = rate(s, k -> pipeline(k, 2, true), n, true);
                ratio[i] = p2[i] / raw[i];
            }
        }
        print("spsc-raw", median(raw), "msg/s", raw);
        print("pipeline-2", median(p2), "msg/s", p2);
        print("pipeline-2-ratio", median(ratio), "ratio", ratio);
        try (Scheduler s = Scheduler.create()) {
            print("pipeline-8", best(3, () -> rate(s, k -> pipeline(k, 8, false), n / 4, false)), "msg/s");
            print("fanout-4", best(3, () -> 4 * rate(s, k -> fanout(k, 4), n / 8, false)), "msg/s");
            print("idle-cpu", idleCpu(s), "percent");
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    static void print(String name, double median, String unit, double[] all) {
        double min = java.util.Arrays.stream(all).min().orElse(0);
        double max = java.util.Arrays.stream(all).max().orElse(0);
        String f = median >= 100 ? "%.0f" : "%.3f";
        System.out.printf(Locale.ROOT, "bench %s " + f + " %s (median of %d; min " + f + ", max " + f + ")%n", name, median, unit,
                all.length, min, max);
    }

    interface Run {
        double go() throws Exception;
    }

    static double best(int reps, Run r) throws Exception {
        r.go(); // warm-up
        double best = 0;
        for (int i = 0; i < reps; i++) {
            best = Math.max(best, r.go());
        }
        return best;
    }

    static void print(String name, double v, String unit) {
        System.out.printf(Locale.ROOT, "bench %s %s %s%n", name,
                v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v), unit);
    }

    /** The limit: one producer and one consumer thread, pinned, on a bare JCTools queue. */
    static double spscRaw(long n, List<Integer> cores) throws InterruptedException {
        SpscArrayQueue<Object> q = new SpscArrayQueue<>(CAPACITY);
        Thread consumer = new Thread(() -> {
            Affinity.pinCurrentThread(cores.get(1 % cores.size()));
            long got = 0;
            while (got < n) {
                got += q.drain(m -> { }, 256);
                if (got < n) {
                    Thread.onSpinWait();
                }
            }
        });
        long[] t = new long[1];
        Thread producer = new Thread(() -> {
            Affinity.pinCurrentThread(cores.get(0));
            t[0] = System.nanoTime();
            for (long i = 0; i < n; i++) {
                while (!q.offer(MSG)) {
                    Thread.onSpinWait();
                }
            }
        });
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        return n / ((System.nanoTime() - t[0]) / 1e9);
    }

    /**
     * Messages per second through a graph. {@code fromFirstMessage}: timed from the source's first
     * message to the end, as the raw figure is timed from its producer's start (graph start-up,
     * placement and waking the workers are not message passing).
     */
    static double rate(Scheduler s, java.util.function.LongFunction<Graph> graph, long n, boolean fromFirstMessage) {
        Graph g = graph.apply(n); // built for this n (a graph built before a shared count was set sent the previous run's n)
        FIRST.set(0);
        long t0 = System.nanoTime();
        RunningGraph r = s.start(g);
        r.await().orThrow();
        long end = System.nanoTime();
        long first = FIRST.get();
        return n / (((fromFirstMessage && first != 0 ? end - first : end - t0)) / 1e9);
    }

    static final AtomicLong FIRST = new AtomicLong();

    static Graph pipeline(long n, int stages, boolean pin) {
        Graph.Builder b = Graph.builder("p" + stages);
        b.add("s0", new Source(n), pin ? Placement.pin(0) : Placement.auto());
        for (int i = 1; i < stages - 1; i++) {
            b.add("s" + i, new Relay());
            b.link("s" + (i - 1), "s" + i, LinkSpec.capacity(CAPACITY));
        }
        b.add("s" + (stages - 1), new Sink(), pin ? Placement.pin(1) : Placement.auto());
        b.link("s" + (stages - 2), "s" + (stages - 1), LinkSpec.capacity(CAPACITY));
        return b.build();
    }

    static Graph fanout(long n, int branches) {
        Graph.Builder b = Graph.builder("fanout").add("src", new Source(n)).add("tee", new Tee(branches))
                .link("src", "tee", LinkSpec.capacity(CAPACITY));
        for (int i = 0; i < branches; i++) {
            b.add("sink" + i, new Sink()).link("tee." + Tee.branch(i), "sink" + i + ".inbox", LinkSpec.capacity(CAPACITY));
        }
        return b.build();
    }

    /** CPU used by a started graph that waits for input that never comes. */
    static double idleCpu(Scheduler s) throws InterruptedException {
        Graph g = Graph.builder("idle").add("src", new Component() {
            @Override
            public Step step(Context ctx) {
                return ctx.sleep(TimeUnit.HOURS.toNanos(1));
            }
        }).add("sink", new Sink()).link("src", "sink").build();
        RunningGraph r = s.start(g);
        Thread.sleep(500);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(5000);
        double pct = 100.0 * (os.getProcessCpuTime() - c0) / (System.nanoTime() - t0);
        r.stop();
        r.await();
        return pct;
    }

    static final class Source implements Component {
        final long n;
        long sent;
        Outbox<Object> out;

        Source(long n) {
            this.n = n;
        }

        @Override
        public Boxes boxes() {
            return Boxes.none().out(Boxes.OUTBOX, Object.class).build();
        }

        @Override
        public void open(Context ctx) {
            out = ctx.outbox();
        }

        @Override
        public Step step(Context ctx) {
            if (sent == 0 && FIRST.get() == 0) {
                FIRST.set(System.nanoTime());
            }
            long left = n - sent;
            int batch = (int) Math.min(left, 4096);
            int i = 0;
            while (i < batch && out.offer(MSG)) {
                i++;
            }
            sent += i;
            return sent == n ? Step.DONE : Step.CONTINUE;
        }
    }

    static final class Relay implements Component {
        Inbox<Object> in;
        Outbox<Object> out;

        @Override
        public void open(Context ctx) {
            in = ctx.inbox();
            out = ctx.outbox();
        }

        @Override
        public Step step(Context ctx) {
            for (int i = 0; i < 4096; i++) {
                Object m = in.peek();
                if (m == null) {
                    return i == 0 ? Step.WAIT_INPUT : Step.CONTINUE;
                }
                if (!out.offer(m)) {
                    return Step.CONTINUE;
                }
                in.poll();
            }
            return Step.CONTINUE;
        }
    }

    static final class Sink implements Component {
        Inbox<Object> in;

        @Override
        public Boxes boxes() {
            return Boxes.none().in(Boxes.INBOX, Object.class).build();
        }

        @Override
        public void open(Context ctx) {
            in = ctx.inbox();
        }

        @Override
        public Step step(Context ctx) {
            // Batch draining (JCTools drain, counted once per batch), as the raw consumer does.
            int i = in.drain(m -> { }, 4096);
            return i == 0 && !in.available() ? Step.WAIT_INPUT : Step.CONTINUE;
        }
    }
}
