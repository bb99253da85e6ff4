package dev.reel.media.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reel.media.component.GraphHarness.Run;
import dev.reel.media.ffmpeg.FfTools;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.runtime.Graph;
import dev.reel.runtime.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End of stream and failure through whole chains: a chain ends when its input does, with every
 * frame through and the file complete; a failing component ends the graph, named, without a
 * partial file left behind.
 */
class GraphEndsTest {
    private final GraphHarness graphs = GraphHarness.shared();

    private static Graph chain(String in, String out, String crop) {
        return Graph.builder("chain")
                .add("decode", new Decode(in, Decode.Audio.COPY, 0, 0, Map.of(), Decode.DEFAULT_TIMEOUT))
                .add("crop", Crop.of(crop)).add("scale", Scale.of("-2:120")).add("fps", Fps.of("25"))
                .add("encode", new Encode(new VideoEncoder.Settings().preset("ultrafast").threads(1)))
                .add("mux", new Mux(out, new Muxer.Options()))
                .link("decode", "crop").link("crop", "scale").link("scale", "fps").link("fps", "encode")
                .link("encode", "mux").link("decode.audio", "mux.audio").build();
    }

    @Test
    void aWholeChainEndsWithEveryFrameInTheFile() {
        Path out = TestClips.file("chain.mp4");
        RunResult r = graphs.run(chain(TestClips.small().toString(), out.toString(), "240:240"));
        assertTrue(r.ok(), () -> r.failedComponent() + ": " + r.cause());
        JsonNode probe = FfTools.probe(out);
        JsonNode video = FfTools.stream(probe, "video");
        assertEquals(120, video.get("width").asInt());
        assertEquals(120, video.get("height").asInt());
        assertEquals(50, video.get("nb_read_frames").asInt());
        assertTrue(FfTools.stream(probe, "audio") != null, "the audio was copied alongside");
    }

    @Test
    void aFailingComponentEndsTheGraphNamingItAndLeavesNoFile() throws Exception {
        Path out = TestClips.file("failed-chain.mp4");
        RunResult r = graphs.run(chain(TestClips.small().toString(), out.toString(), "640:480"));
        assertFalse(r.ok());
        assertEquals("crop", r.failedComponent());
        assertTrue(r.cause().getMessage().contains("larger than the picture"), r.cause().getMessage());
        assertFalse(Files.exists(out), "a failed run leaves no output under its name");
    }

    @Test
    void aGraphBuiltInJavaIsTypeChecked() {
        // The @ComponentDoc box declarations type the runtime's boxes: Graph.build() refuses what cannot meet.
        Decode decode = new Decode(TestClips.small().toString());
        IllegalArgumentException framesIntoMux = assertThrows(IllegalArgumentException.class, () -> Graph.builder("bad")
                .add("decode", decode).add("mux", new Mux(TestClips.file("never.mp4").toString(), new Muxer.Options()))
                .link("decode", "mux").build());
        assertEquals("cannot link decode.outbox (sends VideoFrame) to mux.inbox (accepts Packet): message types differ",
                framesIntoMux.getMessage());
        IllegalArgumentException audioIntoVideo = assertThrows(IllegalArgumentException.class, () -> Graph.builder("bad")
                .add("decode", decode).add("encode", new Encode(new VideoEncoder.Settings()))
                .link("decode.audio", "encode").build());
        assertTrue(audioIntoVideo.getMessage().contains("message types differ"), audioIntoVideo.getMessage());
        // what does meet still builds: frames into a frame filter, packets into the muxer
        Graph ok = Graph.builder("ok").add("decode", decode).add("scale", Scale.of("160:-2"))
                .add("encode", new Encode(new VideoEncoder.Settings())).add("mux", new Mux(TestClips.file("never.mp4").toString(),
                        new Muxer.Options())).link("decode", "scale").link("scale", "encode").link("encode", "mux")
                .link("decode.audio", "mux.audio").build();
        assertEquals(4, ok.children().size());
        assertEquals(4, ok.links().size());
    }

    @Test
    void aMissingInputFailsNamingDecode() {
        Run r = graphs.run(new Decode(TestClips.file("no-such-file.mp4").toString()), Scale.of("160:-2"));
        assertEquals("decode", r.result().failedComponent());
        assertTrue(r.seen().isEmpty(), "nothing reaches the sink");
    }
}
