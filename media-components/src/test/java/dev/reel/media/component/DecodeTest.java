package dev.reel.media.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.component.GraphHarness.Run;
import dev.reel.media.component.GraphHarness.Seen;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.media.frame.MediaType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decode in real graphs on a small clip (25 fps, 2 s, one key frame): start and duration cut on
 * the output timeline from zero, for decoded frames, copied video and copied audio.
 */
class DecodeTest {
    private static final GraphHarness graphs = GraphHarness.shared();
    private static final String small = TestClips.small().toString();

    private static Decode decode(Decode.Audio audio, double start, double duration) {
        return new Decode(small, audio, start, duration, Map.of(), Decode.DEFAULT_TIMEOUT);
    }

    @Test
    void startAndDurationCutDecodedFramesFromZero() {
        Run r = graphs.run(decode(Decode.Audio.NONE, 0.5, 1.0));
        assertTrue(r.result().ok(), () -> String.valueOf(r.result().cause()));
        List<Seen> frames = r.frames();
        assertEquals(25, frames.size(), "1 s at 25 fps");
        // Within a frame of zero (the origin is the seek target, not the first frame kept), then frame by frame.
        double first = frames.get(0).seconds();
        assertTrue(first >= 0 && first < 0.04, "first frame at " + first);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(first + i * 0.04, frames.get(i).seconds(), 1e-6);
        }
    }

    @Test
    void aCopyStartsAtTheKeyFrameBeforeTheStart() {
        // The only key frame is at 0 s: a copy from 0.5 s starts there, and runs for the duration from it.
        Run r = graphs.run(decode(Decode.Audio.NONE, 0.5, 1.0).copyVideo(true));
        assertTrue(r.result().ok(), () -> String.valueOf(r.result().cause()));
        List<Seen> packets = r.packets();
        assertEquals(25, packets.size());
        assertTrue(packets.get(0).key());
        assertEquals(0, packets.stream().mapToDouble(Seen::seconds).min().orElseThrow(), 1e-6);
    }

    @Test
    void copiedAudioKeepsItsOwnBoxAndTheSameOrigin() {
        Run r = graphs.run(decode(Decode.Audio.COPY, 0.5, 1.0), "audio");
        assertTrue(r.result().ok(), () -> String.valueOf(r.result().cause()));
        assertEquals(MediaType.AUDIO, r.infos().get(0).type());
        List<Seen> packets = r.packets();
        // 1 s of 44.1 kHz AAC: about 43 packets of 1024 samples.
        assertTrue(packets.size() >= 42 && packets.size() <= 45, "packets: " + packets.size());
        for (Seen p : packets) {
            assertTrue(p.seconds() >= -1e-3 && p.seconds() < 1.0, "on the output timeline: " + p.seconds());
        }
    }
}
