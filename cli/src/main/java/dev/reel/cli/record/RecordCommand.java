package dev.reel.cli.record;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.GraphRuns;
import dev.reel.cli.common.Units;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.EncoderOptions;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.QuietOption;
import dev.reel.cli.options.RuntimeOptions;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.record.Names;
import dev.reel.media.record.Programme;
import dev.reel.media.record.RecordJob;
import dev.reel.media.record.RecordLock;
import dev.reel.media.record.Schedule;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel record}: its options, checked, and the recording job run until the source ends or a signal. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Records a live source into rolling segments in DIR (a timeshift buffer): MPEG-TS or fragmented MP4 "
                + "cut at key frames every --segment, named by UTC start time, a manifest.json of segments and gaps, and a "
                + "live HLS playlist.m3u8 with EXT-X-PROGRAM-DATE-TIME.",
            "SOURCE: udp://, rtp://, rtsp://, http(s)://, srt://, a file (with --realtime to play it at its pace), "
                + "or test: (a generated 720p25 picture).",
            "A lost source is reconnected with backoff and the gap recorded; the recorder never exits on its own. "
                + "SIGINT/SIGTERM finish the current segment and programme file, then exit 0. "
                + "Files are renamed into place only when complete, so a kill -9 leaves only playable segments.",
            "The video is stream-copied unless an encoding option is given (--vcodec other than copy, --crf, --bitrate, "
                + "--preset, --scale, --keyint): then it is re-encoded, by default with h264, preset veryfast and a key "
                + "frame at least every " + RecordCommand.DEFAULT_KEYINT + " frames (2 s at 25 fps) besides those at segment starts."})
