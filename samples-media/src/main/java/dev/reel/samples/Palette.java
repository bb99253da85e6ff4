package dev.reel.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but reproducible choices of shot content: unlike sequences, alike groups and textures for motion. */
final class Palette {

    private static final String[][] GRADIENT_COLORS = {
        {"0x1f3b73", "0xe0a030", "0x30c0a0", "0xf0e0d0"},
        {"0x602040", "0xf07050", "0xffd080"},
        {"0x103020", "0x50a040", "0xc0e070", "0x205060"},
        {"0x202060", "0x8040c0", "0xe080f0", "0x40c0e0", "0x101010"},
        {"0x703000", "0xd08020", "0x3060a0"},
    };

    /** live, dead, mold colors. */
    private static final String[][] LIFE_COLORS = {
        {"0xffcc55", "0x203060", "0x406020"},
        {"0xf0f0f0", "0x402020", "0xa04030"},
        {"0x40ff80", "0x101818", "0x205080"},
        {"0xff60a0", "0x302010", "0x806020"},
    };

    /** lo, hi colors for cellular automata. */
    private static final int[][] CELL_COLORS = {
        {0x101830, 0xe0c080}, {0x302010, 0x80e0ff}, {0x400818, 0xf0a0a0}, {0x081808, 0xa0f070},
    };

    private static final int[] RULES = {30, 45, 73, 90, 105, 110, 150, 182};

    private enum Kind { TESTCARD, MANDEL, LIFE, CELLAUTO, GRADIENT, PERLIN, BARS }

    private Palette() {
    }

    /** {@code n} shots of mutually unlike content (no two neighbours from the same source), with grain. */
    static List<Content> unlike(Random r, int n) {
        List<Content> out = new ArrayList<>();
        List<Kind> bag = new ArrayList<>();
        Kind previous = null;
        while (out.size() < n) {
            if (bag.isEmpty()) {
                bag.addAll(List.of(Kind.values()));
                java.util.Collections.shuffle(bag, r);
            }
            Kind k = bag.remove(0);
            if (k == previous && !bag.isEmpty()) {
                bag.add(k);
                k = bag.remove(0);
            }
            previous = k;
            out.add(grained(of(k, r), r));
        }
        return out;
    }

    static Content any(Random r) {
        return of(Kind.values()[r.nextInt(Kind.values().length)], r);
    }

    /** Content with fine detail everywhere, so camera motion shows. */
    static Content texture(Random r) {
        Kind[] detailed = {Kind.TESTCARD, Kind.MANDEL, Kind.CELLAUTO, Kind.LIFE};
        return of(detailed[r.nextInt(detailed.length)], r);
    }

    static Content gradient(Random r) {
        return of(Kind.GRADIENT, r);
    }

    static Content grained(Content c, Random r) {
        return grained(c, r, 8);
    }

    /** Film grain of random strength up to {@code max} (grain is what costs encoders most bits). */
    static Content grained(Content c, Random r, int max) {
        return c.then(Contents.grain(r.nextInt(Math.min(3, max), max + 1), r.nextLong()));
    }

    /** Same colors and gradient type, other seeds: same palette and brightness, another layout. */
    static List<Content> alikeGradients(Random r, int n) {
        String[] colors = GRADIENT_COLORS[r.nextInt(GRADIENT_COLORS.length)];
        String type = Contents.GRADIENT_TYPES[r.nextInt(Contents.GRADIENT_TYPES.length)];
        List<Content> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(grained(Contents.gradient(type, colors, r.nextInt(1 << 30), 0.02), r));
        }
        return out;
    }

    static List<Content> alikePerlin(Random r, int n) {
        String palette = Contents.PALETTES[r.nextInt(Contents.PALETTES.length)];
        List<Content> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(grained(Contents.perlin(palette, r.nextInt(1 << 30), 0.6), r));
        }
        return out;
    }

    static List<Content> alikeLife(Random r, int n) {
        String[] colors = LIFE_COLORS[r.nextInt(LIFE_COLORS.length)];
        int cell = 2 + r.nextInt(2);
        List<Content> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(grained(Contents.life(colors[0], colors[1], colors[2], r.nextInt(1 << 30), cell), r));
        }
        return out;
    }

    static List<Content> alikeCellauto(Random r, int n) {
        int[] colors = CELL_COLORS[r.nextInt(CELL_COLORS.length)];
        int cell = 2 + r.nextInt(2);
        List<Content> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(grained(Contents.cellauto(RULES[r.nextInt(RULES.length)], colors[0], colors[1],
                    r.nextInt(1 << 30), cell), r));
        }
        return out;
    }

    private static Content of(Kind k, Random r) {
        return switch (k) {
            case TESTCARD -> Contents.testCard(r.nextInt(360), r.nextInt(6));
            case MANDEL -> Contents.mandel(r.nextInt(Contents.locations()), 0.97 + 0.02 * r.nextDouble());
            case LIFE -> {
                String[] c = LIFE_COLORS[r.nextInt(LIFE_COLORS.length)];
                yield Contents.life(c[0], c[1], c[2], r.nextInt(1 << 30), 2 + r.nextInt(2));
            }
            case CELLAUTO -> {
                int[] c = CELL_COLORS[r.nextInt(CELL_COLORS.length)];
                yield Contents.cellauto(RULES[r.nextInt(RULES.length)], c[0], c[1], r.nextInt(1 << 30),
                        2 + r.nextInt(2));
            }
            case GRADIENT -> Contents.gradient(Contents.GRADIENT_TYPES[r.nextInt(Contents.GRADIENT_TYPES.length)],
                    GRADIENT_COLORS[r.nextInt(GRADIENT_COLORS.length)], r.nextInt(1 << 30),
                    0.01 + 0.03 * r.nextDouble());
            case PERLIN -> Contents.perlin(Contents.PALETTES[r.nextInt(Contents.PALETTES.length)],
                    r.nextInt(1 << 30), 0.3 + 0.6 * r.nextDouble());
            case BARS -> Contents.bars(r.nextInt(360));
        };
    }
}
