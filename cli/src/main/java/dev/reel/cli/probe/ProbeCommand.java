package dev.reel.cli.probe;

import dev.reel.media.ffmpeg.Probe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel probe}: an input's streams, durations, frame rates and codecs, as JSON. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Prints the streams, durations, frame rates and codecs of an input as JSON.")
public final class ProbeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "A file, - for stdin, or a URL.")
    String input;

    @Option(names = "--count-frames", description = "Count packets per stream (reads the whole input).")
    boolean count;

    @Override
    public Integer call() {
        System.out.println(Probe.toJson(Probe.probe(input, count)));
        return 0;
    }
}
