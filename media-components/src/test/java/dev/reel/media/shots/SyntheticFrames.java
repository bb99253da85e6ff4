package dev.reel.media.shots;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Builds analysis frames in memory: smooth random textures (value noise over several octaves, like
 * natural pictures), moved, blended, faded, flashed, plus sensor noise. One reused frame is handed to
 * the sink, as a decoder would.
 */
final class SyntheticFrames {
    static final int W = 256, H = 144;

    /** A large RGB texture that frames are cut out of (so pans have content to move over). */
    static final class Texture {
        final int w, h;
        final float[] r, g, b;

        Texture(long seed, int w, int h) {
            this.w = w;
            this.h = h;
            r = new float[w * h];
            g = new float[w * h];
            b = new float[w * h];
            Random rnd = new Random(seed);
            float[] base = new float[3];
            for (int c = 0; c < 3; c++) {
                base[c] = 40 + rnd.nextFloat() * 150;
            }
            for (int octave = 0, cell = 64; cell >= 4; octave++, cell /= 2) {
                float amp = 90f / (octave + 1);
                int gw = w / cell + 2, gh = h / cell + 2;
                float[][] grid = new float[3][gw * gh];
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < grid[c].length; i++) {
                        grid[c][i] = (rnd.nextFloat() - 0.5f) * amp;
                    }
                }
                for (int y = 0; y < h; y++) {
                    float fy = (float) y / cell;
                    int gy = (int) fy;
                    float ty = fy - gy;
                    for (int x = 0; x < w; x++) {
                        float fx = (float) x / cell;
                        int gx = (int) fx;
                        float tx = fx - gx;
                        for (int c = 0; c < 3; c++) {
                            float[] gr = grid[c];
                            float v = (gr[gy * gw + gx] * (1 - tx) + gr[gy * gw + gx + 1] * tx) * (1 - ty)
                                    + (gr[(gy + 1) * gw + gx] * (1 - tx) + gr[(gy + 1) * gw + gx + 1] * tx) * ty;
                            (c == 0 ? r : c == 1 ? g : b)[y * w + x] += v;
                        }
                    }
                }
            }
            for (int i = 0; i < w * h; i++) {
                r[i] += base[0];
                g[i] += base[1];
                b[i] += base[2];
            }
        }
    }

    /** What a frame shows: texture offset and mixing. */
    interface Shot {
        /** Fills rgb (float, 0..255 before clipping) for frame n. */
        void render(int n, float[] rgb);
    }

    static Shot still(Texture t, int x, int y) { return pan(t, x, y, 0, 0); }

    /** A window moving {@code dx, dy} pixels per frame (fractional: bilinear). */
    static Shot pan(Texture t, double x0, double y0, double dx, double dy) {
        return (n, out) -> {
            double ox = x0 + dx * n, oy = y0 + dy * n;
            int ix = (int) Math.floor(ox), iy = (int) Math.floor(oy);
            float fx = (float) (ox - ix), fy = (float) (oy - iy);
            for (int y = 0; y < H; y++) {
                int sy = Math.floorMod(iy + y, t.h - 1);
                for (int x = 0; x < W; x++) {
                    int sx = Math.floorMod(ix + x, t.w - 1);
                    int i = sy * t.w + sx;
                    int o = (y * W + x) * 3;
                    out[o] = bil(t.r, i, t.w, fx, fy);
                    out[o + 1] = bil(t.g, i, t.w, fx, fy);
                    out[o + 2] = bil(t.b, i, t.w, fx, fy);
                }
            }
        };
    }

    private static float bil(float[] p, int i, int w, float fx, float fy) {
        return (p[i] * (1 - fx) + p[i + 1] * fx) * (1 - fy) + (p[i + w] * (1 - fx) + p[i + w + 1] * fx) * fy;
    }

    /** A sequence of frame ranges, each rendered by a function of the absolute frame number. */
    static final class Clip {
        interface Frame { void render(int n, float[] rgb, float[] tmp); }

        final List<int[]> ranges = new ArrayList<>();
        final List<Frame> renders = new ArrayList<>();
        int length;
        double noise = 2.0;
        long seed = 7;

        Clip add(int frames, Frame f) {
            ranges.add(new int[]{length, length + frames});
            renders.add(f);
            length += frames;
            return this;
        }

        Clip shot(int frames, Shot s) { return add(frames, (n, rgb, tmp) -> s.render(n, rgb)); }

        /** Linear cross-dissolve over {@code frames} frames (all of them mixed, none pure). */
        Clip dissolve(int frames, Shot a, Shot b) {
            int start = length;
            return add(frames, (n, rgb, tmp) -> {
                float al = (n - start + 1f) / (frames + 1f);
                a.render(n, rgb);
                b.render(n, tmp);
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = rgb[i] * (1 - al) + tmp[i] * al;
                }
            });
        }

        /** Fade to ({@code out}) or from a flat colour. */
        Clip fade(int frames, Shot s, boolean out, float level) {
            int start = length;
            return add(frames, (n, rgb, tmp) -> {
                float al = (n - start + 1f) / (frames + 1f);
                float k = out ? 1 - al : al;
                s.render(n, rgb);
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = rgb[i] * k + level * (1 - k);
                }
            });
        }

        Clip flat(int frames, float level) {
            return add(frames, (n, rgb, tmp) -> java.util.Arrays.fill(rgb, level));
        }

        /** The shot with a photo flash: brighter by {@code gain} and washed out. */
        Clip flash(int frames, Shot s) {
            return add(frames, (n, rgb, tmp) -> {
                s.render(n, rgb);
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = rgb[i] * 0.5f + 190f;
                }
            });
        }

        /** Feeds every frame with pts {@code times[n]} (or n/fps when null). */
        void feed(double fps, double[] times, Consumer<AnalysisFrame> sink) {
            AnalysisFrame f = new AnalysisFrame(W, H);
            float[] rgb = new float[W * H * 3], tmp = new float[W * H * 3];
            Random noiseRnd = new Random(seed);
            byte[] out = f.rgb();
            int k = 0;
            for (int n = 0; n < length; n++) {
                while (ranges.get(k)[1] <= n) {
                    k++;
                }
                renders.get(k).render(n, rgb, tmp);
                for (int i = 0; i < rgb.length; i++) {
                    float v = rgb[i] + (float) (noiseRnd.nextGaussian() * noise);
                    out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
                f.computeLumaFromRgb().set(n, times == null ? n / fps : times[n]);
                sink.accept(f);
            }
        }

        /** Runs a detector over the clip and returns what it emitted. */
        List<Transition> detect(String detector, java.util.Map<String, String> params, double fps) {
            ShotDetector d = Detectors.create(detector, params);
            List<Transition> out = new ArrayList<>();
            d.setListener(out::add);
            feed(fps, null, d::accept);
            d.finish();
            return out;
        }
    }
}
