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
    /** The mask the process started with, read before any thread was pinned. */
    private static final long[] PROCESS_MASK = readMask();

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

    private static long[] readMask() {
        if (LIBC == null) {
            return null;
        }
        long[] mask = new long[16];
        try {
            return LIBC.sched_getaffinity(0, mask.length * 8, mask) == 0 ? mask : null;
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Runs {@code action} with the calling thread allowed on every core, then restores its own
     * mask. Threads inherit their creator's affinity: a codec that starts its worker threads while
     * opened on a pinned component would otherwise squeeze all of them onto that one core.
     */
    public static <T> T withAllCores(java.util.function.Supplier<T> action) {
        if (LIBC == null || PROCESS_MASK == null) {
            return action.get();
        }
        long[] mine = new long[16];
        boolean restore = false;
        try {
            restore = LIBC.sched_getaffinity(0, mine.length * 8, mine) == 0
                    && LIBC.sched_setaffinity(0, PROCESS_MASK.length * 8, PROCESS_MASK) == 0;
        } catch (Throwable ignored) {
            // run as we are
        }
        try {
            return action.get();
        } finally {
            if (restore) {
                LIBC.sched_setaffinity(0, mine.length * 8, mine);
            }
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
