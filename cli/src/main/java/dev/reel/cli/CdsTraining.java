package dev.reel.cli;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run for {@code scripts/reel}'s class-data-sharing archive: the classes a run loads are
 * archived at exit, so this touches what commands load — picocli, the FFmpeg bindings and, through a
 * {@code reel shots} on a ten-frame clip made by the bundled ffmpeg, the runtime, the decoders and the
 * detectors (about 0.15 s and 0.3 CPU-s less per shots run than training on {@code probe} alone). Not a
 * subcommand: run by the launcher only. Without the ffmpeg executable it falls back to {@code probe}.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Path dir = Files.createTempDirectory("reel-cds");
        try {
            Path clip = dir.resolve("train.mp4");
            try {
                Ffmpeg.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=s=320x180:r=25:d=0.4", "-c:v", "libx264", "-bf", "3", clip.toString()), Duration.ofSeconds(30));
                Reel.execute("shots", clip.toString(), "-q", "-o", dir.resolve("shots.json").toString());
                Reel.execute("probe", clip.toString());
            } catch (IOException | RuntimeException e) {
                Reel.execute("probe", args.length > 0 ? args[0] : ".");
            }
        } finally {
            System.setOut(out);
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0); // the archive is written at exit; never wait on a lingering thread
    }
}
