package dev.reel.media.shots;

import org.bytedeco.javacpp.Loader;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-scope frame source: decodes a clip with the bundled ffmpeg executable into analysis-size rgb24
 * frames (area scaling), with presentation times taken from {@code showinfo} (so variable frame rate
 * keeps its real times), and feeds one reused {@link AnalysisFrame}.
 */
final class RawFrameSource {
    private static final Pattern PTS = Pattern.compile("\\bn:\\s*(\\d+)\\s+pts:\\s*(-?\\d+)\\s+pts_time:(-?[0-9.eE+-]+)");
    private static final Pattern VIDEO = Pattern.compile("Video: .*?(\\d{2,5})x(\\d{2,5})");
    private static final Pattern FPS = Pattern.compile("([0-9.]+) fps");
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d+):([0-9.]+)");
    private static String ffmpeg;

    record Info(int width, int height, double fps, double duration) {}

    private RawFrameSource() {}

    static synchronized String ffmpeg() {
        if (ffmpeg == null) {
            ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        }
        return ffmpeg;
    }

    static ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The executable's libraries (libva, ...) sit next to it.
        String dir = Path.of(ffmpeg()).getParent().toString();
        String old = pb.environment().get("LD_LIBRARY_PATH");
        pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? dir : dir + ":" + old);
        return pb;
    }

    /** Runs ffmpeg to completion; throws with its log on failure. */
    static void run(List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = command(args).redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + String.join(" ", args) + "\n" + log);
        }
    }

    static Info probe(Path clip) throws IOException, InterruptedException {
        Process p = command(List.of("-hide_banner", "-i", clip.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        int w = 0, h = 0;
        double fps = 0, dur = 0;
        for (String line : log.split("\n")) {
            if (line.contains("Video:") && w == 0) {
                Matcher m = VIDEO.matcher(line);
                if (m.find()) {
                    w = Integer.parseInt(m.group(1));
                    h = Integer.parseInt(m.group(2));
                }
                Matcher f = FPS.matcher(line);
                if (f.find()) {
                    fps = Double.parseDouble(f.group(1));
                }
            }
            Matcher d = DURATION.matcher(line);
            if (d.find()) {
                dur = Integer.parseInt(d.group(1)) * 3600 + Integer.parseInt(d.group(2)) * 60 + Double.parseDouble(d.group(3));
            }
        }
        if (w == 0) {
            throw new IOException("no video stream in " + clip + "\n" + log);
        }
        return new Info(w, h, fps, dur);
    }

    /** Decodes every frame of {@code clip} at {@code size}; returns the frame count. */
    static long decode(Path clip, AnalysisSize size, Consumer<AnalysisFrame> sink) throws IOException, InterruptedException {
        List<String> args = List.of("-hide_banner", "-nostdin", "-loglevel", "info", "-i", clip.toString(),
                "-map", "0:v:0", "-an", "-sn", "-fps_mode", "passthrough",
                "-vf", "scale=" + size.width() + ":" + size.height() + ":flags=area,showinfo",
                "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1");
        Process p = command(args).start();
        BlockingQueue<Double> pts = new LinkedBlockingQueue<>();
        StringBuilder log = new StringBuilder();
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = PTS.matcher(line);
                    if (m.find()) {
                        pts.add(Double.parseDouble(m.group(3)));
                    } else if (log.length() < 20000) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "ffmpeg-stderr");
        err.setDaemon(true);
        err.start();
        AnalysisFrame frame = size.newFrame();
        long n = 0;
        try (DataInputStream in = new DataInputStream(p.getInputStream())) {
            while (true) {
                try {
                    in.readFully(frame.rgb());
                } catch (EOFException e) {
                    break;
                }
                Double t = pts.poll(30, TimeUnit.SECONDS);
                if (t == null) {
                    throw new IOException("no pts for frame " + n);
                }
                frame.computeLumaFromRgb().set(n, t);
                sink.accept(frame);
                n++;
            }
        } finally {
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() != 0 && n == 0) {
                throw new IOException("ffmpeg decode failed for " + clip + "\n" + log);
            }
            p.destroy();
        }
        err.join(5000);
        return n;
    }

    /** Decodes at {@link AnalysisSize#forInput} of the clip's size. */
    static long decode(Path clip, Consumer<AnalysisFrame> sink) throws IOException, InterruptedException {
        Info i = probe(clip);
        return decode(clip, AnalysisSize.forInput(i.width(), i.height()), sink);
    }
}
