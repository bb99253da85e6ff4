package dev.reel.cli.record;

import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.util.List;

/**
 * The built-in test source: the bundled ffmpeg sends a generated picture (testsrc2, a moving clock)
 * and a tone as H.264/AAC MPEG-TS over UDP to 127.0.0.1, in real time, as a live encoder would.
 */
final class TestSource {
    private TestSource() {
    }

    /** {@code spec} is "test:" or "test:WxH" or "test:WxH@FPS". */
    static Process start(String spec, int port) throws IOException {
        String size = "1280x720";
        String fps = "25";
        String rest = spec.substring("test:".length());
        if (!rest.isEmpty()) {
            String[] p = rest.split("@");
            if (!p[0].matches("\\d+x\\d+") || p.length > 1 && !p[1].matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException("test source wants test:WxH[@FPS], e.g. test:1920x1080@25");
            }
            size = p[0];
            if (p.length > 1) {
                fps = p[1];
            }
        }
        List<String> args = List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=" + fps,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", fps.replaceAll("\\..*", ""),
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k",
                "-f", "mpegts", "udp://127.0.0.1:" + port + "?pkt_size=1316");
        ProcessBuilder b = Ffmpeg.processBuilder(args);
        b.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return b.start();
    }
}
