package dev.reel.bench;

import dev.reel.runtime.buffer.BufferPool;
import dev.reel.runtime.buffer.SharedBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH micro-benchmarks of the message path's building blocks: a pooled buffer handed out and
 * returned, a reference taken and dropped, and a read-only view. Run with {@code scripts/bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BufferJmh {
    private BufferPool pool;
    private SharedBuffer shared;

    @Setup
    public void setup() {
        pool = new BufferPool(4096);
        shared = pool.acquire(1024).seal();
    }

    @Benchmark
    public void acquireRelease() {
        pool.acquire(1024).release();
    }

    /** The same without leak counting: the difference is the tracker's cost per acquire and release. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dreel.leaks=off")
    public void acquireReleaseUntracked() {
        pool.acquire(1024).release();
    }

    /** With allocation sites recorded (-Dreel.leaks=trace): what asking for sites costs. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dreel.leaks=trace")
    public void acquireReleaseTraced() {
        pool.acquire(1024).release();
    }

    // The tracker's bookkeeping alone, old and new, on the same object (the pool's work left out).
    private static final java.util.Map<Long, Object[]> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    private static final ClassValue<java.util.concurrent.atomic.LongAdder> COUNTERS = new ClassValue<>() {
        @Override
        protected java.util.concurrent.atomic.LongAdder computeValue(Class<?> type) {
            return new java.util.concurrent.atomic.LongAdder();
        }
    };

    /** What LeakTracker did before: a map entry (id, type name) per live object, put and removed. */
    @Benchmark
    public Object trackerMapPutRemove() {
        Long id = IDS.incrementAndGet();
        LIVE.put(id, new Object[] {shared.getClass().getSimpleName(), null});
        return LIVE.remove(id);
    }

    /** What it does now: the type's striped counter up and down. */
    @Benchmark
    public Object trackerCounterUpDown() {
        java.util.concurrent.atomic.LongAdder c = COUNTERS.get(shared.getClass());
        c.increment();
        c.decrement();
        return c;
    }

    @Benchmark
    public boolean retainRelease() {
        shared.retain();
        return shared.release();
    }

    @Benchmark
    public void readOnlyView(Blackhole bh) {
        bh.consume(shared.view());
    }
}
