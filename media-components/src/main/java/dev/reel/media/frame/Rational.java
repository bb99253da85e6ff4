package dev.reel.media.frame;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * An exact fraction, as FFmpeg's {@code AVRational}: time bases, frame rates, aspect ratios.
 * {@code 0/0} and {@code 0/1} mean "unknown" where FFmpeg uses them that way.
 */
public record Rational(int num, int den) {
    /** AV_NOPTS_VALUE: FFmpeg's "no timestamp". */
    public static final long NO_PTS = Long.MIN_VALUE;
    public static final Rational MICROS = new Rational(1, 1_000_000);
    public static final Rational UNKNOWN = new Rational(0, 1);

    public static Rational of(AVRational r) {
        return r == null || r.isNull() ? UNKNOWN : new Rational(r.num(), r.den());
    }

    public static Rational of(int num, int den) {
        return new Rational(num, den);
    }

    /** Parses {@code "30000/1001"}, {@code "25"} or {@code "29.97"} (decimal kept to 1/1000). */
    public static Rational parse(String s) {
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return new Rational(Integer.parseInt(s.substring(0, slash).trim()), Integer.parseInt(s.substring(slash + 1).trim()));
        }
        if (s.contains(".")) {
            return new Rational((int) Math.round(Double.parseDouble(s) * 1000), 1000);
        }
        return new Rational(Integer.parseInt(s.trim()), 1);
    }

    public boolean isValid() {
        return num != 0 && den > 0;
    }

    public double toDouble() {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    public Rational invert() {
        return new Rational(den, num);
    }

    /** Writes this value into an FFmpeg struct (used by value or by reference). */
    public AVRational copyTo(AVRational dst) {
        return dst.num(num).den(den);
    }

    /** Seconds for {@code ticks} in this time base; NaN for {@link #NO_PTS}. */
    public double seconds(long ticks) {
        return ticks == NO_PTS || den == 0 ? Double.NaN : (double) ticks * num / den;
    }

    /** Ticks of this time base for {@code seconds}, rounded to nearest. */
    public long ticks(double seconds) {
        return Math.round(seconds * den / num);
    }

    /**
     * {@code v * from / to}, rounded to nearest with halves away from zero, exactly like
     * {@code av_rescale_q}; {@link #NO_PTS} passes through. Overflow-safe, allocation-free in the
     * common case.
     */
    public static long rescale(long v, Rational from, Rational to) {
        if (v == NO_PTS || from.equals(to)) {
            return v;
        }
        long b = (long) from.num * to.den;
        long c = (long) from.den * to.num;
        if (c == 0) {
            return NO_PTS;
        }
        if (c < 0) {
            b = -b;
            c = -c;
        }
        long hi = Math.multiplyHigh(v, b);
        long lo = v * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            long q = lo / c;
            long r = lo % c;
            if (Math.abs(r) * 2 >= c) {
                q += lo < 0 ? -1 : 1;
            }
            return q;
        }
        return new BigDecimal(BigInteger.valueOf(v).multiply(BigInteger.valueOf(b)))
                .divide(new BigDecimal(c), 0, RoundingMode.HALF_UP).longValue();
    }

    @Override
    public String toString() {
        return num + "/" + den;
    }
}
