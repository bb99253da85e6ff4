package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Every named encoder works end to end (tiny clip), and stays silent on stderr. */
class CodecsTest {

    @Test
    void namedEncodersProduceValidStreams() {
        Path in = FfTools.clip(TestClips.dir(), "codecs-in.mp4", 128, 96, 0.4);
        List<String> failures = new ArrayList<>();
        String[][] cases = {{"h264", "h264", "mp4"}, {"hevc", "hevc", "mp4"}, {"vp9", "vp9", "webm"},
                {"av1", "av1", "mkv"}, {"openh264", "h264", "mp4"}};
        for (String[] c : cases) {
            Path out = TestClips.file("codec-" + c[0] + "." + c[2]);
            VideoEncoder.Settings s = new VideoEncoder.Settings().codec(c[0]).preset("ultrafast");
            if (c[0].equals("openh264")) {
                s.bitrate(300_000);
            }
            TranscodeFixture.Job job = new TranscodeFixture.Job(in.toString(), out.toString()).video(s);
            if (c[2].equals("webm")) {
                job.audioCodec("opus");
            }
            TranscodeFixture.run(job);
            JsonNode v = FfTools.stream(FfTools.probe(out), "video");
            if (!c[1].equals(v.get("codec_name").asText()) || v.get("nb_read_frames").asInt() != 10) {
                failures.add(c[0] + ": " + v);
            }
        }
        assertEquals(List.of(), failures);
    }
}
