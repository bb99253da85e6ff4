package dev.reel.samples;

import java.util.Locale;

/**
 * Shot contents built from lavfi sources. Everything pseudo-random gets an explicit seed so that a clip is a pure
 * function of its recipe. Sources that are costly per pixel render at a capped size and are scaled up, which
 * keeps large benchmark clips cheap to make and still looks like video (soft detail, real motion).
 */
final class Contents {

    /** Widest render for per-pixel-costly sources (mandelbrot, gradients, perlin) before upscaling. */
    private static final int RENDER_CAP = 640;

    /** Locations worth zooming into: x, y, start scale. */
    private static final double[][] MANDEL = {
        {-0.743643887037151, 0.131825904205330, 0.012},
        {-0.101096363845622, 0.956286510809142, 0.02},
        {-1.250660000000000, 0.020120000000000, 0.008},
        {-0.745300000000000, 0.112700000000000, 0.006},
        {-1.768778833000000, -0.001738996000000, 0.02},
        {0.360240443437614, -0.641313061064803, 0.01},
    };

    static final String[] PALETTES = {"magma", "inferno", "plasma", "viridis", "turbo", "cividis", "spectral",
        "cool", "heat", "fiery", "helix"};

    static final String[] GRADIENT_TYPES = {"linear", "radial", "circular", "spiral", "square"};

