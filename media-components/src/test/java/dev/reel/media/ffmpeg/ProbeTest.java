package dev.reel.media.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Probe describes a file's format and streams, counting packets where the container does not. */
class ProbeTest {

    @Test
    void describesStreamsAsJson() throws Exception {
        Probe.Result r = Probe.probe(TestClips.small().toString());
        assertTrue(r.format().contains("mp4"), r.format());
        assertEquals(2.0, r.durationSeconds(), 0.05);
        assertEquals(2, r.streams().size());
        Probe.Stream v = r.streams().get(0);
        assertEquals("video", v.type());
        assertEquals("h264", v.codec());
        assertEquals(320, v.width());
        assertEquals(240, v.height());
        assertEquals("yuv420p", v.pixelFormat());
        assertEquals(25.0, v.frameRate());
        assertEquals(50L, v.frameCount());
        assertEquals("header", v.frameCountMethod());
        Probe.Stream a = r.streams().get(1);
        assertEquals("aac", a.codec());
        assertEquals(44100, a.sampleRate());
        assertEquals(1, a.channels());
        assertEquals("mono", a.channelLayout());

        JsonNode json = new ObjectMapper().readTree(Probe.toJson(r));
        assertEquals("h264", json.get("streams").get(0).get("codec").asText());
        assertFalse(json.get("streams").get(1).has("width"), "nulls omitted");
    }

    @Test
    void countsPacketsWhenTheContainerDoesNot() {
        java.nio.file.Path ts = TestClips.file("probe.ts");
        FfTools.ffmpeg("-i", TestClips.small().toString(), "-c", "copy", ts.toString());
        Probe.Stream quick = Probe.probe(ts.toString()).streams().get(0);
        assertEquals("estimate", quick.frameCountMethod());
        Probe.Stream exact = Probe.probe(ts.toString(), true).streams().get(0);
        assertEquals("packets", exact.frameCountMethod());
        assertEquals(50L, exact.frameCount());
    }
}
