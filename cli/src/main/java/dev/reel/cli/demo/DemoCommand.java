package dev.reel.cli.demo;

import dev.reel.cli.common.ErrorHandlers;
import dev.reel.cli.probe.ProbeCommand;
import dev.reel.cli.transcode.TranscodeCommand;
import dev.reel.samples.SampleSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reel demo}: a generated clip through transcode with shots, then probed: reel in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a sample clip into DIR, transcodes it with shot detection in one pass, and prints the shots.")
public final class DemoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", defaultValue = "out/demo")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        System.err.println("reel: generating a 20 s 1280x720 sample clip (first run only)...");
        Path clip = SampleSuite.benchClip(dir, 1280, 720, 20, 1);
        Path out = dir.resolve("demo-out.mp4");
        Path shots = dir.resolve("demo-shots.json");
        System.err.println("reel: transcode " + clip.getFileName() + " -> " + out.getFileName() + " with shots -> "
                + shots.getFileName());
        int code = run(new TranscodeCommand(), clip.toString(), out.toString(), "-y", "--crop", "auto", "--scale", "960:-2",
                "--preset", "veryfast", "--crf", "23", "--shots", shots.toString(), "--stats", "--json");
        if (code != 0) {
            return code;
        }
        System.out.println(Files.readString(shots));
        return run(new ProbeCommand(), out.toString());
    }

    /** Runs another command as {@code reel} would, with the same error lines and exit codes. */
    private static int run(Object command, String... args) {
        return ErrorHandlers.install(new CommandLine(command)).execute(args);
    }
}
