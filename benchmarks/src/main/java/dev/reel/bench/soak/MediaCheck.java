package dev.reel.bench.soak;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Whether a media file plays (the bundled ffmpeg decodes it) and how long its video is. */
final class MediaCheck {
    /** {@code seconds}: video frames / frame rate (robust against timestamps that jump); -1 when unreadable. */
    record Result(boolean plays, double seconds, long frames, double frameRate, String error) {
    }

    private MediaCheck() {
    }

    static Result check(Path file) {
        long frames = 0;
        double fps = 0;
        try (Demuxer d = Demuxer.open(file.toString())) {
            int v = d.bestStream(MediaType.VIDEO);
            if (v < 0) {
                return new Result(false, -1, 0, 0, "no video stream");
            }
            StreamInfo s = d.stream(v);
            fps = s.avgFrameRate().isValid() ? s.avgFrameRate().toDouble() : 25;
            Packet p;
            while ((p = d.read()) != null) {
                if (p.streamIndex() == v) {
                    frames++;
                }
                p.release();
            }
        } catch (RuntimeException e) {
            return new Result(false, -1, 0, 0, "demux: " + e.getMessage());
        }
        String error = null;
        try {
            Ffmpeg.run(List.of("-v", "error", "-i", file.toString(), "-map", "0:v:0", "-f", "null", "-"), Duration.ofSeconds(120));
        } catch (IOException e) {
            error = "decode: " + e.getMessage().lines().findFirst().orElse("");
        }
        return new Result(error == null && frames > 0, frames / fps, frames, fps, error);
    }
}
