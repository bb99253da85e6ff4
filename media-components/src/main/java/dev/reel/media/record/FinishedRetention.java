package dev.reel.media.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The {@code --keep-finished} policy: a programme in DIR/finished whose sidecar was written (the
 * programme finished) longer ago than the limit is deleted, its media files first, then the sidecar,
 * so a crash in between leaves nothing that looks finished without its file. {@code --window} recycles
 * segments only; without this, programme files grow until the disk is full.
 */
final class FinishedRetention {
    private FinishedRetention() {
    }

    /** Deletes the programmes in {@code finished} that finished before {@code nowMillis - keepSeconds}; returns how many. */
    static int prune(Path finished, double keepSeconds, long nowMillis, Consumer<String> log) throws IOException {
        if (keepSeconds <= 0 || !Files.isDirectory(finished)) {
            return 0;
        }
        long before = nowMillis - Math.round(keepSeconds * 1000);
        int n = 0;
        try (DirectoryStream<Path> sidecars = Files.newDirectoryStream(finished, "[!.]*.json")) {
            for (Path side : sidecars) {
                if (Files.getLastModifiedTime(side).toMillis() < before) {
                    String base = side.getFileName().toString().replaceFirst("\\.json$", "");
                    deleteMedia(finished, base);
                    Files.deleteIfExists(side);
                    n++;
                }
            }
        }
        if (n > 0) {
            log.accept("deleted " + n + " finished programme(s) older than --keep-finished");
        }
        return n;
    }

    private static void deleteMedia(Path finished, String base) throws IOException {
        for (String ext : new String[] {".ts", ".mp4"}) {
            Files.deleteIfExists(finished.resolve(base + ext));
        }
    }
}
