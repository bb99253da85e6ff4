package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;

import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.Pointer;

/**
 * Cancellation and deadlines for blocking FFmpeg I/O, through AVIOInterruptCB: FFmpeg polls the
 * callback while it waits on sockets and between retries, and gives up with AVERROR_EXIT.
 *
 * <p>One JavaCPP callback object serves every guard (JavaCPP limits live callback instances);
 * the opaque pointer carries a slot number, never dereferenced.
 */
final class IoGuard {
    /** Open, read and write timeout of network inputs and outputs unless told otherwise. */
    static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(15);

    private static final AtomicReferenceArray<IoGuard> SLOTS = new AtomicReferenceArray<>(1 << 14);
    private static final Interrupt INTERRUPT = new Interrupt();

    private final int slot;
    private final java.util.concurrent.atomic.AtomicBoolean external;
    private volatile boolean cancelled;
    private volatile long deadline; // System.nanoTime() value; 0 = none
    private boolean released;

    /** @param external an optional flag shared with other guards (whole-pipeline shutdown) */
    IoGuard(java.util.concurrent.atomic.AtomicBoolean external) {
        this.external = external;
        int s = -1;
        for (int i = 1; i < SLOTS.length(); i++) {
            if (SLOTS.get(i) == null && SLOTS.compareAndSet(i, null, this)) {
                s = i;
                break;
            }
        }
        if (s < 0) {
            throw new MediaException(MediaException.Kind.OTHER, "too many open inputs and outputs (" + SLOTS.length() + ")");
        }
        slot = s;
    }

    /** Points FFmpeg's interrupt callback (of a format context or avio_open2 call) at this guard. */
    void install(AVIOInterruptCB cb) {
        cb.callback(INTERRUPT);
        cb.opaque(new SlotPointer(slot));
    }

    /** Starts a deadline {@code timeoutNanos} from now (0 = none). */
    void arm(long timeoutNanos) {
        deadline = timeoutNanos > 0 ? Math.max(1, System.nanoTime() + timeoutNanos) : 0;
    }

    void disarm() {
        deadline = 0;
    }

    /** Runs one blocking FFmpeg call under a deadline {@code timeoutNanos} from now (0 = none); its return code. */
    int guarded(long timeoutNanos, IntSupplier call) {
        arm(timeoutNanos);
        try {
            return call.getAsInt();
        } finally {
            disarm();
        }
    }

    /** {@code given}, else the network default for network URLs, else none (zero). */
    static Duration timeout(Duration given, boolean network) {
        return given != null ? given : network ? DEFAULT_NETWORK_TIMEOUT : Duration.ZERO;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled || (external != null && external.get());
    }

    boolean expired() {
        long d = deadline;
        return d != 0 && System.nanoTime() - d > 0;
    }

    boolean shouldAbort() {
        return cancelled() || expired();
    }

    /** After the native context is freed: FFmpeg can no longer call back for this slot. */
    void release() {
        if (!released) {
            released = true;
            SLOTS.compareAndSet(slot, this, null);
        }
    }

    private static final class SlotPointer extends Pointer {
        SlotPointer(int slot) {
            address = slot;
        }
    }

    private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
        @Override
        public int call(Pointer opaque) {
            if (opaque == null) {
                return 0;
            }
            long s = opaque.address();
            if (s <= 0 || s >= SLOTS.length()) {
                return 0;
            }
            IoGuard g = SLOTS.get((int) s);
            return g != null && g.shouldAbort() ? 1 : 0;
        }
    }
}
