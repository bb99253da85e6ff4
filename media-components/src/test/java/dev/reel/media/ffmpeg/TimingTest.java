package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.VideoFrame;

/** Timestamps drive timing: VFR survives a transcode, seeks land on the exact frame. */
class TimingTest {

    private static List<Double> ptsTimes(Path file) {
        List<Double> t = new ArrayList<>();
        for (JsonNode f : FfTools.videoFrames(file)) {
            t.add(f.get("pts_time").asDouble());
        }
        return t;
    }

    @Test
    void variableFrameRateIsKept() {
        Path vfr = TestClips.file("vfr.mkv");
        // 25 frames 40 ms apart, then 25 frames 80 ms apart
        FfTools.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-frames:v", "50",
                "-vf", "setpts='if(lt(N,25),N*0.04,1+(N-25)*0.08)/TB'", "-fps_mode", "vfr",
                "-c:v", "libx264", "-preset", "ultrafast", vfr.toString());
        List<Double> in = ptsTimes(vfr);
        assertEquals(50, in.size());
        Path out = TestClips.file("vfr-out.mp4");
        TranscodeFixture.run(new TranscodeFixture.Job(vfr.toString(), out.toString()).noAudio());
        List<Double> got = ptsTimes(out);
        assertEquals(in.size(), got.size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i), got.get(i), 0.002, "frame " + i);
        }
        assertEquals(2.92, got.get(49), 0.002);
    }

    @Test
    void seekIsFrameExact() {
        try (Demuxer d = Demuxer.open(TestClips.small().toString())) {
            int vi = d.bestStream(MediaType.VIDEO);
            int ai = d.bestStream(MediaType.AUDIO);
            try (VideoDecoder dec = new VideoDecoder(d.stream(vi)); AudioDecoder adec = new AudioDecoder(d.stream(ai))) {
                VideoFrame first = null;
                for (double target : new double[] {1.0, 0.52}) {
                    double start = d.seek(target);
                    assertEquals(target, start, 1e-9);
                    dec.flush();
                    dec.discardBefore(start);
                    adec.flush();
                    adec.discardBefore(start);
                    first = null;
                    AudioFrame firstAudio = null;
                    while (first == null || firstAudio == null) {
                        Packet p = d.read();
                        assertNotNull(p);
                        if (p.streamIndex() == vi && first == null) {
                            dec.send(p);
                            first = dec.receive();
                        } else if (p.streamIndex() == ai && firstAudio == null) {
                            adec.send(p);
                            firstAudio = adec.receive();
                        }
                        p.release();
                    }
                    assertEquals(target, first.seconds(), 1e-9, "first video frame at the seek target");
                    double aEnd = firstAudio.seconds() + firstAudio.durationSeconds();
                    assertTrue(firstAudio.seconds() <= target + 1e-9 && aEnd > target, "audio frame covering the target");
                    first.release();
                    firstAudio.release();
                    // drain what the decoder still buffers from before the seek
                    VideoFrame f;
                    while ((f = dec.receive()) != null) {
                        f.release();
                    }
                }
            }
        }
    }
}
