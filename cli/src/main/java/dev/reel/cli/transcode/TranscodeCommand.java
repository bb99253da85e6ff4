package dev.reel.cli.transcode;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.EncoderOptions;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.OverwriteOption;
import dev.reel.cli.options.ProgressOption;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.options.RuntimeOptions;
import dev.reel.cli.progress.Progress;
import dev.reel.cli.transcode.chunks.ChunkOptions;
import dev.reel.cli.transcode.chunks.ChunkedTranscode;
import dev.reel.cli.transcode.spec.TranscodeSpec;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reel transcode}: its options and the choice between one file ({@link TranscodeJob}), several
 * ({@link TranscodeBatch}) and a chunked encode ({@link ChunkedTranscode}).
 */
@Command(name = "transcode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Transcodes IN to OUT: decode → [rotate] → [crop] → [scale] → [fps] → encode → mux, each stage a component "
                + "on a pinned core with bounded links between them.",
            "With no options it does what `ffmpeg -i IN OUT` does: codecs from OUT's container (audio copied where that is "
                + "safe), video first, one video and one audio stream, subtitles, tags and chapters kept, pictures turned "
                + "upright. The video codec defaults as ffmpeg's: vp9 for WebM, h264 otherwise; preset and CRF are the "
                + "encoder's own.",
            "Several inputs with --output-dir run as a batch sharing the workers.",
            "The output is written under a temporary name and renamed when complete; Ctrl-C ends the input early and "
                + "finishes a playable file with what was encoded."})
public final class TranscodeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILES", arity = "1..*", description = "IN OUT, or IN... with --output-dir.")
    List<String> files;

    @Mixin
    EncoderOptions encoder = new EncoderOptions();

    @Option(names = "--acodec", description = "aac, opus, copy or none. Default: copied where OUT's container and ordinary "
            + "players take it (MP4/MOV: AAC, MP3; WebM: Opus, Vorbis; MPEG-TS: AAC, MP2, AC-3; MKV: anything), "
            + "else encoded (MP4/MOV/TS: aac, WebM: opus).")
    String acodec;

    @Option(names = "--audio", defaultValue = "best", description = "best: one audio track, the one ffmpeg picks (most channels); "
            + "all: every audio track, each with its language. Default: ${DEFAULT-VALUE}.")
    String audioTracks;

    @Option(names = "--no-autorotate", negatable = false, description = "Keep the pictures as stored and the display rotation "
            + "tag (players rotate), instead of turning them upright as ffmpeg does. Stream copy always keeps the tag.")
    boolean noAutorotate;

    @Option(names = "--crop", description = "W:H[:X:Y] (centred without X:Y), or auto to remove black borders.")
    String crop;

    @Option(names = "--fps", description = "Output frame rate: 30, 29.97, 30000/1001.")
    String fps;

    @Option(names = "--start", description = "Start at this time (seconds or HH:MM:SS[.mmm]).")
    String start;

    @Option(names = "--duration", description = "Stop after this long (seconds or HH:MM:SS[.mmm]).")
    String duration;

    @Option(names = "--force-keyframes", split = ",", description = "Times (seconds) that must start with a key frame.")
    double[] forceKeyframes;

    @Option(names = "--format", description = "Container: mp4, matroska, webm, mpegts (default from OUT's extension; matroska for -).")
    String format;

    @Option(names = "--shots", description = "Detect shots while transcoding (one pass), force key frames at shot starts, and write the shot list to FILE (format from its extension).")
    Path shotsFile;

    @Option(names = "--output-dir", description = "Batch: write each input as DIR/<name>.<ext>.")
    Path outputDir;

    @Option(names = "--ext", defaultValue = "mp4", description = "Batch: extension of outputs. Default: ${DEFAULT-VALUE}.")
    String ext;

    @Option(names = "--jobs", defaultValue = "0", description = "Batch: files transcoded at once (default 2); "
            + "--chunks: chunks encoded at once (default: one per core, at least 2).")
    int jobs;

    @Mixin
    ChunkOptions chunking = new ChunkOptions();

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() throws Exception {
        TranscodeSpec spec = new TranscodeSpec(encoder.vcodec(), acodec, encoder.crf(), encoder.bitrate(), encoder.preset(),
                encoder.scale(), crop, fps, start == null ? 0 : Units.seconds(start, "--start"),
                duration == null ? 0 : Units.seconds(duration, "--duration"), encoder.keyint(), format,
                forceKeyframes, shotsFile != null, allAudio(), !noAutorotate);
        if (chunking.enabled()) {
            return new ChunkedTranscode(chunking, spec, overwrite, quiet).run(files, outputDir, jobs, json);
        }
        List<String[]> pairs = pairs();
        Progress.Mode mode = progress.mode(quiet.quiet());
        TranscodeJob job = new TranscodeJob(spec, shotsFile, quiet, runtime);
        try (Scheduler scheduler = runtime.scheduler()) {
            if (pairs.size() == 1) {
                json.print(job.run(scheduler, pairs.get(0)[0], pairs.get(0)[1], mode));
                return ExitCodes.OK;
            }
            return new TranscodeBatch(job, jobs, quiet, json).run(scheduler, pairs, mode);
        }
    }

    private boolean allAudio() {
        return switch (audioTracks) {
            case "best" -> false;
            case "all" -> true;
            default -> throw new UserError(ExitCodes.USAGE, "--audio wants best or all, got '" + audioTracks + "'");
        };
    }

    /** IN OUT, or each input with its name in the output directory; every output checked before any work. */
    private List<String[]> pairs() throws IOException {
        List<String[]> out = new ArrayList<>();
        if (outputDir == null) {
            if (files.size() != 2) {
                throw new UserError(ExitCodes.USAGE, "want IN OUT (or several inputs with --output-dir DIR)");
            }
            out.add(new String[] {files.get(0), files.get(1)});
        } else {
            Files.createDirectories(outputDir);
            for (String in : files) {
                String base = Path.of(in).getFileName().toString();
                int dot = base.lastIndexOf('.');
                out.add(new String[] {in, outputDir.resolve((dot > 0 ? base.substring(0, dot) : base) + "." + ext).toString()});
            }
        }
        for (String[] p : out) {
            overwrite.checkOutput(p[0], p[1]);
        }
        return out;
    }
}