    private Contents() {
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static int locations() {
        return MANDEL.length;
    }

    /** testsrc2 (bars, moving gradient strip, counters) with a hue shift and a slow camera drift. */
    static Content testCard(int hue, int phase) {
        return drift((c, n, out) -> f("testsrc2=s=%s:r=%s,hue=h=%d[%s]", c.size(), c.rate().expr(), hue, out), phase);
    }

    /** A slow camera drift over a picture 15 % larger than the frame. */
    static Content drift(Content base, int phase) {
        return (c, n, out) -> base.graph(c.scaled(1.15, 1.15), n, out + "_d")
                + f(";[%s_d]crop=%d:%d:x='(iw-ow)/2*(1+sin(n/45+%d))':y='(ih-oh)/2*(1+sin(n/61+%d))'[%s]",
                out, c.width(), c.height(), phase, phase, out);
    }

    /** A slow zoom into the Mandelbrot set at location {@code loc}. */
    static Content mandel(int loc, double zoomPerSecond) {
        return (c, n, out) -> {
            double[] l = MANDEL[Math.floorMod(loc, MANDEL.length)];
            Canvas r = capped(c);
            // the source interpolates scale geometrically from start to end over end_pts seconds
            double seconds = 60;
            double end = l[2] * Math.pow(zoomPerSecond, seconds);
            return f("mandelbrot=s=%s:r=%s:maxiter=256:start_x=%.15f:start_y=%.15f:start_scale=%.9f:end_scale=%.9f"
                            + ":end_pts=%d:outer=normalized_iteration_count%s[%s]",
                    r.size(), c.rate().expr(), l[0], l[1], l[2], end, (int) (seconds * c.rate().fps()),
                    upscale(r, c), out);
        };
    }

    /** A still (frozen) Mandelbrot view. */
    static Content mandelStill(int loc) {
        return still(mandel(loc, 1.0), 0);
    }

    /**
     * Conway's life with colored live, dead and mold cells, magnified {@code cell} times: a busy texture like
     * foliage or a crowd. The chaotic first generations are skipped and two generations blended, so the picture
     * changes about as much per frame as busy real footage does.
     */
    static Content life(String live, String dead, String mold, long seed, int cell) {
        return (c, n, out) -> f("life=s=%dx%d:r=%s:seed=%d:ratio=0.15:mold=30:life_color=%s:death_color=%s"
                        + ":mold_color=%s,trim=start_frame=40,setpts=PTS-STARTPTS,tmix=frames=2,"
                        + "scale=%d:%d:flags=neighbor[%s]",
                c.width() / cell, c.height() / cell, c.rate().expr(), seed & 0xffffffffL, live, dead, mold,
                c.width(), c.height(), out);
    }

    /**
     * The pattern of an elementary cellular automaton mapped onto two colors {@code lo..hi} (0xRRGGBB), like a
     * patterned wall, under a slow camera drift. (Scrolling it a row per frame would be far busier than video.)
     */
    static Content cellauto(int rule, int lo, int hi, long seed, int cell) {
        Content pattern = (c, n, out) -> f("cellauto=s=%dx%d:r=%s:rule=%d:random_fill_ratio=0.5:seed=%d,"
                        + "scale=%d:%d:flags=neighbor,format=rgb24,lutrgb=r='%s':g='%s':b='%s'[%s]",
                c.width() / cell, c.height() / cell, c.rate().expr(), rule, seed & 0xffffffffL, c.width(),
                c.height(), ramp(lo >> 16, hi >> 16), ramp((lo >> 8) & 255, (hi >> 8) & 255),
                ramp(lo & 255, hi & 255), out);
        return drift(still(pattern, 0), (int) (seed & 7));
    }

    /** Moving color gradients; same colors with another seed give the same palette in another layout. */
    static Content gradient(String type, String[] colors, long seed, double speed) {
        return (c, n, out) -> {
            Canvas r = capped(c);
            StringBuilder cs = new StringBuilder();
            for (int i = 0; i < colors.length; i++) {
                cs.append(f(":c%d=%s", i, colors[i]));
            }
            return f("gradients=s=%s:r=%s:type=%s:nb_colors=%d%s:seed=%d:speed=%s%s[%s]", r.size(),
                    c.rate().expr(), type, colors.length, cs, seed & 0xffffffffL, speed, upscale(r, c), out);
        };
    }

    /** Drifting Perlin clouds colored with a pseudocolor palette. */
    static Content perlin(String palette, long seed, double tscale) {
        // smooth anyway, and costly per pixel: render small and let bicubic scaling fill in
        return (c, n, out) -> {
            double pw = Math.min(c.width() / 4.0, 240);
            return f("perlin=s=%dx%d:r=%s:octaves=4:persistence=0.6:xscale=1.6:yscale=1.6:tscale=%s"
                            + ":random_mode=seed:random_seed=%d,scale=%d:%d:flags=bicubic,format=yuv420p,"
                            + "lutyuv=y='clip((val-128)*2.2+128,0,255)',pseudocolor=p=%s[%s]",
                    Canvas.even(pw), Canvas.even(pw * c.height() / (double) c.width()), c.rate().expr(), tscale,
                    seed & 0xffffffffL, c.width(), c.height(), palette, out);
        };
    }

    /** SMPTE HD bars with a small textured object moving across. */
    static Content bars(int hue) {
        return (c, n, out) -> {
            int bw = Canvas.even(c.width() / 5.0);
            int bh = Canvas.even(c.height() / 4.0);
            return f("smptehdbars=s=%s:r=%s[%s_a];testsrc2=s=%dx%d:r=%s,hue=h=%d[%s_b];"
                            + "[%s_a][%s_b]overlay=x='mod(n*%d,W+w)-w':y='H/3+H/8*sin(n/9)'[%s]",
                    c.size(), c.rate().expr(), out, bw, bh, c.rate().expr(), hue, out, out, out,
                    Math.max(1, c.width() / 60), out);
        };
    }

    /** Frame {@code at} of {@code base}, held: a perfectly still picture (grain is added separately). */
    static Content still(Content base, int at) {
        return (c, n, out) -> base.graph(c, n, out + "_s") + f(";[%s_s]trim=start_frame=%d:end_frame=%d,"
                        + "setpts=PTS-STARTPTS,loop=loop=-1:size=1,settb=%s,setpts=N,fps=%s[%s]",
                out, at, at + 1, c.rate().timeBase(), c.rate().expr(), out);
    }

    // ---- camera and object motion (each one shot, never a transition) ----

    /**
     * Fast pan back and forth over a {@code kx} x {@code ky} larger picture, one round trip per period; the
     * camera rests at whole periods, so a shot of a whole number of periods starts and ends still.
     */
    static Content pan(Content base, double kx, double ky, int periodFrames) {
        return (c, n, out) -> {
            Canvas big = c.scaled(kx, ky);
            return base.graph(big, n, out + "_b") + f(";[%s_b]crop=%d:%d:x='(iw-ow)*(0.5-0.5*cos(2*PI*n/%d))'"
                            + ":y='(ih-oh)*(0.5-0.5*cos(2*PI*n/%d))'[%s]",
                    out, c.width(), c.height(), periodFrames, periodFrames, out);
        };
    }

    /** A whip pan: still, then across three picture widths in {@code length} frames with motion blur. */
    static Content whip(Content base, int start, int length) {
        return (c, n, out) -> {
            Canvas big = c.scaled(4, 1);
            return base.graph(big, n, out + "_b")
                    + f(";[%s_b]crop=%d:%d:x='(iw-ow)*(0.5-0.5*cos(PI*clip((n-%d)/%d,0,1)))':y=0,tmix=frames=3[%s]",
                    out, c.width(), c.height(), start, length, out);
        };
    }

    /** Zooming in to {@code maxZoom} and back out once per period, at rest at whole periods. */
    static Content zoom(Content base, double maxZoom, int periodFrames) {
        return (c, n, out) -> {
            Canvas big = c.scaled(1.5, 1.5);
            return base.graph(big, n, out + "_b") + f(";[%s_b]zoompan=z='1+%s*(0.5-0.5*cos(2*PI*on/%d))'"
                            + ":x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=%s:fps=%s[%s]",
                    out, maxZoom - 1, periodFrames, c.size(), c.rate().expr(), out);
        };
    }

    /** Hand-held camera shake with a little roll. */
    static Content shake(Content base, double amplitude) {
        return (c, n, out) -> {
            Canvas big = c.scaled(1.3, 1.3);
            double a = amplitude * c.width();
            return base.graph(big, n, out + "_b") + f(";[%s_b]rotate=a='0.01*sin(n*0.9)+0.005*sin(n*2.3)',"
                            + "crop=%d:%d:x='(iw-ow)/2+%s*sin(n*1.1)+%s*sin(n*2.9)':y='(ih-oh)/2+%s*sin(n*1.3+1)'[%s]",
                    out, c.width(), c.height(), a, a / 2, a / 2, out);
        };
    }

    /** Camera roll to {@code radians} and back once per period, at rest at whole periods. */
    static Content roll(Content base, double radians, int periodFrames) {
        return (c, n, out) -> {
            Canvas big = c.scaled(1.9, 1.9);
            return base.graph(big, n, out + "_b") + f(";[%s_b]rotate=a='%s*(0.5-0.5*cos(2*PI*n/%d))',crop=%d:%d[%s]",
                    out, radians, periodFrames, c.width(), c.height(), out);
        };
    }

    /**
     * A large object (1.5 frame widths, {@code obj}) passing in front of the camera: it enters at frame
     * {@code start}, covers the whole frame for a few frames and leaves {@code cross} frames later.
     */
    static Content objectPass(Content bg, Content obj, int start, int cross, boolean fromRight) {
        return (c, n, out) -> {
            Canvas oc = new Canvas(Canvas.even(c.width() * 1.5), Canvas.even(c.height() * 1.1), c.rate(), c.seed());
            double v = (double) (c.width() + oc.width()) / cross;
            String x = fromRight ? f("W-(n-%d)*%s", start, v) : f("(n-%d)*%s-w", start, v);
            return bg.graph(c, n, out + "_bg") + ";" + obj.graph(oc, n, out + "_ob")
                    + f(";[%s_bg][%s_ob]overlay=x='if(between(n,%d,%d),%s,-w-8)':y='(H-h)/2+H/30*sin(n/5)'[%s]",
                    out, out, start, start + cross, x, out);
        };
    }

    // ---- decorations ----

    /** Temporal film grain; the seed keeps it reproducible. */
    static String grain(int strength, long seed) {
        return f("format=yuv420p,noise=alls=%d:allf=t+u:all_seed=%d", strength, seed & 0x7fffffffL);
    }

    /** Slow lighting change (clouds passing): brightness drifts by up to {@code amount} over a period. */
    static String lightDrift(double amount, int periodFrames) {
        return f("eq=brightness='%s*sin(2*PI*n/%d)':eval=frame", amount, periodFrames);
    }

    /** A caption (text when a font is available, else a plain box) that moves {@code speed} px per frame. */
    static String caption(String text, Canvas c, double speed, int y) {
        int size = Math.max(10, c.height() / 9);
        return Fonts.drawtextFontOption()
                .map(font -> f("drawtext=%s:text='%s':fontsize=%d:fontcolor=white:borderw=2:bordercolor=black"
                        + ":x='%d+n*%s':y=%d", font, text, size, c.width() / 12, speed, y))
                .orElse(f("drawbox=x=%d:y=%d:w=%d:h=%d:color=white@0.8:t=fill", c.width() / 12, y,
                        size * text.length() / 2, size));
    }

    /** A station logo that stays in place over every shot, as on broadcast TV. */
    static String logo(int width, int height) {
        int size = Math.max(10, height / 12);
        return Fonts.drawtextFontOption()
                .map(font -> f("drawtext=%s:text='REEL':fontsize=%d:fontcolor=white@0.7:x=w-tw-%d:y=%d", font,
                        size, width / 30, height / 20))
                .orElse(f("drawbox=x=%d:y=%d:w=%d:h=%d:color=white@0.6:t=fill", width - width / 30 - 2 * size,
                        height / 20, 2 * size, size));
    }

    /** A news ticker crawling along the bottom across all shots. */
    static String ticker(int width, int height, String text) {
        int size = Math.max(10, height / 14);
        return Fonts.drawtextFontOption()
                .map(font -> f("drawtext=%s:text='%s':fontsize=%d:fontcolor=white:box=1:boxcolor=black@0.6"
                                + ":boxborderw=4:x='w-mod(n*%d,w+tw)':y=h-th-%d", font, text, size,
                        Math.max(1, width / 160), height / 30))
                .orElse(f("drawbox=x=0:y=%d:w=iw:h=%d:color=black@0.6:t=fill", height - size - height / 30,
                        size));
    }

    private static Canvas capped(Canvas c) {
        if (c.width() <= RENDER_CAP) {
            return c;
        }
        double k = (double) RENDER_CAP / c.width();
        return c.scaled(k, k);
    }

    private static String upscale(Canvas render, Canvas target) {
        return render.equals(target) ? "" : f(",scale=%d:%d:flags=bicubic", target.width(), target.height());
    }

    private static String ramp(int lo, int hi) {
        return f("%d+%d*val/255", lo, hi - lo);
    }
}
