package dev.reel.cli.serve;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.media.record.Manifest;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel serve}: a recording directory served over HTTP (live HLS, timeshift, exports). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a recording DIR made by 'reel record' (also while it records) over HTTP: a player page with "
                + "a timeline of the window (wall-clock labels, gaps, shot changes, programmes), go live, pause and rewind, "
                + "and export of a selected range.",
            "Also: /playlist.m3u8 (live HLS), the segment files (range requests), /manifest.json, "
                + "/api/export?from=ISO&to=ISO[&exact=1][&format=ts|mp4|mkv] (the file, as 'reel timeshift export' makes it), "
                + "/api/programmes.",
            "Listens on 127.0.0.1 unless --bind says otherwise. Ctrl-C stops it."})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A recording directory (reel record --dir).")
    Path dir;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = RecordingServer.DEFAULT_BIND,
            description = "Address to listen on (0.0.0.0: every interface; there is no authentication). Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--max-exports", defaultValue = "2", description = "Exports run at once. Default: ${DEFAULT-VALUE}.")
    int maxExports;

    @Option(names = "--export-queue", defaultValue = "4",
            description = "Exports waiting for a slot; more are refused with HTTP 429. Default: ${DEFAULT-VALUE}.")
    int exportQueue;

    @Option(names = "--export-ttl", defaultValue = "10m",
            description = "An export file not fetched is deleted after this long. Default: ${DEFAULT-VALUE}.")
    String exportTtl;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new UserError(ExitCodes.INPUT_MISSING, "no such directory: " + dir);
        }
        if (!Files.exists(dir.resolve(Manifest.FILE))) {
            System.err.println("reel serve: note: no " + Manifest.FILE + " in " + dir + " yet; the page shows the recording once 'reel record' writes one");
        }
        if (port < 0 || port > 65535) {
            throw new UserError(ExitCodes.USAGE, "--port must be 0..65535");
        }
        if (maxExports < 1 || exportQueue < 0) {
            throw new UserError(ExitCodes.USAGE, "--max-exports must be at least 1 and --export-queue not negative");
        }
        Duration ttl = Duration.ofMillis(Math.round(Units.seconds(exportTtl, "--export-ttl") * 1000));
        RecordingServer server = new RecordingServer(dir, bind, port, new ExportQueue(maxExports, exportQueue, ttl));
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            Throwable c = e instanceof BindException || e.getCause() == null ? e : e.getCause();
            throw new UserError(ExitCodes.USAGE, "cannot listen on " + bind + ":" + port + ": " + c.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }, "reel-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.err.println("reel serve: " + server.url() + " (" + dir + ")");
        server.join();
        stopped.await();
        return ExitCodes.OK;
    }
}
