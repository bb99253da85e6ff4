package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Key frames forced at times land on the first frame at or after each time. */
class ForcedKeyframeTest {

    @Test
    void forcedTimesLandOnKeyframes() {
        Path out = TestClips.file("keys.mp4");
        // 0.48 s and 1.2 s are frames 12 and 30 at 25 fps; 0.9 s falls between frames (-> 0.92).
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString())
                .video(new VideoEncoder.Settings().preset("veryfast").crf(23).gop(1000)
                        .option("x264-params", "scenecut=0").forceKeyFramesAt(1.2, 0.48, 0.9)));
        List<Double> keys = new ArrayList<>();
        JsonNode frames = FfTools.videoFrames(out);
        assertEquals(50, frames.size());
        for (JsonNode f : frames) {
            if (f.get("key_frame").asInt() == 1) {
                keys.add(f.get("pts_time").asDouble());
                assertEquals("I", f.get("pict_type").asText());
            }
        }
        assertEquals(List.of(0.0, 0.48, 0.92, 1.2), keys);
    }
}
