package dev.reel.media.shots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reel.samples.DevsetScorer.Span;
import dev.reel.samples.RealShotSuite;
import dev.reel.samples.RealShotSuite.Item;
import dev.reel.samples.RealShotSuite.Kind;
import dev.reel.samples.RealShotSuite.Profile;
import dev.reel.samples.RealShotSuite.Stretch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-content suite's truth is exact: rendered unencoded, every frame before a transition is the
 * first stretch's frame, every frame after it the second's, and every frame inside it neither; and the
 * default detector finds a generated cut on its exact frame, encoded as in the wild. Skipped without the
 * development set ({@code ../shared/devset}).
 */
class RealShotSuiteTest {
    private static final int W = 64, H = 36, SIZE = W * H;

    private static Profile profile(String name) {
        return RealShotSuite.PROFILES.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static Item item(Kind kind, Profile p, Stretch a, Stretch b, int d1, int gap, int d2) {
        int lenA = 14 + d1, lenB = 14 + (kind == Kind.FADE ? d2 : d1);
        return new Item("t_" + kind.label, kind, p, a, a.start(), 1, lenA, b, b.start(), 1, lenB, d1, gap, d2);
    }

    /** Whether two frames are the same picture (a fade's last factor may move a pixel by one level). */
    private static boolean same(byte[] x, int i, byte[] y, int j) {
        for (int k = 0; k < SIZE; k++) {
            if (Math.abs((x[i * SIZE + k] & 0xff) - (y[j * SIZE + k] & 0xff)) > 1) {
                return false;
            }
        }
        return true;
    }

    @Test
    void truthIsExactAndTheCutIsFoundOnItsFrame(@TempDir Path tmp) throws Exception {
        Path dir = Devset.find();
        assumeTrue(dir != null, "no ../shared/devset");
        // A news item: shots of different content, so a cut between them is plain; its stretches skip the cuts' margins.
        List<Stretch> s = RealShotSuite.stretches(dir, 40, id -> id.equals("b_taichi_news"));
        assertTrue(s.size() >= 3, "stretches: " + s);
        Profile h264 = profile("h264-crf28-bf3");
        List<Item> items = List.of(
                item(Kind.CUT, h264, s.get(0), s.get(2), 0, 0, 0),
                item(Kind.DISSOLVE, h264, s.get(1), s.get(2), 8, 0, 0),
                item(Kind.FADE, h264, s.get(0), s.get(1), 6, 2, 5),
                item(Kind.SOFT_WIPE, h264, s.get(2), s.get(0), 7, 0, 0));
        for (Item it : items) {
            byte[] out = RealShotSuite.renderRaw(it, W, H, "ab");
            byte[] a = RealShotSuite.renderRaw(it, W, H, "a");
            byte[] b = RealShotSuite.renderRaw(it, W, H, "b");
            assertEquals(it.frames(), out.length / SIZE, it.id() + " frames");
            assertEquals(it.lenA(), a.length / SIZE, it.id() + " first stretch");
            long[] g = it.gradual();
            long first = g == null ? it.cut() : g[0], last = g == null ? it.cut() - 1 : g[1];
            for (int i = 0; i < it.frames(); i++) {
                int j = i - it.offsetB();
                boolean pureA = i < it.lenA() && same(out, i, a, i);
                boolean pureB = j >= 0 && j < it.lenB() && same(out, i, b, j);
                if (i < first) {
                    assertTrue(pureA, it.id() + ": frame " + i + " before the transition is the first shot's");
                } else if (i > last) {
                    assertTrue(pureB, it.id() + ": frame " + i + " after the transition is the second shot's");
                } else {
                    assertTrue(!pureA && !pureB, it.id() + ": frame " + i + " inside " + first + ".." + last + " is a mix");
                }
            }
        }
        // Encoded as found in the wild (H.264 with B-frames; MPEG-4 Part 2 at 12 fps, 176x144): the cut on its frame.
        for (Profile p : List.of(profile("h264-crf20-bf3"), profile("mpeg4-176x144-12fps"))) {
            Item cut = item(Kind.CUT, p, s.get(0), s.get(2), 0, 0, 0);
            Path file = tmp.resolve(p.name() + ".mp4");
            RealShotSuite.render(cut, file);
            List<Long> cuts = Devset.detect(file, true).stream().map(Span::start).toList();
            assertEquals(List.of(cut.cut()), cuts, p.name() + ": detections");
        }
    }
}
