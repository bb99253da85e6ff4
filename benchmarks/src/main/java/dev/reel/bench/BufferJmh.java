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
