package dev.reel.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes clips with the bundled ffmpeg to check them: per-frame timestamps (the frames really in the file, in
 * presentation order, with no rate conversion) and small grayscale thumbnails for picture comparisons.
 */
public final class FrameProbe {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private FrameProbe() {
    }

    /** Decoded video frames: timestamps and durations in {@code tbNum/tbDen} seconds. */
    public record Frames(long tbNum, long tbDen, long[] pts, long[] durations) {

        public int count() {
            return pts.length;
        }

        /** Presentation time of frame {@code i} in seconds. */
        public double time(int i) {
            return (double) pts[i] * tbNum / tbDen;
        }

        /** End of the last frame in seconds. */
        public double end() {
            int n = pts.length;
            return n == 0 ? 0 : (double) (pts[n - 1] + durations[n - 1]) * tbNum / tbDen;
        }
    }

    /** Timestamps of every decoded frame of the first video stream. */
    public static Frames frames(Path video) throws IOException {
        // framecrc lists one line per frame; wrapped_avframe skips converting pictures nobody looks at.
        byte[] out = Ffmpeg.output(List.of("-i", video.toString(), "-map", "0:v:0", "-fps_mode", "passthrough",
                "-c:v", "wrapped_avframe", "-f", "framecrc", "-"), TIMEOUT);
        long num = 1;
        long den = 1;
        List<long[]> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.US_ASCII).split("\n")) {
            line = line.strip();
            if (line.startsWith("#tb 0:")) {
                String[] tb = line.substring(6).strip().split("/");
                num = Long.parseLong(tb[0].strip());
                den = Long.parseLong(tb[1].strip());
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                String[] f = line.split(",");
                rows.add(new long[] {Long.parseLong(f[2].strip()), Long.parseLong(f[3].strip())});
            }
        }
        long[] pts = new long[rows.size()];
        long[] dur = new long[rows.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rows.get(i)[0];
            dur[i] = rows.get(i)[1];
        }
        return new Frames(num, den, pts, dur);
    }

    /**
     * Every frame as an 8-bit luma thumbnail of {@code width x height} (area-averaged, which also averages out
     * grain and compression noise), concatenated: frame {@code i} starts at {@code i * width * height}.
     */
    public static byte[] luma(Path video, int width, int height) throws IOException {
        return Ffmpeg.output(List.of("-i", video.toString(), "-map", "0:v:0", "-fps_mode", "passthrough",
                "-vf", "scale=" + width + ":" + height + ":flags=area,format=gray", "-f", "rawvideo", "-"), TIMEOUT);
    }

    /** Mean absolute difference (0..255) between frames {@code a} and {@code b} of a {@link #luma} buffer. */
    public static double meanAbsDiff(byte[] luma, int frameSize, int a, int b) {
        long sum = 0;
        int oa = a * frameSize;
        int ob = b * frameSize;
        for (int i = 0; i < frameSize; i++) {
            sum += Math.abs((luma[oa + i] & 0xff) - (luma[ob + i] & 0xff));
        }
        return (double) sum / frameSize;
    }

    /** Mean luma (0..255) of frame {@code a} of a {@link #luma} buffer. */
    public static double mean(byte[] luma, int frameSize, int a) {
        long sum = 0;
        for (int i = a * frameSize, end = i + frameSize; i < end; i++) {
            sum += luma[i] & 0xff;
        }
        return (double) sum / frameSize;
    }
}
