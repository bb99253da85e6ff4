package dev.reel.media.frame;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

import dev.reel.media.ffmpeg.AudioDecoder;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.runtime.buffer.LeakTracker;

/** Packets and audio frames are reference-counted views of demuxed and decoded data. */
class PacketAndAudioTest {

    @Test
    void packetsAndAudioFramesAreCountedViews() {
        int base = LeakTracker.live();
        try (Demuxer d = Demuxer.open(TestClips.small().toString())) {
            int ai = d.bestStream(MediaType.AUDIO);
            d.selectStreams(ai);
            try (AudioDecoder dec = new AudioDecoder(d.stream(ai))) {
                Packet p = d.read();
                assertEquals(ai, p.streamIndex());
                assertEquals(new Rational(1, 44100), p.timeBase());
                ByteBuffer data = p.data();
                assertEquals(p.size(), data.remaining());
                assertThrows(ReadOnlyBufferException.class, () -> data.put(0, (byte) 0));
                Packet copy = Packet.reference(p.avPacket(), p.timeBase());
                assertEquals(p.avPacket().data().address(), copy.avPacket().data().address(), "same buffer");
                copy.release();
                long samples = 0;
                long lastPts = -1;
                while (p != null) {
                    dec.send(p);
                    p.release();
                    AudioFrame f;
                    while ((f = dec.receive()) != null) {
                        assertEquals(44100, f.sampleRate());
                        assertEquals(1, f.channels());
                        assertTrue(f.pts() > lastPts);
                        lastPts = f.pts();
                        assertEquals(f.samples() * 4, f.plane(0).remaining()); // fltp
                        samples += f.samples();
                        f.release();
                    }
                    p = d.read();
                }
                assertEquals(2.0, samples / 44100.0, 0.05);
            }
        }
        assertEquals(base, LeakTracker.live());
        Packet made = Packet.copyOf(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0, 10, 10, new Rational(1, 90000), true);
        assertEquals(3, made.size());
        assertTrue(made.keyFrame());
        assertEquals(2, made.data().get(1));
        made.release();
    }
}
