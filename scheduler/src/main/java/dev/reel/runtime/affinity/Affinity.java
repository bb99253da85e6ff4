package dev.reel.runtime.affinity;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pins threads to cores with Linux {@code sched_setaffinity} through JNA. Where that is impossible
 * (other OS, no permission, JNA missing) pinning is skipped with one notice on stderr, never an error.
 */
public final class Affinity {
    private static final AtomicBoolean NOTICED = new AtomicBoolean();
    private static final CLib LIBC = load();

    private Affinity() {
    }

    interface CLib extends Library {
        int sched_setaffinity(int pid, int cpusetsize, long[] mask);

        int sched_getaffinity(int pid, int cpusetsize, long[] mask);
    }

    private static CLib load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", CLib.class);
        } catch (Throwable t) {
            return null;
        }
    }

    /** The cores this process may run on, in order (all cores when unknown). */
    public static List<Integer> allowedCores() {
        List<Integer> cores = new ArrayList<>();
        if (LIBC != null) {
            long[] mask = new long[16];
            try {
                if (LIBC.sched_getaffinity(0, mask.length * 8, mask) == 0) {
                    for (int i = 0; i < mask.length * 64; i++) {
                        if ((mask[i / 64] & (1L << (i % 64))) != 0) {
                            cores.add(i);
                        }
                    }
                }
            } catch (Throwable ignored) {
                // fall through to all cores
            }
        }
        if (cores.isEmpty()) {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                cores.add(i);
            }
        }
        return cores;
    }

    /** Pins the calling thread to {@code core}; returns false (after one notice) when it cannot. */
    public static boolean pinCurrentThread(int core) {
        if (LIBC == null) {
            notice("no sched_setaffinity on this platform");
            return false;
        }
        long[] mask = new long[Math.max(1, core / 64 + 1)];
        mask[core / 64] = 1L << (core % 64);
        try {
            if (LIBC.sched_setaffinity(0, mask.length * 8, mask) == 0) {
                return true;
            }
            notice("sched_setaffinity failed (errno " + Native.getLastError() + ")");
        } catch (Throwable t) {
            notice(t.getClass().getSimpleName());
        }
        return false;
    }

    private static void notice(String why) {
        if (NOTICED.compareAndSet(false, true) && !Boolean.getBoolean("reel.quiet")) {
            System.err.println("reel: note: cannot pin workers to cores (" + why + "); running unpinned");
        }
    }
}
