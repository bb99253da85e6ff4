package dev.reel.media.ffmpeg;

import dev.reel.media.core.Natives;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ffmpeg/ffprobe executables bundled with the FFmpeg natives, for making test clips and
 * checking results. Extracted from the natives jar without loading avdevice into this JVM.
 */
public final class FfTools {
    private static Path dir;

    private FfTools() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            Natives.load();
            File d = null;
            for (String platform : new String[] {Loader.getPlatform() + "-gpl", Loader.getPlatform()}) {
                try {
                    File f = Loader.cacheResource(org.bytedeco.ffmpeg.ffmpeg.class, platform + "/");
                    if (f != null && new File(f, "ffmpeg").isFile()) {
                        d = f;
                        break;
                    }
                } catch (IOException ignored) {
                    // try the next name
                }
            }
            if (d == null) {
                d = new File(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)).getParentFile();
            }
            new File(d, "ffmpeg").setExecutable(true);
            new File(d, "ffprobe").setExecutable(true);
            dir = d.toPath();
        }
        return dir;
    }

    public static Path ffmpeg() {
        return dir().resolve("ffmpeg");
    }

    public static Path ffprobe() {
        return dir().resolve("ffprobe");
    }

    /** Runs a bundled tool; returns stdout; throws with stderr on failure. */
    public static String run(Path exe, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The executables find their libraries next to them.
        pb.environment().put("LD_LIBRARY_PATH", dir().toString());
        try {
            Path err = Files.createTempFile("fftool", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timeout: " + cmd);
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " failed: " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ffmpeg(String... args) {
        List<String> a = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        a.addAll(List.of(args));
        return run(ffmpeg(), a);
    }

    /** A testsrc2 + sine clip ({@code seconds} long, 25 fps) encoded as h264 + aac. */
    public static Path clip(Path dir, String name, int width, int height, double seconds) {
        Path out = dir.resolve(name);
        ffmpeg("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100",
                "-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", out.toString());
        return out;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** ffprobe -show_format -show_streams as JSON. */
    public static JsonNode probe(Path file) {
        try {
            return JSON.readTree(run(ffprobe(), List.of("-v", "error", "-of", "json", "-show_format", "-show_streams", "-count_frames",
                    file.toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ffprobe -show_frames of the first video stream. */
    public static JsonNode videoFrames(Path file) {
        try {
            return JSON.readTree(run(ffprobe(), List.of("-v", "error", "-of", "json", "-select_streams", "v:0",
                    "-show_entries", "frame=pts_time,key_frame,pict_type", "-show_frames", file.toString()))).get("frames");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mean PSNR (dB) of {@code a} against {@code b}, frame by frame; 100 for identical frames. */
    public static double psnr(Path a, Path b) throws IOException {
        Path stats = Files.createTempFile("psnr", ".log");
        try {
            ffmpeg("-i", a.toString(), "-i", b.toString(), "-lavfi", "psnr=stats_file=" + stats, "-f", "null", "-");
            double sum = 0;
            int n = 0;
            for (String line : Files.readAllLines(stats)) {
                for (String kv : line.split(" ")) {
                    if (kv.startsWith("psnr_avg:")) {
                        String v = kv.substring(9);
                        sum += v.equals("inf") ? 100 : Double.parseDouble(v);
                        n++;
                    }
                }
            }
            return n == 0 ? 0 : sum / n;
        } finally {
            Files.deleteIfExists(stats);
        }
    }

    public static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.get("streams")) {
            if (type.equals(s.get("codec_type").asText())) {
                return s;
            }
        }
        return null;
    }
}
