package dev.reel.media.ffmpeg;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.reel.media.core.MediaException;

/**
 * An output file written under a temporary name ({@code .<name>.part} beside the target) and
 * renamed over the target only when complete, so a failed or interrupted run never leaves a
 * truncated file under the real name.
 */
final class PartFile {
    final Path target;
    final Path temp;

    /** @param localPath the target as given (relative paths resolved against the working directory) */
    PartFile(String localPath) {
        this.target = Path.of(localPath).toAbsolutePath();
        this.temp = target.resolveSibling("." + target.getFileName() + ".part");
    }

    /** Fails with a clear message when the target's directory is missing. */
    void checkDirectory() {
        if (!Files.isDirectory(target.getParent())) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "no such directory: " + target.getParent());
        }
    }

    /** Renames the complete temporary file over the target (atomically where the file system can). */
    void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes the temporary file, best effort. */
    void discard() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: nothing more to do for a file we could not delete
        }
    }
}
