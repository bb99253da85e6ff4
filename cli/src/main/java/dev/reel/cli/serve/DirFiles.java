package dev.reel.cli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which files of a recording directory a client may read: a plain name (or {@code finished/NAME})
 * of a media, playlist or JSON file, a regular file whose real path (symlinks followed) is inside the
 * directory. Anything else (dot-dot, hidden or temporary files, other extensions, links leading
 * out) is not there. The request path arrives decoded; encoded slashes never reach here (Jetty
 * rejects them as ambiguous).
 */
public final class DirFiles {
    /** A name reel record writes: no leading dot (temporary files), no separators. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.(ts|mp4|m4s|mkv|m3u8|json)");
    public static final String FINISHED = "finished";

    private final Path dir;
    private final Path real;

    public DirFiles(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        this.real = this.dir.toRealPath();
    }

    public Path dir() {
        return dir;
    }

    /** The file for a request path like {@code /NAME} or {@code /finished/NAME}, or empty. */
    public Optional<Path> resolve(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/") || requestPath.contains("\\") || requestPath.contains("\0")) {
            return Optional.empty();
        }
        String[] parts = requestPath.substring(1).split("/", -1);
        Path p;
        if (parts.length == 1 && NAME.matcher(parts[0]).matches()) {
            p = real.resolve(parts[0]);
        } else if (parts.length == 2 && parts[0].equals(FINISHED) && NAME.matcher(parts[1]).matches()) {
            p = real.resolve(FINISHED).resolve(parts[1]);
        } else {
            return Optional.empty();
        }
        try {
            Path r = p.toRealPath();
            if (!r.startsWith(real) || !Files.isRegularFile(r, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(r);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
