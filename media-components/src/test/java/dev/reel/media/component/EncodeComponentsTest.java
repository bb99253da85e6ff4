package dev.reel.media.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reel.media.component.GraphHarness.Run;
import dev.reel.media.component.GraphHarness.Seen;
import dev.reel.media.ffmpeg.AudioEncoder;
import dev.reel.media.ffmpeg.FfTools;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.StreamInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The components that turn frames or packets into packets (encode, aencode, subtitle conversion)
 * in real graphs on a small clip: the stream header first, every input accounted for, key frames
 * where a {@link dev.reel.media.frame.ForceKeyframe} asked, the flush at the end of the stream.
 */
class EncodeComponentsTest {
    private static final GraphHarness graphs = GraphHarness.shared();
    private static final String small = TestClips.small().toString();

    private static VideoEncoder.Settings noSceneCuts() {
        // Key frames only where asked: no periodic or scene-cut ones in a 50-frame clip.
        return new VideoEncoder.Settings().codec("h264").preset("ultrafast").crf(30).gop(1000).threads(1)
                .option("x264-params", "scenecut=0");
    }

    private static void ok(Run r) {
        assertTrue(r.result().ok(), () -> "failed in " + r.result().failedComponent() + ": " + r.result().cause());
    }

    @Test
    void encodeSendsItsHeaderThenOnePacketPerFrameWithKeyFramesWhereAsked() {
        Run r = graphs.run(new Decode(small), new GraphHarness.KeyRequests(12, 30), new Encode(noSceneCuts()));
        ok(r);
        assertEquals(1, r.others().size(), "the requests are consumed; only the encoder's header goes on");
        StreamInfo info = (StreamInfo) r.seen().get(0).message();
        assertEquals("h264", info.codecName());
        assertEquals(320, info.width());
        List<Seen> packets = r.packets();
        assertEquals(50, packets.size(), "the flush at the end hands on every buffered frame");
        List<Long> keys = packets.stream().filter(Seen::key).map(p -> Math.round(p.seconds() * 25)).sorted().toList();
        assertEquals(List.of(0L, 12L, 30L), keys);
    }

    @Test
    void encodeWithoutRequestsHasOneKeyFrame() {
        Run r = graphs.run(new Decode(small), new Encode(noSceneCuts()));
        ok(r);
        assertEquals(1, r.packets().stream().filter(Seen::key).count());
    }

    @Test
    void encodeOfAnUnknownCodecFailsNamingEncode() {
        Run r = graphs.run(new Decode(small), new Encode(new VideoEncoder.Settings().codec("no-such-codec")));
        assertEquals("encode", r.result().failedComponent());
        assertTrue(r.packets().isEmpty());
    }

    @Test
    void audioEncodeTurnsDecodedAudioIntoPackets() {
        Decode decode = new Decode(small, Decode.Audio.DECODE, 0, 0, Map.of(), Decode.DEFAULT_TIMEOUT);
        Run r = graphs.run(decode, "audio", new AudioEncode(new AudioEncoder.Settings().codec("aac").bitrate(64_000)));
        ok(r);
        assertEquals(1, r.infos().size());
        StreamInfo info = r.infos().get(0);
        assertEquals(MediaType.AUDIO, info.type());
        assertEquals("aac", info.codecName());
        assertTrue(r.seen().get(0).message() instanceof StreamInfo, "the header goes first");
        // 2 s of 44.1 kHz audio in 1024-sample AAC frames: about 86, give or take the priming and the last one.
        int n = r.packets().size();
        assertTrue(n >= 84 && n <= 90, "packets: " + n);
        for (int i = 1; i < n; i++) {
            assertTrue(r.packets().get(i).seconds() > r.packets().get(i - 1).seconds());
        }
    }

    @Test
    void subtitleConvertRewritesEachCue() throws Exception {
        Path srt = TestClips.file("cues.srt");
        Files.writeString(srt, "1\n00:00:00,200 --> 00:00:00,900\nfirst cue\n\n2\n00:00:01,000 --> 00:00:01,800\nsecond cue\n");
        Path mkv = TestClips.file("with-subtitles.mkv");
        FfTools.ffmpeg("-i", small, "-i", srt.toString(), "-map", "0:v", "-map", "1:s", "-c:v", "copy", "-c:s", "subrip",
                mkv.toString());
        Decode decode = new Decode(mkv.toString()).select(0, List.of(), 1);
        Run r = graphs.run(decode, Decode.SUBTITLE, new SubtitleConvert("webvtt"));
        ok(r);
        assertEquals(1, r.infos().size());
        assertEquals("webvtt", r.infos().get(0).codecName());
        List<Seen> cues = r.packets();
        assertEquals(2, cues.size());
        assertEquals(0.2, cues.get(0).seconds(), 1e-3);
        assertEquals(1.0, cues.get(1).seconds(), 1e-3);
    }
}
