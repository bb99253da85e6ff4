package dev.reel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.reel.runtime.TestComponents.counter;

import dev.reel.runtime.TestComponents.Checker;
import dev.reel.runtime.TestComponents.Relay;
import dev.reel.runtime.TestComponents.Stuck;
import dev.reel.runtime.buffer.BufferPool;
import dev.reel.runtime.buffer.LeakTracker;
import dev.reel.runtime.buffer.SharedBuffer;
import dev.reel.runtime.components.Components;
import dev.reel.runtime.components.Merge;
import dev.reel.runtime.components.Tee;
import dev.reel.runtime.idle.BackoffIdleStrategy;
import dev.reel.runtime.stats.DotWriter;
import dev.reel.runtime.stats.GraphSnapshot;
import dev.reel.runtime.stats.LinkStats;
import dev.reel.runtime.stats.StatsTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RuntimeTest {
    static Scheduler scheduler;

    @BeforeAll
    static void start() {
        scheduler = Scheduler.builder().workers(2).build();
    }

    @AfterAll
    static void stop() {
        scheduler.close();
    }

    /**
     * Limits are for hangs, not speed: each is a few times what an idle 2-core machine needs, and is
     * stretched fourfold more, since a machine loaded by parallel builds (load 20) gave these pinned
     * workers a tenth of a core.
     */
    private static final int SLACK = 4;

    private static RunResult runWithin(Graph g, int seconds) {
        RunningGraph r = scheduler.start(g);
        RunResult res = r.await((long) seconds * SLACK, TimeUnit.SECONDS);
        assertNotNull(res, "graph did not end within " + seconds * SLACK + " s");
        return res;
    }

    @Test
    void backpressureBoundsMessagesInFlight() {
        // A million is enough for the links to fill and drain many times; ten million took over
        // 100 s on a 2-core machine loaded by other builds (a park/unpark per 16 messages).
        long n = 1_000_000;
        AtomicLong maxInFlight = new AtomicLong();
        long[] created = new long[1];
        // Slow now and then, so the links fill up and stay full.
        Checker slowSink = new Checker(v -> v % 100_000 == 0 ? 2_000_000 : 0);
        Component src = counter(n, v -> {
            created[0]++;
            long inFlight = created[0] - slowSink.count.get();
            if (inFlight > maxInFlight.get()) {
                maxInFlight.set(inFlight);
            }
        });
        Graph g = Pipeline.of("bp", LinkSpec.capacity(16), src, new Relay(), slowSink);
        assertTrue(runWithin(g, 100).ok());
        assertEquals(n, slowSink.count.get());
        assertTrue(slowSink.ordered);
        // 2 links of 16, a held send per outbox, one message in each stage's hands.
        long bound = 2 * 16 + 2 + 3;
        assertTrue(maxInFlight.get() <= bound, "in flight " + maxInFlight.get() + " > " + bound);
        assertTrue(maxInFlight.get() >= 16, "links never filled: " + maxInFlight.get());
    }

    @Test
    void orderKeptPerLinkAndNothingLostAcrossEightStages() {
        long n = 2_000_000;
        List<Object> stages = new ArrayList<>();
        stages.add(counter(n));
        for (int i = 0; i < 6; i++) {
            stages.add(new Relay());
        }
        Checker sink = new Checker();
        stages.add(sink);
        RunResult r = runWithin(Pipeline.of("eight", LinkSpec.capacity(64), stages), 60);
        assertTrue(r.ok(), String.valueOf(r.cause()));
        assertEquals(n, sink.count.get());
        assertEquals(n * (n - 1) / 2, sink.sum);
        assertTrue(sink.ordered);
    }

    @Test
    @Timeout(value = 2 * 60 * SLACK, unit = TimeUnit.SECONDS) // two rounds of 60 s each, stretched for load
    void wakeUpsUnderStressAreNeverLost() {
        // A park of up to an hour: a lost wake-up would hang this test, not slow it.
        try (Scheduler s = Scheduler.builder().workers(2)
                .idle(() -> new BackoffIdleStrategy(5, 2, TimeUnit.HOURS.toNanos(1))).build()) {
            for (int round = 0; round < 2; round++) {
                long n = 500_000;
                Checker sink = new Checker(0.0005);
                Graph g = Graph.builder("stress")
                        .add("src", counter(n), Placement.pin(0))
                        .add("a", new Relay(0.0005, -1), Placement.pin(1))
                        .add("b", new Relay(0.0005, -1), Placement.pin(0))
                        .add("sink", sink, Placement.pin(1))
                        .link("src", "a", LinkSpec.capacity(8))
                        .link("a", "b", LinkSpec.capacity(8))
                        .link("b", "sink", LinkSpec.capacity(8))
                        .build();
                RunResult r = s.start(g).await(60L * SLACK, TimeUnit.SECONDS);
                assertNotNull(r, "lost wake-up: graph hung");
                assertEquals(n, sink.count.get());
                assertTrue(sink.ordered);
            }
        }
    }

    @Test
    void failureInTheMiddleEndsTheRunNamingTheComponent() {
        List<Object> stages = new ArrayList<>();
        stages.add(counter(Long.MAX_VALUE));
        Relay failing = new Relay(0, 10_000);
        for (int i = 0; i < 6; i++) {
            stages.add(i == 3 ? failing : new Relay());
        }
        stages.add(new Checker());
        RunResult r = runWithin(Pipeline.of("fail", LinkSpec.DEFAULT, stages), 30);
        long ms = (System.nanoTime() - failing.failedAtNanos) / 1_000_000;
        assertFalse(r.ok());
        assertEquals("relay4", r.failedComponent());
        assertTrue(ms < 1000, "took " + ms + " ms");
        GraphFailedException e = assertThrows(GraphFailedException.class, r::orThrow);
        assertTrue(e.getMessage().contains("relay4") && e.getMessage().contains("boom at 10000"), e.getMessage());
    }

    @Test
    void stopWhileEveryLinkIsFullReleasesEverything() throws Exception {
        int live0 = LeakTracker.live();
        BufferPool pool = new BufferPool(64);
        Iterator<SharedBuffer> endless = new Iterator<>() {
            public boolean hasNext() {
                return true;
            }

            public SharedBuffer next() {
                return pool.acquire(8).seal();
            }
        };
        Graph g = Pipeline.of("full", LinkSpec.capacity(4), Components.source(endless), new Relay(), new Relay(), new Stuck());
        RunningGraph r = scheduler.start(g);
        // Wait until every link is full (200 ms on an idle machine; far longer under load).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10L * SLACK);
        GraphSnapshot snap = r.snapshot();
        while (!snap.links().stream().allMatch(l -> l.depth() == l.capacity()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            snap = r.snapshot();
        }
        for (LinkStats l : snap.links()) {
            assertEquals(l.capacity(), l.depth(), "link not full: " + l.label());
        }
        long t0 = System.nanoTime();
        r.stop();
        RunResult res = r.await(2, TimeUnit.SECONDS);
        assertNotNull(res, "stop did not end the graph");
        assertTrue(res.stopped());
        assertTrue((System.nanoTime() - t0) < 1_000_000_000L);
        assertEquals(live0, LeakTracker.live(), String.join("\n", LeakTracker.report()));
    }

    @Test
    void leakyLinkCountsDropsAndNeverBlocks() {
        long n = 100_000;
        for (Leaky policy : new Leaky[] {Leaky.DROP_NEWEST, Leaky.DROP_OLDEST}) {
            Checker slow = new Checker(0.01);
            Graph g = Graph.builder("leaky").add("src", counter(n)).add("sink", slow)
                    .link("src", "sink", LinkSpec.leaky(8, policy)).build();
            RunningGraph r = scheduler.start(g);
            RunResult res = r.await(30, TimeUnit.SECONDS);
            assertNotNull(res);
            LinkStats l = r.snapshot().links().get(0);
            assertTrue(l.drops() > 0, policy + ": no drops");
            assertEquals(n, slow.count.get() + l.drops(), policy + ": delivered + dropped");
            assertTrue(slow.ordered, policy + ": order");
        }
    }

    @Test
    void teeBlocksOnTheSlowestBranchUnlessThatBranchIsLeaky() {
        long n = 200_000;
        // Blocking: both branches get everything, in order.
        Checker a = new Checker();
        Checker b = new Checker(0.001);
        Graph g = Graph.builder("tee").add("src", counter(n)).add("t", new Tee(2)).add("a", a).add("b", b)
                .link("src", "t").link("t.out0", "a.inbox").link("t.out1", "b.inbox").build();
        assertTrue(runWithin(g, 60).ok());
        assertEquals(n, a.count.get());
        assertEquals(n, b.count.get());
        assertTrue(a.ordered && b.ordered);

        // Leaky branch: the fast branch still gets everything; the slow one drops, counted.
        Checker fast = new Checker();
        Checker slow = new Checker(0.01);
        Graph g2 = Graph.builder("tee2").add("src", counter(n)).add("t", new Tee(2)).add("fast", fast)
                .add("slow", slow).link("src", "t").link("t.out0", "fast.inbox")
                .link("t.out1", "slow.inbox", LinkSpec.leaky(4, Leaky.DROP_NEWEST)).build();
        RunningGraph r = scheduler.start(g2);
        assertNotNull(r.await(60, TimeUnit.SECONDS));
        assertEquals(n, fast.count.get());
        LinkStats slowLink = r.snapshot().links().stream().filter(l -> l.to().equals("slow")).findFirst().orElseThrow();
        assertTrue(slowLink.drops() > 0);
        assertEquals(n, slow.count.get() + slowLink.drops());
        assertTrue(slow.ordered);
    }

    @Test
    void mergeKeepsEachSourcesOrder() {
        long n = 300_000;
        List<Long> seen = new ArrayList<>();
        Graph g = Graph.builder("merge")
                .add("s0", Components.source(java.util.stream.LongStream.range(0, n).map(v -> v * 2).boxed().iterator()))
                .add("s1", Components.source(java.util.stream.LongStream.range(0, n).map(v -> v * 2 + 1).boxed().iterator()))
                .add("m", new Merge(2)).add("sink", Components.sink((Long v) -> seen.add(v)))
                .link("s0", "m.in0").link("s1", "m.in1").link("m", "sink").build();
        assertTrue(runWithin(g, 60).ok());
        assertEquals(2 * n, seen.size());
        assertOrderedPerProducer(seen, v -> v % 2 == 0);
    }

    @Test
    void fanInOntoOneInboxKeepsPerProducerOrder() {
        long n = 200_000;
        List<Long> got = new ArrayList<>();
        Graph g = Graph.builder("fanin")
                .add("s0", Components.source(java.util.stream.LongStream.range(0, n).boxed().iterator()))
                .add("s1", Components.source(java.util.stream.LongStream.range(n, 2 * n).boxed().iterator()))
                .add("sink", Components.sink((Long v) -> got.add(v)))
                .link("s0", "sink").link("s1", "sink").build();
        assertTrue(runWithin(g, 60).ok());
        assertEquals(2 * n, got.size());
        assertOrderedPerProducer(got, v -> v < n);
    }

    /** Values of two producers, told apart by {@code first}, each arrived in increasing order. */
    private static void assertOrderedPerProducer(List<Long> got, java.util.function.LongPredicate first) {
        long[] last = {Long.MIN_VALUE, Long.MIN_VALUE};
        for (long v : got) {
            int p = first.test(v) ? 0 : 1;
            assertTrue(v > last[p], "producer " + p + ": " + v + " after " + last[p]);
            last[p] = v;
        }
    }

    @Test
    void thousandGraphsLeaveNoThreadAndNoBuffer() {
        int live0 = LeakTracker.live();
        BufferPool pool = new BufferPool(32);
        // Warm up once so lazily started JVM threads do not count.
        runWithin(Pipeline.of(counter(1), new Relay(), new Checker()), 10);
        int threads0 = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            Iterator<SharedBuffer> it = java.util.stream.IntStream.range(0, 20).mapToObj(k -> pool.acquire(16).seal()).iterator();
            Component rel = Components.sink(o -> ((SharedBuffer) o).release());
            Graph g = Graph.builder("g" + i).add("src", it.hasNext() ? Components.source(it) : null)
                    .add("t", new Tee(2)).add("a", rel).add("b", new Relay(), Placement.threaded())
                    .add("c", Components.sink(o -> ((SharedBuffer) o).release()))
                    .link("src", "t").link("t.out0", "a.inbox").link("t.out1", "b.inbox").link("b", "c").build();
            assertTrue(runWithin(g, 10).ok());
        }
        assertEquals(live0, LeakTracker.live(), String.join("\n", LeakTracker.report()));
        long deadline = System.currentTimeMillis() + 2000;
        while (Thread.activeCount() > threads0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(Thread.activeCount() <= threads0, "threads " + Thread.activeCount() + " > " + threads0);
    }

    @Test
    void buffersAreReadOnlyForReceiversAndPooled() {
        BufferPool pool = new BufferPool(16, 4);
        SharedBuffer b = pool.acquire(4);
        b.writable().put(new byte[] {1, 2, 3, 4});
        b.seal();
        assertTrue(b.view().isReadOnly());
        assertThrows(IllegalStateException.class, b::writable);
        SharedBuffer copy = b.writableCopy();
        copy.writable().put(0, (byte) 9);
        assertEquals(1, b.view().get(0));
        assertEquals(9, copy.view().get(0));
        b.retain();
        assertFalse(b.release());
        assertTrue(b.release());
        assertThrows(IllegalStateException.class, b::retain);
        assertEquals(1, pool.pooled());
        assertTrue(copy.release());
        SharedBuffer again = pool.acquire(2);
        assertEquals(1, again.refCount());
        int live = LeakTracker.live();
        assertTrue(live >= 1);
        assertTrue(LeakTracker.report().stream().anyMatch(s -> s.contains("SharedBuffer")));
        again.release();
        assertEquals(live - 1, LeakTracker.live());
    }

    @Test
    void snapshotTableAndDotDescribeTheGraph() {
        Checker sink = new Checker();
        Graph g = Graph.builder("shape").add("counter", counter(10_000)).add("relay", new Relay()).add("checker", sink)
                .link("counter", "relay", LinkSpec.capacity(32)).link("relay", "checker", LinkSpec.capacity(32)).build();
        RunningGraph r = scheduler.start(g);
        assertTrue(r.await().ok());
        GraphSnapshot s = r.snapshot();
        assertEquals(3, s.components().size());
        assertEquals(2, s.links().size());
        assertEquals(10_000, s.links().get(1).messages());
        assertEquals(10_000, s.components().get(1).messagesIn());
        assertTrue(s.components().stream().allMatch(c -> c.state().equals("closed")));
        String table = StatsTable.format(s);
        assertTrue(table.contains("relay") && table.contains("counter.outbox -> relay.inbox"), table);
        String dot = DotWriter.toDot(s);
        assertTrue(dot.startsWith("digraph") && dot.contains("\"counter\" -> \"relay\""), dot);
    }

    @Test
    void badGraphsAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("x").add("a", counter(1)).add("b", new Checker()).link("a", "c").build());
        assertTrue(e.getMessage().contains("no child 'c'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("x").add("a", counter(1)).add("b", new Checker()).link("a", "b.nope").build());
        assertTrue(e.getMessage().contains("no inbox 'nope'"), e.getMessage());
        Component strings = new Component() {
            public Boxes boxes() {
                return Boxes.builder().in(Boxes.INBOX, String.class).build();
            }

            public Step step(Context ctx) {
                return Step.DONE;
            }
        };
        e = assertThrows(IllegalArgumentException.class,
                () -> Graph.builder("x").add("a", counter(1)).add("b", strings).link("a", "b").build());
        assertTrue(e.getMessage().contains("Long") && e.getMessage().contains("String"), e.getMessage());
    }

    @Test
    void nestedGraphsExposeBoxes() {
        Graph inner = Pipeline.of("inner", LinkSpec.DEFAULT, new Relay(), new Relay());
        Checker sink = new Checker();
        Graph outer = Graph.builder("outer").add("src", counter(1000)).add("mid", inner).add("sink", sink)
                .link("src", "mid").link("mid", "sink").build();
        RunningGraph r = scheduler.start(outer);
        assertTrue(r.await().ok());
        assertEquals(1000, sink.count.get());
        assertTrue(r.snapshot().components().stream().anyMatch(c -> c.name().equals("mid/relay2")));
    }
}
