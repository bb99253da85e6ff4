package dev.reel.cli.serve;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the exports a server runs: at most {@code running} at a time, at most {@code waiting} more
 * queued (in arrival order) for a slot; beyond that {@link #tryEnter()} refuses (the caller answers
 * 429). Export files live in a private temporary folder under names nobody can guess; each is deleted
 * once sent, and {@link #sweep()} deletes any older than the time to live (a client that went away).
 */
public final class ExportQueue implements AutoCloseable {
    public static final int DEFAULT_RUNNING = 2;
    public static final int DEFAULT_WAITING = 4;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final Semaphore slots;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong names = new AtomicLong();
    private final Path tmp;
    private final Duration ttl;

    public ExportQueue(int running, int waiting, Duration ttl) throws IOException {
        if (running < 1 || waiting < 0) {
            throw new IllegalArgumentException("exports: at least one running, no negative queue");
        }
        this.slots = new Semaphore(running, true);
        this.capacity = running + waiting;
        this.ttl = ttl;
        this.tmp = Files.createTempDirectory("reel-serve-exports");
    }

    /** A place in the queue, or null when it is full. Close it to give the place back. */
    public Ticket tryEnter() {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return null;
        }
        return new Ticket();
    }

    /** Exports admitted and not yet finished (running and waiting). */
    public int admitted() {
        return admitted.get();
    }

    /** A fresh temporary file name with the extension {@code ext}. */
    public Path newFile(String ext) {
        return tmp.resolve(".export-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet() + "." + ext);
    }

    public Path folder() {
        return tmp;
    }

    /** Deletes export files older than the time to live. */
    public void sweep() {
        Instant limit = Instant.now().minus(ttl);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                FileTime t = Files.getLastModifiedTime(p);
                if (t.toInstant().isBefore(limit)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // the next sweep tries again
        }
    }

    @Override
    public void close() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** One admitted export: {@link #run()} waits for a running slot. */
    public final class Ticket implements AutoCloseable {
        private boolean holding;
        private boolean closed;

        /** Waits for a running slot. */
        public void run() throws InterruptedException {
            slots.acquire();
            holding = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (holding) {
                slots.release();
            }
            admitted.decrementAndGet();
        }
    }
}
