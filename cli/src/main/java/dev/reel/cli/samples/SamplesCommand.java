package dev.reel.cli.samples;

import dev.reel.samples.SampleSuite;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel samples}: the synthetic clips with ground truth that tests and benchmarks use. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Writes the synthetic sample suite (clips with .truth.json ground truth) into DIR.")
public final class SamplesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--suite", defaultValue = "small", paramLabel = "SUITE", description = "small (tests) or bench (larger). Default: ${DEFAULT-VALUE}.")
    String scale;

    /** The older spelling of --suite (deprecated: --scale is the picture size elsewhere), kept for scripts. */
    @Option(names = "--scale", hidden = true)
    void legacyScale(String value) {
        scale = value;
    }

    @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed gives the same suite. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        SampleSuite.Scale s = switch (scale) {
            case "small" -> SampleSuite.Scale.SMALL;
            case "bench" -> SampleSuite.Scale.BENCH;
            default -> throw new IllegalArgumentException("--suite must be small or bench, got '" + scale + "'");
        };
        var list = SampleSuite.generate(dir, s, seed);
        list.forEach(x -> System.out.println(x.video()));
        System.err.println("reel: wrote " + list.size() + " clips with ground truth to " + dir);
        return 0;
    }
}
