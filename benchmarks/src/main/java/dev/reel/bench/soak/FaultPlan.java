package dev.reel.bench.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The soak's faults, fixed by a seed: which kind happens when (seconds from the start), bounded in
 * count (rates scaled to the run's length, at least one of each) and spread evenly between a quiet
 * warm-up and a quiet tail.
 */
final class FaultPlan {
    enum Kind {
        /** The sender restarts, sometimes with another size, codec parameters or timestamps jumping back. */
        SENDER_RESTART(240),
        /** The sender stops for longer than the recorder's --timeout, then comes back. */
        SENDER_PAUSE(600),
        /** Random datagrams into the stream for a couple of seconds. */
        GARBAGE(480),
        /** The disk's free space drops below --min-free (the recorder deletes its oldest segments). */
        MIN_FREE(1800),
        /** The disk fills to the last byte for about a second (writes fail). */
        DISK_FULL(1800),
        /** SIGKILL of the recorder, restarted into the same directory. */
        KILL(1800);

        final int periodSeconds;

        Kind(int periodSeconds) {
            this.periodSeconds = periodSeconds;
        }
    }

    record Event(double atSeconds, Kind kind, int variant) {
    }

    static final int MAX_KILLS = 5;

    private FaultPlan() {
    }

    static List<Event> make(double seconds, long seed, boolean diskFaults) {
        Random rnd = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (!diskFaults && (k == Kind.MIN_FREE || k == Kind.DISK_FULL)) {
                continue;
            }
            int n = (int) Math.max(1, Math.round(seconds / k.periodSeconds));
            if (k == Kind.KILL) {
                n = Math.min(n, MAX_KILLS);
            }
            for (int i = 0; i < n; i++) {
                kinds.add(k);
            }
        }
        Collections.shuffle(kinds, rnd);
        double warm = Math.min(120, Math.max(25, seconds * 0.15));
        double tail = Math.min(90, Math.max(20, seconds * 0.1));
        double span = Math.max(1, seconds - warm - tail);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            out.add(new Event(warm + span * i / kinds.size(), kinds.get(i), rnd.nextInt(1 << 20)));
        }
        return out;
    }
}