public final class RecordCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Re-encoding: the codec, preset and most frames between key frames when not given. */
    static final String DEFAULT_VCODEC = "h264";
    static final String DEFAULT_PRESET = "veryfast";
    static final int DEFAULT_KEYINT = 50;

    @Parameters(paramLabel = "SOURCE", description = "What to record.")
    String source;

    @Option(names = "--dir", required = true, description = "Recording directory (created; one recorder at a time).")
    Path dir;

    @Option(names = "--segment", defaultValue = "6s", description = "Segment length, cut at key frames. Default: ${DEFAULT-VALUE}.")
    String segment;

    @Option(names = "--window", description = "Keep only this much (e.g. 2h); older segments are deleted. Default: keep all.")
    String window;

    @Option(names = "--keep-finished", paramLabel = "AGE", description = "Delete finished programme files (--schedule) and "
            + "their sidecars this long after they finished (e.g. 7d); --window does not touch them. Default: keep all.")
    String keepFinished;

    @Option(names = "--min-free", defaultValue = "1G", paramLabel = "SIZE",
            description = "Free space to keep on DIR's disk, checked before each segment: with --window the oldest segments "
                    + "are deleted until it is free, else (or when deleting all is not enough) the recording stops with exit "
                    + "status 5. 0 turns the check off. Default: ${DEFAULT-VALUE}.")
    String minFree;

    @Option(names = "--container", defaultValue = "mpegts", description = "mpegts or mp4 (fragmented; HLS version 7 with EXT-X-MAP). Default: ${DEFAULT-VALUE}.")
    String container;

    @Option(names = "--copy", description = "Stream copy, no re-encoding (the default unless encoding options are given).")
    boolean copy;

    @Mixin
    EncoderOptions encoder = new EncoderOptions();

    @Option(names = "--no-audio", description = "Record video only.")
    boolean noAudio;

    @Option(names = "--realtime", description = "Read a file SOURCE at its own pace, like a live stream.")
    boolean realtime;

    @Option(names = "--schedule", description = "CSV (start,end,title) or XMLTV: each programme also becomes DIR/finished/<start>-<title>.<ext> with a JSON sidecar.")
    Path schedule;

    @Option(names = "--shots", arity = "0..1", fallbackValue = "default", paramLabel = "DETECTOR",
            description = "Detect shot changes while recording (detector: default, content, adaptive, luma, histogram, hash, "
                    + "threshold, gradual; default: default) into the manifest and programme sidecars. Decodes the video on a "
                    + "side branch that drops its input rather than hold up recording. Put SOURCE first or write --shots=NAME.")
    String shots;

    @Option(names = "--timeout", defaultValue = "5s", description = "A source silent this long is lost (reconnect). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--input-option", description = "FFmpeg input option KEY=VALUE, e.g. rtsp_transport=tcp (repeatable).")
    List<String> inputOptions = new ArrayList<>();

    @Option(names = "--duration", description = "Stop by itself after this long (tests, benchmarks).")
    String duration;

    @Mixin
    JsonOption json = new JsonOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() throws Exception {
        double seg = Units.seconds(segment, "--segment");
        if (seg < 0.5) {
            throw new UserError(ExitCodes.USAGE, "--segment must be at least 0.5s");
        }
        double win = window == null ? 0 : Units.seconds(window, "--window");
        long minFreeBytes = Units.bytes(minFree, "--min-free");
        double keepFinishedSeconds = keepFinished == null ? 0 : Units.seconds(keepFinished, "--keep-finished");
        if (keepFinished != null && keepFinishedSeconds < 60) {
            throw new UserError(ExitCodes.USAGE, "--keep-finished must be at least 1m");
        }
        if (win > 0 && win < 2 * seg) {
            throw new UserError(ExitCodes.USAGE, "--window must hold at least two segments");
        }
        if (!container.equals("mpegts") && !container.equals("mp4")) {
            throw new UserError(ExitCodes.USAGE, "--container must be mpegts or mp4");
        }
        boolean transcode = encoder.encodes();
        if ((copy || "copy".equals(encoder.vcodec())) && transcode) {
            throw new UserError(ExitCodes.USAGE, "--copy cannot be combined with encoding options");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (String kv : inputOptions) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UserError(ExitCodes.USAGE, "--input-option wants KEY=VALUE, got '" + kv + "'");
            }
            opts.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        String src = source;
        if (!src.contains("://") && !src.startsWith("test:") && !Files.isRegularFile(Path.of(src))) {
            throw new UserError(ExitCodes.INPUT_MISSING, "no such file: " + src);
        }
        if (shots != null && !dev.reel.media.shots.Detectors.names().contains(shots)) {
            throw new UserError(ExitCodes.USAGE, "unknown detector '" + shots + "' for --shots; detectors: "
                    + String.join(", ", dev.reel.media.shots.Detectors.names()));
        }
        List<Programme> programmes = List.of();
        if (schedule != null) {
            if (!Files.isRegularFile(schedule)) {
                throw new UserError(ExitCodes.INPUT_MISSING, "no such schedule file: " + schedule);
            }
            try {
                programmes = Schedule.read(schedule);
            } catch (IllegalArgumentException e) {
                throw new UserError(ExitCodes.USAGE, e.getMessage());
            }
        }
        prepareDir();
        try (RecordLock lock = lockDir()) {
            Process generator = null;
            try {
                if (src.startsWith("test:")) {
                    int port = freeUdpPort();
                    generator = TestSource.start(src, port);
                    src = "udp://127.0.0.1:" + port + "?fifo_size=1000000&overrun_nonfatal=1";
                }
                return record(src, seg, win, transcode, opts, programmes);
            } finally {
                if (generator != null) {
                    generator.destroy();
                    generator.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private void prepareDir() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(ExitCodes.OUTPUT, "cannot create " + dir + ": " + e.getMessage());
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new UserError(ExitCodes.OUTPUT, "cannot write to " + dir + ": not a writable directory");
        }
    }

    private RecordLock lockDir() throws IOException {
        try {
            return RecordLock.acquire(dir);
        } catch (IllegalStateException e) {
            throw new UserError(ExitCodes.OUTPUT, e.getMessage());
        }
    }

    private Integer record(String src, double seg, double win, boolean transcode, Map<String, String> opts,
            List<Programme> programmes) throws Exception {
        VideoEncoder.Settings vs = null;
        if (transcode) {
            vs = new VideoEncoder.Settings().codec(encoder.vcodec() == null ? DEFAULT_VCODEC : encoder.vcodec());
            if (encoder.crf() != null) {
                vs.crf(encoder.crf());
            }
            if (encoder.bitrate() != null) {
                vs.bitrate(encoder.bitrate());
            }
            vs.preset(encoder.preset() == null ? DEFAULT_PRESET : encoder.preset());
            // Key frames are forced at boundaries; keyint only bounds them between.
            vs.gop(encoder.keyint() != null ? encoder.keyint() : DEFAULT_KEYINT);
            vs.globalHeader(Muxer.needsGlobalHeader("x." + (container.equals("mp4") ? "mp4" : "ts"), container));
        }
        long minFreeBytes = Units.bytes(minFree, "--min-free");
        Duration to = Duration.ofMillis(Math.round(Units.seconds(timeout, "--timeout") * 1000));
        RecordJob job = RecordJob.build(new RecordJob.Options(src, dir, container, seg, win, realtime, !noAudio, programmes, vs,
                encoder.scale(), to, opts, shots, source, minFreeBytes,
                keepFinished == null ? 0 : Units.seconds(keepFinished, "--keep-finished")), this::log);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try (Scheduler scheduler = runtime.scheduler()) {
            RunningGraph running = scheduler.start(job.graph());
            job.attach(running);
            Signals.onTerminate(() -> {
                log("stopping: finishing the current segment");
                job.capture().requestEnd();
            });
            Thread timer = null;
            if (duration != null) {
                long ms = Math.round(Units.seconds(duration, "--duration") * 1000);
                timer = new Thread(() -> {
                    try {
                        Thread.sleep(ms);
                        job.capture().requestEnd();
                    } catch (InterruptedException ignored) {
                        // the run ended first
                    }
                }, "reel-record-duration");
                timer.setDaemon(true);
                timer.start();
            }
            RunResult r;
            long lastReport = System.nanoTime();
            long lastDrops = 0;
            while ((r = running.await(1, TimeUnit.SECONDS)) == null) {
                long drops = job.dropped();
                if (drops > lastDrops || System.nanoTime() - lastReport > TimeUnit.MINUTES.toNanos(10)) {
                    if (drops > lastDrops) {
                        log("falling behind: " + (drops - lastDrops) + " packets/frames dropped on live links (" + drops + " in all)");
                    } else {
                        log(String.format(Locale.ROOT, "recording: %d segments, %d video packets, %d dropped",
                                job.segmenter().segmentsWritten(), job.capture().videoPackets(), drops));
                    }
                    lastDrops = drops;
                    lastReport = System.nanoTime();
                }
            }
            if (timer != null) {
                timer.interrupt();
            }
            runtime.report(running.snapshot());
            GraphRuns.check(r);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpuPct = 100.0 * (processCpuNanos() - cpu0) / 1e9 / wall;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("dir", dir.toString());
            s.put("source", Names.redact(source));
            s.put("seconds", Math.round(wall * 1000) / 1000.0);
            s.put("segments", job.segmenter().segmentsWritten());
            s.put("programmes", job.segmenter().programmesWritten());
            s.put("video_packets", job.capture().videoPackets());
            s.put("dropped", job.dropped());
            if (shots != null) {
                s.put("shots_dropped", job.shotsDropped());
            }
            s.put("reconnects", job.capture().reconnects());
            s.put("cpu_percent", Math.round(cpuPct * 10) / 10.0);
            var m = dev.reel.media.record.Manifest.load(dir);
            if (m != null) {
                s.put("delay_ms_mean", m.stats.delayMsMean);
                s.put("delay_ms_max", m.stats.delayMsMax);
            }
            json.print(s);
            log(String.format(Locale.ROOT, "stopped: %d segments written, %d video packets, %d dropped, cpu %.0f%%",
                    job.segmenter().segmentsWritten(), job.capture().videoPackets(), job.dropped(), cpuPct));
            return ExitCodes.OK;
        }
    }

    private void log(String msg) {
        if (!quiet.quiet()) {
            System.err.println("reel record " + LocalTime.now().format(LOG_TIME) + ": " + msg);
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
