package dev.reel.media.frame;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Rational rescales and parses time bases as FFmpeg does. */
class RationalTest {
    @Test
    void rescaleRoundsLikeFfmpeg() {
        Rational ms = new Rational(1, 1000);
        Rational mp4 = new Rational(1, 12800);
        assertEquals(512, Rational.rescale(40, ms, mp4));
        assertEquals(40, Rational.rescale(512, mp4, ms));
        assertEquals(3003, Rational.rescale(1, new Rational(1001, 30000), new Rational(1, 90000)));
        assertEquals(1, Rational.rescale(1, new Rational(1, 2), new Rational(1, 1))); // half away from zero
        assertEquals(-1, Rational.rescale(-1, new Rational(1, 2), new Rational(1, 1)));
        assertEquals(Rational.NO_PTS, Rational.rescale(Rational.NO_PTS, ms, mp4));
        long big = Long.MAX_VALUE / 1000;
        assertEquals(big / 90 * 1000 / 1000, Rational.rescale(big, new Rational(1, 90000), new Rational(1, 1000)), 1);
        assertEquals(Long.MAX_VALUE / 1000 * 9, Rational.rescale(Long.MAX_VALUE / 1000, new Rational(1, 10000), new Rational(1, 90000)));
    }

    @Test
    void parseAndSeconds() {
        assertEquals(new Rational(30000, 1001), Rational.parse("30000/1001"));
        assertEquals(new Rational(25, 1), Rational.parse("25"));
        assertEquals(1.5, new Rational(1, 1000).seconds(1500));
        assertTrue(Double.isNaN(new Rational(1, 1000).seconds(Rational.NO_PTS)));
        assertFalse(new Rational(0, 0).isValid());
    }
}
