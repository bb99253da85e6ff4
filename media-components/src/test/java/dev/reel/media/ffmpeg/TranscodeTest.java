package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reel.runtime.buffer.LeakTracker;

/** The whole chain, checked with the bundled ffprobe. */
class TranscodeTest {
    private static final double FRAME = 1 / 25.0;

    private static JsonNode check(Path out, String vcodec, int w, int h, String acodec) {
        assertTrue(Files.isRegularFile(out), "output exists");
        assertFalse(Files.exists(out.resolveSibling("." + out.getFileName() + ".part")), "temp file renamed");
        JsonNode probe = FfTools.probe(out);
        JsonNode v = FfTools.stream(probe, "video");
        assertNotNull(v, "video stream");
        assertEquals(vcodec, v.get("codec_name").asText());
        assertEquals(w, v.get("width").asInt());
        assertEquals(h, v.get("height").asInt());
        assertEquals(50, v.get("nb_read_frames").asInt(), "all frames");
        JsonNode a = FfTools.stream(probe, "audio");
        assertNotNull(a, "audio present");
        assertEquals(acodec, a.get("codec_name").asText());
        assertTrue(a.get("nb_read_frames").asInt() > 10, "audio frames");
        double duration = probe.get("format").get("duration").asDouble();
        assertEquals(2.0, duration, FRAME + 0.03, "duration"); // audio priming may add a few ms
        return probe;
    }

    @Test
    void mp4ToMp4CopiesAudio() {
        int base = LeakTracker.live();
        Path out = TestClips.file("plain.mp4");
        TranscodeFixture.Stats st = TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString()));
        assertEquals(50, st.videoFrames());
        assertEquals(50, st.videoPackets());
        assertEquals(0, st.corruptPackets());
        JsonNode probe = check(out, "h264", 320, 240, "aac");
        JsonNode v = FfTools.stream(probe, "video");
        assertEquals(2.0, v.get("duration").asDouble(), FRAME);
        assertEquals(base, LeakTracker.live(), "every frame and packet released");
    }

    @Test
    void cropAndScale() {
        Path out = TestClips.file("crop.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString())
                .crop(40, 30, 200, 150).scale(-2, 120));
        check(out, "h264", 160, 120, "aac");
    }

    @Test
    void toMkv() {
        Path out = TestClips.file("out.mkv");
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString()).scale(160, -2));
        check(out, "h264", 160, 120, "aac");
    }

    @Test
    void toWebmWithVp9AndOpus() {
        Path out = TestClips.file("out.webm");
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString())
                .video(new VideoEncoder.Settings().codec("vp9").preset("ultrafast").crf(40).threads(2))
                .audioCodec("opus"));
        check(out, "vp9", 320, 240, "opus");
    }

    @Test
    void toMpegtsWithAacReencode() {
        Path out = TestClips.file("out.ts");
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString()).audioCodec("aac"));
        check(out, "h264", 320, 240, "aac");
    }

    @Test
    void hevcToMp4() {
        Path out = TestClips.file("hevc.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(TestClips.small().toString(), out.toString())
                .video(new VideoEncoder.Settings().codec("hevc").preset("ultrafast").crf(30)));
        JsonNode v = FfTools.stream(check(out, "hevc", 320, 240, "aac"), "video");
        assertEquals("hvc1", v.get("codec_tag_string").asText());
    }

    @Test
    void rotationIsCarriedAsMetadata() {
        Path rotated = TestClips.file("rotated.mp4");
        FfTools.ffmpeg("-display_rotation", "90", "-i", TestClips.small().toString(), "-c", "copy", rotated.toString());
        try (Demuxer d = Demuxer.open(rotated.toString())) {
            // ffmpeg's -display_rotation is counter-clockwise; reel reports clockwise
            assertEquals(270, d.stream(0).rotation());
        }
        Path out = TestClips.file("rotated-out.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(rotated.toString(), out.toString()));
        try (Demuxer d = Demuxer.open(out.toString())) {
            assertEquals(270, d.stream(0).rotation(), "tagged, pixels untouched");
            assertEquals(320, d.stream(0).width());
        }
    }

    @Test
    void aRotationOffARightAngleIsIgnored() {
        // found by scripts/fuzz: a damaged display matrix of 29 degrees failed autorotation with a usage error
        Path skewed = TestClips.file("rotated29.mp4");
        FfTools.ffmpeg("-display_rotation", "29", "-i", TestClips.small().toString(), "-c", "copy", skewed.toString());
        Path nearly = TestClips.file("rotated89.mp4");
        FfTools.ffmpeg("-display_rotation", "-89.5", "-i", TestClips.small().toString(), "-c", "copy", nearly.toString());
        try (Demuxer d = Demuxer.open(skewed.toString()); Demuxer n = Demuxer.open(nearly.toString())) {
            assertEquals(0, d.stream(0).rotation(), "shown as stored");
            assertEquals(90, n.stream(0).rotation(), "within a degree of a right angle");
        }
        Path out = TestClips.file("rotated29-out.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(skewed.toString(), out.toString()).autorotate());
        check(out, "h264", 320, 240, "aac");
    }

    @Test
    void autorotateTransposesPixels() throws Exception {
        Path rotated = TestClips.file("rotated90.mp4");
        FfTools.ffmpeg("-display_rotation", "-90", "-i", TestClips.small().toString(), "-c", "copy", rotated.toString());
        Path out = TestClips.file("upright.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(rotated.toString(), out.toString()).autorotate());
        JsonNode v = FfTools.stream(check(out, "h264", 240, 320, "aac"), "video");
        assertFalse(v.has("side_data_list"), "no display matrix left");
        // same pixels as ffmpeg's own autorotation (within encoder noise)
        Path ref = TestClips.file("upright-ref.mp4");
        FfTools.ffmpeg("-i", rotated.toString(), "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", ref.toString());
        assertTrue(FfTools.psnr(out, ref) > 35, "matches ffmpeg's autorotation");
    }
}
