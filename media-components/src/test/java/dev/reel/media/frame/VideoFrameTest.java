package dev.reel.media.frame;

import static org.bytedeco.ffmpeg.global.avutil.av_buffer_get_ref_count;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

import dev.reel.media.ffmpeg.FrameSource;
import dev.reel.media.ffmpeg.TestClips;
import dev.reel.runtime.buffer.LeakTracker;

/** Video frames: views share memory, copies own theirs, and reference counting frees both. */
class VideoFrameTest {

    @Test
    void cropIsAReadOnlyViewOfTheSameMemory() {
        int base = LeakTracker.live();
        try (FrameSource src = new FrameSource(TestClips.small())) {
            VideoFrame f = src.next();
            assertEquals(320, f.width());
            int refs = av_buffer_get_ref_count(f.avFrame().buf(0)); // the decoder keeps reference frames too
            VideoFrame c = f.crop(40, 30, 100, 50);
            assertEquals(100, c.width());
            assertEquals(50, c.height());
            assertEquals(f.pts(), c.pts());
            assertEquals(refs + 1, av_buffer_get_ref_count(f.avFrame().buf(0)), "crop references the buffer, no copy");
            int ls = f.linesize(0);
            assertEquals(ls, c.linesize(0));
            assertEquals(f.avFrame().data(0).address() + 30L * ls + 40, c.avFrame().data(0).address(), "luma shares memory");
            int cls = f.linesize(1);
            assertEquals(f.avFrame().data(1).address() + 15L * cls + 20, c.avFrame().data(1).address(), "chroma shares memory");
            ByteBuffer whole = f.plane(0);
            ByteBuffer part = c.plane(0);
            for (int y = 0; y < 50; y += 7) {
                for (int x = 0; x < 100; x += 9) {
                    assertEquals(whole.get((30 + y) * ls + 40 + x), part.get(y * ls + x));
                }
            }
            assertThrows(ReadOnlyBufferException.class, () -> c.plane(0).put(0, (byte) 1));
            assertThrows(ReadOnlyBufferException.class, () -> f.plane(2).put(0, (byte) 1));
            assertThrows(IllegalStateException.class, () -> f.mutablePlane(0), "decoder memory is shared");
            assertThrows(IllegalArgumentException.class, () -> f.crop(300, 0, 100, 10));

            // odd offsets snap to the 4:2:0 chroma grid
            VideoFrame odd = f.crop(41, 31, 100, 50);
            assertEquals(c.avFrame().data(0).address(), odd.avFrame().data(0).address());
            odd.release();

            c.release();
            assertEquals(refs, av_buffer_get_ref_count(f.avFrame().buf(0)));
            f.release();
        }
        assertEquals(base, LeakTracker.live());
    }

    @Test
    void everyNthRowIsAViewWithChromaStillOnItsRows() {
        int base = LeakTracker.live();
        try (FrameSource src = new FrameSource(TestClips.small())) {
            VideoFrame f = src.next();
            int h = f.height();
            VideoFrame v = f.everyNthRow(3);
            assertEquals(f.width(), v.width());
            assertEquals(h / 3 / 2 * 2, v.height(), "even, so each chroma row keeps its two luma rows");
            assertEquals(f.avFrame().data(0).address(), v.avFrame().data(0).address(), "no copy");
            ByteBuffer luma = f.plane(0);
            ByteBuffer rows = v.plane(0);
            ByteBuffer chroma = f.plane(1);
            ByteBuffer chromaRows = v.plane(1);
            for (int y = 0; y < v.height(); y++) {
                assertEquals(luma.get(3 * y * f.linesize(0) + 5), rows.get(y * v.linesize(0) + 5));
            }
            for (int y = 0; y < v.planeHeight(1); y++) {
                // view chroma row y sits beside view luma rows 2y, 2y+1 = source luma rows 6y, 6y+3: source chroma row 3y
                assertEquals(chroma.get(3 * y * f.linesize(1) + 2), chromaRows.get(y * v.linesize(1) + 2));
            }
            VideoFrame same = f.everyNthRow(1);
            assertSame(f, same);
            same.release();
            assertThrows(IllegalArgumentException.class, () -> f.everyNthRow(0));
            v.release();
            f.release();
        }
        assertEquals(base, LeakTracker.live());
    }

    @Test
    void writableCopyOwnsItsMemory() {
        try (FrameSource src = new FrameSource(TestClips.small())) {
            VideoFrame f = src.next();
            VideoFrame w = f.writableCopy();
            assertNotEquals(f.avFrame().data(0).address(), w.avFrame().data(0).address());
            for (int y = 0; y < f.height(); y += 13) {
                assertEquals(f.plane(0).get(y * f.linesize(0) + y), w.plane(0).get(y * w.linesize(0) + y));
            }
            assertEquals(f.pts(), w.pts());
            ByteBuffer m = w.mutablePlane(0);
            byte old = f.plane(0).get(0);
            m.put(0, (byte) (old + 1));
            assertEquals(old, f.plane(0).get(0), "source untouched");
            w.retain();
            assertThrows(IllegalStateException.class, () -> w.mutablePlane(0), "shared once retained");
            w.release();
            w.release();
            f.release();
        }
    }

    @Test
    void referenceCountingFreesFrames() {
        int base = LeakTracker.live();
        try (FrameSource src = new FrameSource(TestClips.small())) {
            VideoFrame[] held = new VideoFrame[10];
            for (int i = 0; i < held.length; i++) {
                held[i] = src.next();
            }
            assertEquals(base + 10, LeakTracker.live());
            held[0].retain();
            assertFalse(held[0].release());
            assertEquals(base + 10, LeakTracker.live());
            for (VideoFrame f : held) {
                assertTrue(f.release());
            }
            assertEquals(base, LeakTracker.live());
            VideoFrame gone = held[3];
            assertThrows(IllegalStateException.class, () -> gone.plane(0), "use after release");
            assertThrows(IllegalStateException.class, gone::release, "double release");
            for (int i = 0; i < 20; i++) {
                src.next().release(); // the over-released shell must not come back from the pool
            }
            // frames stay valid after their decoder is closed: buffers are reference counted
            VideoFrame late = src.next();
            long before = checksum(late.plane(0));
            src.decoder().close();
            assertEquals(before, checksum(late.plane(0)));
            late.release();
        }
        assertEquals(base, LeakTracker.live());
    }

    private static long checksum(ByteBuffer b) {
        long sum = 0;
        for (int i = 0; i < b.remaining(); i++) {
            sum = sum * 31 + b.get(i);
        }
        return sum;
    }
}
