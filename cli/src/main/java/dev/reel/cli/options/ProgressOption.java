package dev.reel.cli.options;

import dev.reel.cli.progress.Progress;
import picocli.CommandLine.Option;

/** {@code --progress} (a picocli mixin): how a long job shows its progress. */
public final class ProgressOption {
    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE", description = "bar, json (one line a "
            + "second on stdout), none, auto (bar on a terminal). Default: ${DEFAULT-VALUE}.")
    String progress;

    /** The mode asked for; none when {@code quiet}. */
    public Progress.Mode mode(boolean quiet) {
        return Progress.mode(progress, quiet);
    }
}
