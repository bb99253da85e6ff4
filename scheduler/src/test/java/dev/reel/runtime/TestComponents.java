package dev.reel.runtime;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Components used by the runtime tests. */
final class TestComponents {
    private TestComponents() {
    }

    /** Emits 0..n-1 as Longs; an optional hook sees each value as it is created. */
    static final class Counter implements Component {
        final long n;
        final LongConsumer onCreate;
        long next;
        Outbox<Long> out;

        Counter(long n) {
            this(n, v -> { });
        }

        Counter(long n, LongConsumer onCreate) {
            this.n = n;
            this.onCreate = onCreate;
        }

        @Override
        public Boxes boxes() {
            return Boxes.none().out(Boxes.OUTBOX, Long.class).build();
        }

        @Override
        public void open(Context ctx) {
            out = ctx.outbox();
        }

        @Override
        public Step step(Context ctx) {
            for (int i = 0; i < 256 && out.ready(); i++) {
                if (next == n) {
                    return Step.DONE;
                }
                onCreate.accept(next);
                out.send(next++);
            }
            return next == n && out.idle() ? Step.DONE : Step.CONTINUE;
        }
    }

    /** Passes messages on; optionally stalls at random (sleep), or fails at a given message. */
    static final class Relay implements Component {
        final double stallChance;
        final long failAt;
        long seen;
        volatile long failedAtNanos;
        Inbox<Object> in;
        Outbox<Object> out;

        Relay() {
            this(0, -1);
        }

        Relay(double stallChance, long failAt) {
            this.stallChance = stallChance;
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
                if (stallChance > 0 && ThreadLocalRandom.current().nextDouble() < stallChance) {
                    return ctx.sleep(ThreadLocalRandom.current().nextInt(1, 200_000));
                }
            }
            return Step.CONTINUE;
        }
    }

    /** Counts, sums and checks the order of Longs; optionally stalls at random. */
    static final class Checker implements Component {
        final double stallChance;
        final AtomicLong count = new AtomicLong();
        long sum;
        long last = -1;
        volatile boolean ordered = true;
        Inbox<Long> in;

        Checker() {
            this(0);
        }

        Checker(double stallChance) {
            this.stallChance = stallChance;
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
            for (int i = 0; i < 256; i++) {
                Long v = in.poll();
                if (v == null) {
                    return Step.WAIT_INPUT;
                }
                if (v <= last) {
                    ordered = false;
                }
                last = v;
                sum += v;
                count.incrementAndGet();
                if (stallChance > 0 && ThreadLocalRandom.current().nextDouble() < stallChance) {
                    return ctx.sleep(ThreadLocalRandom.current().nextInt(1, 200_000));
                }
            }
            return Step.CONTINUE;
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
