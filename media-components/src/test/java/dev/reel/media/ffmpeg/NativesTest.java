package dev.reel.media.ffmpeg;

import dev.reel.media.core.MediaException;

import dev.reel.media.core.Natives;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The native libraries load, log quietly by default and route their log on request. */
class NativesTest {

    @Test
    void logIsQuietByDefaultAndCanBeRouted() {
        Natives.load();
        assertTrue(Natives.ffmpegVersion().startsWith("8."), Natives.ffmpegVersion());
        int before = Natives.logLevel();
        List<String> lines = new CopyOnWriteArrayList<>();
        try {
            Natives.setLogSink((level, msg) -> lines.add(msg));
            Natives.setLogLevel("warning");
            // an mp4 read as mpegts makes the demuxer complain
            assertThrows(MediaException.class, () -> Demuxer.open(TestClips.small().toString(),
                    new Demuxer.Options().format("mpegts")));
            assertFalse(lines.isEmpty(), "warnings routed to the sink");
            lines.clear();
            Natives.setLogLevel("quiet");
            assertThrows(MediaException.class, () -> Demuxer.open(TestClips.small().toString(),
                    new Demuxer.Options().format("mpegts")));
            assertEquals(List.of(), lines);
        } finally {
            Natives.setLogSink(null);
            Natives.setLogLevel(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Natives.setLogLevel("loud"));
    }
}
