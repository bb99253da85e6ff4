package dev.reel.cli.options;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -y/--overwrite} (a picocli mixin) and the checks it relaxes: an output must not exist
 * (without -y), must not be the input and needs a writable folder, all found before any work starts.
 */
public final class OverwriteOption {
    @Option(names = {"-y", "--overwrite"}, description = "Replace outputs that exist.")
    boolean overwrite;

    public boolean overwrite() {
        return overwrite;
    }

    /** Fails when {@code out} exists and -y was not given. */
    public void checkAbsent(Path out) {
        if (Files.exists(out) && !overwrite) {
            throw new UserError(ExitCodes.OUTPUT, "output exists: " + out + " (use -y to overwrite)");
        }
    }

    /**
     * Checks a file output of input {@code in} ({@code -} and URLs are not files and pass): not the
     * input, absent (or -y), in a writable directory.
     */
    public void checkOutput(String in, String out) throws IOException {
        if (isStream(out)) {
            return;
        }
        Path o = Path.of(out).toAbsolutePath();
        if (!isStream(in)) {
            Path i = Path.of(in).toAbsolutePath();
            if (Files.exists(i) && Files.exists(o) && Files.isSameFile(i, o) || i.normalize().equals(o.normalize())) {
                throw new UserError(ExitCodes.OUTPUT, "output is the same file as the input: " + out);
            }
        }
        if (Files.exists(o) && !overwrite) {
            throw new UserError(ExitCodes.OUTPUT, "output exists: " + out + " (use -y to overwrite)");
        }
        Path dir = o.getParent();
        if (dir != null && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
            throw new UserError(ExitCodes.OUTPUT, "cannot write to " + dir + ": not a writable directory");
        }
    }

    private static boolean isStream(String name) {
        return name.equals("-") || name.contains("://");
    }
}
