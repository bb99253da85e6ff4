package dev.reel.media.record;

import dev.reel.media.core.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The retention policy of a recording directory: which segments go (older than the window, or the
 * oldest when the disk is short of --min-free or a write failed) and how (out of the manifest and
 * playlist first, then off the disk, so nothing listed is ever missing). Single-threaded.
 */
final class Retention {
    /** Saves the manifest (with fresh stats); throws {@link MediaException} when it cannot. */
    interface ManifestSaver {
        void save();
    }

    private final Path dir;
    private final double windowSeconds;
    private final long minFreeBytes;
    private final Manifest manifest;
    private final ManifestSaver saver;
    private final Consumer<String> log;

    /** Applies the window and --min-free of {@code s} to the segments of {@code manifest}, in {@code s.dir()}. */
    Retention(Segmenter.Settings s, Manifest manifest, ManifestSaver saver, Consumer<String> log) {
        this.dir = s.dir();
        this.windowSeconds = s.windowSeconds();
        this.minFreeBytes = s.minFreeBytes();
        this.manifest = manifest;
        this.saver = saver;
        this.log = log;
    }

    /** True when old segments may be deleted (a window was given); without one every segment is kept. */
    boolean recycles() {
        return windowSeconds > 0;
    }

    /** Deletes the segments that ended at or before {@code endWall} minus the window. */
    void expire(long endWall) {
        List<Manifest.Segment> old = new ArrayList<>();
        if (recycles()) {
            long limit = endWall - Math.round(windowSeconds * 1e6);
            for (Manifest.Segment x : manifest.segments) {
                if (RecordClock.micros(x.endInstant()) <= limit) {
                    old.add(x);
                }
            }
        }
        prune(old);
    }

    /**
     * Keeps --min-free free before a segment starts: with a window the oldest segments go first
     * (manifest and playlist rewritten before each deletion).
     *
     * @return the usable bytes left, or {@link Long#MAX_VALUE} when there is no --min-free
     */
    long makeRoom() throws IOException {
        if (minFreeBytes <= 0) {
            return Long.MAX_VALUE;
        }
        java.nio.file.FileStore store = Files.getFileStore(dir);
        long free = store.getUsableSpace();
        int deleted = 0;
        while (free < minFreeBytes && recycles() && !manifest.segments.isEmpty()) {
            prune(List.of(manifest.segments.get(0)));
            deleted++;
            free = store.getUsableSpace();
        }
        if (deleted > 0) {
            log.accept("less than " + size(minFreeBytes) + " free on the disk: deleted the " + deleted + " oldest segment(s)");
        }
        return free;
    }

    /** True when {@code free} (from {@link #makeRoom}) is short of --min-free: recording must stop. */
    boolean belowMinFree(long free) {
        return free < minFreeBytes;
    }

    /** The error that stops a recording short of --min-free. */
    MediaException outOfSpace(long free) {
        return new MediaException(MediaException.Kind.IO, "stopped: only " + size(free) + " free on the disk of " + dir
                + ", --min-free is " + size(minFreeBytes)
                + (recycles() ? " (deleting every old segment was not enough)" : " (use --window to recycle old segments)"));
    }

    /**
     * A segment could not be written: with a window and more than one segment, the oldest tenth go
     * to make room and this returns true (recording goes on); otherwise false.
     */
    boolean makeRoomAfter(MediaException e) {
        int n = manifest.segments.size();
        if (!recycles() || n <= 1) {
            return false;
        }
        int drop = Math.max(1, n / 10);
        prune(new ArrayList<>(manifest.segments.subList(0, drop)));
        log.accept("cannot write a segment (" + e.getMessage() + "); deleted the " + drop + " oldest segments to make room");
        return true;
    }

    /** Drops segments from the manifest, saves it, then deletes their files (never list a missing file). */
    void prune(List<Manifest.Segment> old) {
        for (Manifest.Segment x : old) {
            if (x.discontinuity) {
                manifest.discontinuitySequence++;
            }
        }
        manifest.segments.removeAll(old);
        if (!manifest.segments.isEmpty()) {
            String first = manifest.segments.get(0).start;
            manifest.gaps.removeIf(g -> g.to.compareTo(first) <= 0);
        }
        saver.save();
        for (Manifest.Segment x : old) {
            try {
                Files.deleteIfExists(dir.resolve(x.file));
            } catch (IOException e) {
                log.accept("cannot delete old segment " + x.file + ": " + e.getMessage());
            }
        }
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
