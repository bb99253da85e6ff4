package dev.reel.cli.transcode.chunks;

import dev.reel.cli.engine.EngineOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reel transcode}'s options for shot-chunked parallel encoding (a picocli mixin). */
public final class ChunkOptions {
    @Option(names = "--chunks", arity = "0..1", fallbackValue = "auto", paramLabel = "auto|LEN",
            description = "Shot-chunked parallel encoding: split at shot starts into chunks of about LEN seconds "
                    + "(auto: " + "10), encode them in parallel (--jobs), join by stream copy.")
    public String chunks;

    @Option(names = "--resume", description = "Chunks: continue the job in the work directory, encoding only unfinished chunks.")
    public boolean resume;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Chunks: where the plan, the ledger and the chunks live "
            + "(default: OUT.reel-chunks next to OUT; removed when the job succeeds).")
    public Path workDir;

    @Option(names = "--keep-work-dir", description = "Chunks: keep the work directory (plan, ledger, chunks) after success.")
    public boolean keepWorkDir;

    @Option(names = "--target", paramLabel = "METRIC=VALUE", description = "Chunks: per-chunk quality target "
            + "(ssim=0.98, psnr=DB or xpsnr=DB): each chunk gets the highest CRF that meets it, chosen by a few "
            + "probe encodes (--crf, if given, is the first probe).")
    public String target;

    @Mixin
    public EngineOptions engine = new EngineOptions();

    /** True when the command line asked for chunking or for one of its options (an error without --chunks). */
    public boolean enabled() {
        return chunks != null || target != null || resume || workDir != null || keepWorkDir || engine.flink();
    }
}
