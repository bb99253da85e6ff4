package dev.reel.cli.options;

import picocli.CommandLine.Option;

/** {@code -q/--quiet} (a picocli mixin): only errors reach stderr, no progress and no notices. */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "Only errors: no progress and no notices.")
    boolean quiet;

    public boolean quiet() {
        return quiet;
    }

    /** Prints a notice line on stderr unless quiet. */
    public void notice(String line) {
        if (!quiet) {
            System.err.println(line);
        }
    }
}
