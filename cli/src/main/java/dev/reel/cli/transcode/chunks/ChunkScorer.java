package dev.reel.cli.transcode.chunks;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores an encoded chunk against the input's frames of that chunk with libavfilter's
 * {@code ssim}, {@code psnr} or {@code xpsnr}, run by the bundled ffmpeg executable (the same
 * FFmpeg build reel links): the source is seeked as the chunk's decoder seeks (half a frame before
 * the chunk's first frame, frames before it dropped) and cut to the chunk's frame count, both sides
 * restarted at time 0 so the filter pairs frame n with frame n. Every frame is scored: the score
 * that decides a chunk's CRF is the score of the file that becomes the chunk.
 */
public final class ChunkScorer {
    /** A chunk's scoring may take long on a loaded machine, but never hangs a worker. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    private static final Pattern SSIM = Pattern.compile("SSIM .*All:([0-9.]+)");
    private static final Pattern PSNR = Pattern.compile("PSNR .*average:([0-9.]+|inf)");
    private static final Pattern XPSNR = Pattern.compile("XPSNR\\s+y:\\s*([0-9.]+|inf)");

    private ChunkScorer() {
    }

    /** The metric of {@code encoded} (chunk {@code c} of {@code plan}) against the input. */
    public static double score(ChunkPlan plan, ChunkPlan.Chunk c, Path encoded, String metric) throws IOException {
        double fps = plan.fps();
        List<String> args = new ArrayList<>(List.of("-loglevel", "info", "-nostats", "-i", encoded.toString()));
        double seek = plan.seekSeconds(c);
        if (seek > 0) {
            args.addAll(List.of("-ss", fmt(seek)));
        }
        if (!c.last()) {
            args.addAll(List.of("-t", fmt(plan.decodeSeconds(c) + 2 / fps)));
        }
        args.addAll(List.of("-i", plan.input()));
        String filter = switch (metric) {
            case "ssim", "psnr", "xpsnr" -> metric;
            default -> throw new IllegalArgumentException("metric " + metric);
        };
        args.addAll(List.of("-lavfi",
                "[0:v]setpts=PTS-STARTPTS,format=yuv420p[d];"
                        + "[1:v]trim=end_frame=" + c.frames() + ",setpts=PTS-STARTPTS,format=yuv420p[r];"
                        + "[d][r]" + filter + "=shortest=1",
                "-f", "null", "-"));
        ProcessBuilder pb = Ffmpeg.processBuilder(args).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String err;
        try (InputStream in = p.getErrorStream()) {
            err = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(DEFAULT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("scoring " + encoded.getFileName() + " failed: " + tail(err));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scoring " + encoded.getFileName());
        }
        Matcher m = (metric.equals("ssim") ? SSIM : metric.equals("psnr") ? PSNR : XPSNR).matcher(err);
        double last = Double.NaN;
        while (m.find()) {
            last = m.group(1).equals("inf") ? 100 : Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(last)) {
            throw new IOException("no " + metric + " score from ffmpeg for " + encoded.getFileName() + ": " + tail(err));
        }
        return last;
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private static String tail(String err) {
        String t = err.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
