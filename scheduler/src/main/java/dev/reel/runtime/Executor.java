package dev.reel.runtime;

import dev.reel.runtime.idle.IdleStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that runs cells: a pinned {@link Worker} hosting many, or a dedicated thread for one
 * blocking component. The park/wake protocol is a Dekker handshake: the sleeper publishes
 * {@code sleeping}, fences, re-checks for work, then parks; a waker publishes its message, fences,
 * then reads {@code sleeping}. One of the two always sees the other, so no wake-up is lost.
 */
abstract class Executor implements Runnable {
    final String name;
    final IdleStrategy idle;
    volatile Thread thread;
    volatile boolean sleeping;
    volatile Cell[] cells = new Cell[0];
    volatile int core = -1;
    // Owner-thread only: the time the last turn ended, valid while cycles keep doing work.
    private long clock;
    private boolean clockFresh;

    Executor(String name, IdleStrategy idle) {
        this.name = name;
        this.idle = idle;
    }

    /** Called by another executor after it made work for this one. */
    final void wake(Executor from) {
        if (from == this) {
            return;
        }
        VarHandle.fullFence();
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** Unconditional wake (stop, new cells). */
    final void wakeNow() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    final void park(long maxNanos) {
        sleeping = true;
        VarHandle.fullFence();
        try {
            long now = System.nanoTime();
            long deadline = Long.MAX_VALUE;
            for (Cell c : cells) {
                if (c.ready(now)) {
                    return;
                }
                long d = c.deadline();
                if (d - deadline < 0) {
                    deadline = d;
                }
            }
            long nanos = deadline == Long.MAX_VALUE ? maxNanos : Math.min(maxNanos, Math.max(0, deadline - now));
            if (nanos > 0 && !stopRequested()) {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            sleeping = false;
        }
    }

    /**
     * One duty cycle over all cells; returns the work done. The clock is read once per turn, at its
     * end, and carried to the next cell and cycle (a fresh read only after an idle cycle): at 25 ns a
     * read, a second one per turn was a measurable share of a turn that moves a few messages.
     */
    final int dutyCycle() {
        long now = clockFresh ? clock : System.nanoTime();
        int work = 0;
        for (Cell c : cells) {
            int w = c.runOnce(now);
            if (w > 0) {
                work += w;
                now = Math.max(now, c.turnEnd);
            }
        }
        clock = now;
        clockFresh = work > 0;
        return work;
    }

    abstract boolean stopRequested();
}
