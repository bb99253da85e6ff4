package dev.reel.runtime;

import dev.reel.runtime.components.Components;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/** Components used by the runtime tests: a typed counting source, a relay that can stall or fail, a checking sink. */
final class TestComponents {
    private TestComponents() {
    }

    /** Emits 0..n-1 as Longs: the runtime's own source, typed. */
    static Component counter(long n) {
        return counter(n, v -> { });
    }

    /** Emits 0..n-1 as Longs; {@code onCreate} sees each value just before it is sent. */
    static Component counter(long n, LongConsumer onCreate) {
        return Components.source(Long.class, LongStream.range(0, n).peek(onCreate).boxed().iterator());
    }

    /** Pauses of up to 0.2 ms, at random, after a share {@code chance} of the messages (0: never). */
    static LongUnaryOperator stalls(double chance) {
        if (chance <= 0) {
            return v -> 0;
        }
        return v -> ThreadLocalRandom.current().nextDouble() < chance ? ThreadLocalRandom.current().nextInt(1, 200_000) : 0;
    }

    /** Passes messages on; optionally stalls at random (sleep), or fails at a given message. */
    static final class Relay implements Component {
        final LongUnaryOperator pauseAfter;
        final long failAt;
        long seen;
        volatile long failedAtNanos;
        Inbox<Object> in;
        Outbox<Object> out;

        Relay() {
            this(0, -1);
        }

        Relay(double stallChance, long failAt) {
            this.pauseAfter = stalls(stallChance);
            this.failAt = failAt;
        }

        @Override
        public void open(Context ctx) {
            in = ctx.inbox();
            out = ctx.outbox();
        }

        @Override
        public Step step(Context ctx) {
            for (int i = 0; i < 128; i++) {
                if (!out.ready()) {
                    return Step.CONTINUE;
                }
                Object m = in.poll();
                if (m == null) {
                    return Step.WAIT_INPUT;
                }
                if (seen++ == failAt) {
                    failedAtNanos = System.nanoTime();
                    throw new IllegalStateException("boom at " + failAt);
                }
                out.send(m);
                long pause = pauseAfter.applyAsLong(seen);
                if (pause > 0) {
                    return ctx.sleep(pause);
                }
            }
            return Step.CONTINUE;
        }
    }

    /**
     * Counts, sums and checks the order of Longs, taking them in batches ({@link Inbox#drain}); optionally
     * pauses after a batch in which a value asked for it.
     */
    static final class Checker implements Component {
        /** Nanoseconds to pause after taking a value (0: go on). */
        final LongUnaryOperator pauseAfter;
        final AtomicLong count = new AtomicLong();
        long sum;
        long last = -1;
        volatile boolean ordered = true;
        Inbox<Long> in;
        private long pause;

        Checker() {
            this(0);
        }

        Checker(double stallChance) {
            this(stalls(stallChance));
        }

        Checker(LongUnaryOperator pauseAfter) {
            this.pauseAfter = pauseAfter;
        }

        @Override
        public Boxes boxes() {
            return Boxes.none().in(Boxes.INBOX, Long.class).build();
        }

        @Override
        public void open(Context ctx) {
            in = ctx.inbox();
        }

        @Override
        public Step step(Context ctx) {
            pause = 0;
            int taken = in.drain(this::check, 256);
            if (pause > 0) {
                return ctx.sleep(pause);
            }
            return taken == 0 ? Step.WAIT_INPUT : Step.CONTINUE;
        }

        private void check(Long v) {
            if (v <= last) {
                ordered = false;
            }
            last = v;
            sum += v;
            count.incrementAndGet();
            pause = Math.max(pause, pauseAfter.applyAsLong(v));
        }
    }

    /** Never takes anything: links into it stay full. */
    static final class Stuck implements Component {
        @Override
        public Step step(Context ctx) {
            return ctx.sleep(3_600_000_000_000L);
        }
    }
}
