package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import dev.reel.samples.ClipBuilder.Codec;

/**
 * Synthetic clips with exact ground truth for shot-change detection tests and benchmarks, deterministic from a
 * seed: hard cuts between unlike and between alike content, dissolves, fades through black and white, wipes,
 * camera flashes, fast camera and object motion, static and long shots, several sizes, rates (incl. 24000/1001
 * and a variable-rate clip) and codecs.
 */
public final class SampleSuite {

    public enum Scale {
        /** Small clips of a few seconds for unit tests; the whole suite takes well under a minute. */
        SMALL,
        /** 640x360 and larger, longer and two variants of every recipe, for the accuracy benchmark. */
        BENCH
    }

    private static final Duration CLIP_TIMEOUT = Duration.ofMinutes(20);

    private SampleSuite() {
    }

    /** Generates the suite into {@code dir} (created if needed); existing files of the same names are replaced. */
    public static List<Sample> generate(Path dir, Scale scale, long seed) throws IOException {
        return generate(dir, scale, seed, name -> true);
    }

    /** Generates only the clips whose names {@code only} accepts; each clip is the same as in the full suite. */
    public static List<Sample> generate(Path dir, Scale scale, long seed, Predicate<String> only) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (ClipBuilder clip : recipes(scale, seed)) {
            if (only.test(clip.name())) {
                samples.add(clip.build(dir, CLIP_TIMEOUT));
            }
        }
        return List.copyOf(samples);
    }

    /** The truth {@link #generate} would write, computed without encoding anything. */
    public static List<Truth> plan(Scale scale, long seed) {
        return recipes(scale, seed).stream().map(c -> c.plan().truth()).toList();
    }

    // ------------------------------------------------------------------------------------------ recipes

    /** Per-scale sizes and lengths; lengths are given for SMALL and stretched for BENCH. */
    private record Spec(Scale scale, String variant) {
        boolean bench() {
            return scale == Scale.BENCH;
        }

        /** A random length in [lo, hi] frames (BENCH: 2.5 times as long). */
        int len(Random r, int lo, int hi) {
            int v = r.nextInt(lo, hi + 1);
            return bench() ? (int) Math.round(v * 2.5) : v;
        }

        int[] size(int small) {
            int[][] smallSizes = {{426, 240}, {320, 180}, {256, 144}, {352, 288}};
            int[][] benchSizes = {{640, 360}, {854, 480}, {640, 360}, {720, 576}};
            return (bench() ? benchSizes : smallSizes)[small];
        }

        String name(String base) {
            return variant.isEmpty() ? base : base + "_" + variant;
        }
    }

    private interface Recipe {
        ClipBuilder make(Spec spec, Random r, long seed);
    }

    private static List<ClipBuilder> recipes(Scale scale, long seed) {
        List<Recipe> all = List.of(SampleSuite::cutsUnlike, SampleSuite::cutsAlike, SampleSuite::dissolves,
                SampleSuite::fadesBlack, SampleSuite::fadesWhite, SampleSuite::wipes, SampleSuite::flashes,
                SampleSuite::motionPan, SampleSuite::motionZoom, SampleSuite::motionObject, SampleSuite::staticShots,
                SampleSuite::longShot, SampleSuite::vfr, SampleSuite::mixedMpeg4, SampleSuite::mixedVp9,
                SampleSuite::highRate);
        List<String> variants = scale == Scale.SMALL ? List.of("") : List.of("a", "b");
        List<ClipBuilder> clips = new ArrayList<>();
        for (String v : variants) {
            for (int i = 0; i < all.size(); i++) {
                long clipSeed = mix(seed, i, v);
                clips.add(all.get(i).make(new Spec(scale, v), new Random(clipSeed), clipSeed));
            }
        }
        return clips;
    }

    private static long mix(long seed, int recipe, String variant) {
        long h = seed * 0x9E3779B97F4A7C15L + recipe * 0xC2B2AE3D27D4EB4FL + variant.hashCode();
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }

    private static ClipBuilder clip(Spec spec, String base, int sizeIndex, Rate rate, Codec codec, long seed) {
        int[] wh = spec.size(sizeIndex);
        return new ClipBuilder(spec.name(base), wh[0], wh[1], rate, codec, seed)
                .post(Contents.logo(wh[0], wh[1]));
    }

    private static ClipBuilder cutsUnlike(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "cuts_unlike", 0, Rate.of(30), Codec.H264, seed).tags(Truth.CUT)
                .notes("hard cuts between unlike content (different sources, palettes, brightness)");
        List<Content> shots = Palette.unlike(r, spec.bench() ? 12 : 6);
        for (int i = 0; i < shots.size(); i++) {
            if (i > 0) {
                b.cut();
            }
            b.shot(shots.get(i), spec.len(r, 20, 50));
        }
        return b;
    }

    private static ClipBuilder cutsAlike(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "cuts_alike", 0, Rate.of(25), Codec.H264, seed).tags(Truth.CUT, "cut-alike")
                .notes("hard cuts between alike shots: same source and palette, similar brightness, other layout");
        int rounds = spec.bench() ? 2 : 1;
        boolean first = true;
        for (int round = 0; round < rounds; round++) {
            for (List<Content> group : List.of(Palette.alikeGradients(r, 3), Palette.alikePerlin(r, 2),
                    Palette.alikeLife(r, 2), Palette.alikeCellauto(r, 2))) {
                for (Content c : group) {
                    if (!first) {
                        b.cut();
                    }
                    first = false;
                    b.shot(c, spec.len(r, 18, 40));
                }
            }
        }
        return b;
    }

    private static ClipBuilder dissolves(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "dissolves", 1, new Rate(24000, 1001), Codec.H264, seed)
                .tags(Truth.DISSOLVE)
                .notes("cross-dissolves (xfade=fade) and one pixel dissolve (xfade=dissolve), 4 to 40 frames");
        List<Integer> lengths = new ArrayList<>(spec.bench() ? List.of(4, 6, 8, 12, 16, 24, 32, 40)
                : List.of(4, 12, 24));
        Collections.shuffle(lengths, r);
        List<Content> shots = Palette.unlike(r, lengths.size() + 2);
        b.shot(shots.get(0), spec.len(r, 20, 36));
        for (int i = 0; i < lengths.size(); i++) {
            b.dissolve(lengths.get(i)).shot(shots.get(i + 1), spec.len(r, 20, 36));
        }
        b.xfade("dissolve", Truth.DISSOLVE, 10).shot(shots.get(lengths.size() + 1), spec.len(r, 20, 36));
        return b;
    }

    private static ClipBuilder fadesBlack(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "fades_black", 1, Rate.of(30), Codec.H264, seed).tags("fade", Truth.CUT)
                .notes("fade in from black at the start, fades out/in through black of 6 to 40 frames, a cut,"
                        + " and a fade out to black at the end");
        List<Content> s = Palette.unlike(r, 5);
        b.fadeInFrom("black", 3, 8)
                .shot(s.get(0), spec.len(r, 20, 30)).fade("black", 16, 4, 12)
                .shot(s.get(1), spec.len(r, 20, 30)).cut()
                .shot(s.get(2), spec.len(r, 20, 30)).fade("black", 30, 2, 6)
                .shot(s.get(3), spec.len(r, 20, 30));
        if (spec.bench()) {
            b.fade("black", 4, 8, 40).shot(s.get(4), spec.len(r, 20, 30));
        }
        return b.fadeOutTo("black", 40, 3);
    }

    private static ClipBuilder fadesWhite(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "fades_white", 0, Rate.of(25), Codec.H264, seed).tags("fade", Truth.CUT)
                .notes("fades through white (as after a flash-bulb effect) and through black, 4 to 20 frames");
        List<Content> s = Palette.unlike(r, 5);
        b.shot(s.get(0), spec.len(r, 20, 30)).fade("white", 6, 2, 20)
                .shot(s.get(1), spec.len(r, 20, 30)).fade("white", 4, 3, 4)
                .shot(s.get(2), spec.len(r, 20, 30)).cut()
                .shot(s.get(3), spec.len(r, 20, 30)).fade("black", 10, 6, 10)
                .shot(s.get(4), spec.len(r, 20, 30));
        return b;
    }

    private static ClipBuilder wipes(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "wipes", 0, Rate.of(30), Codec.H264, seed).tags(Truth.WIPE)
                .notes("wipes, slides, covers and reveals (xfade), 8 to 24 frames");
        // only transitions whose first and last xfade frames are pure picture (checked on flat colors)
        List<String> kinds = new ArrayList<>(List.of("wipeleft", "wipeup", "slideleft", "slideright", "slidedown",
                "coverleft", "revealleft"));
        Collections.shuffle(kinds, r);
        int count = spec.bench() ? 6 : 4;
        List<Content> s = Palette.unlike(r, count + 1);
        b.shot(s.get(0), spec.len(r, 20, 30));
        for (int i = 0; i < count; i++) {
            b.xfade(kinds.get(i), Truth.WIPE, 8 + 4 * r.nextInt(5)).shot(s.get(i + 1), spec.len(r, 20, 30));
        }
        return b;
    }

    private static ClipBuilder flashes(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "flashes", 1, Rate.of(30), Codec.H264, seed).tags("flash", Truth.CUT)
                .notes("camera flashes of 1 to 3 very bright frames inside shots; none is a cut");
        List<Content> s = Palette.unlike(r, 3);
        int l0 = spec.len(r, 56, 64);
        int l1 = spec.len(r, 46, 54);
        int l2 = spec.len(r, 36, 44);
        b.shot(s.get(0), l0).flash(l0 / 3, 1).flash(2 * l0 / 3, 2).cut()
                .shot(s.get(1), l1).flash(l1 / 2, 3).cut()
                .shot(s.get(2), l2).flash(l2 / 3, 1).flash(l2 / 3 + 6, 1);
        return b;
    }

    private static ClipBuilder motionPan(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "motion_pan", 0, Rate.of(30), Codec.H264, seed).tags("motion", Truth.CUT)
                .notes("a fast pan back and forth, a cut, then a whip pan with motion blur; no cut inside either");
        int period = spec.len(r, 40, 50);
        b.shot(Palette.grained(Contents.pan(Palette.texture(r), 3, 1.3, period), r), 2 * period)
                .cut()
                .shot(Palette.grained(Contents.whip(Palette.texture(r), spec.len(r, 18, 22), spec.len(r, 7, 9)), r),
                        spec.len(r, 46, 54));
        return b;
    }

    private static ClipBuilder motionZoom(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "motion_zoom", 1, Rate.of(30), Codec.H264, seed).tags("motion", Truth.CUT)
                .notes("fast zoom in and out, hand-held shake, camera roll; cuts between them");
        int zoom = spec.len(r, 50, 60);
        int roll = spec.len(r, 40, 50);
        b.shot(Palette.grained(Contents.zoom(Palette.texture(r), 3.0, zoom), r), zoom)
                .cut()
                .shot(Palette.grained(Contents.shake(Palette.texture(r), 0.012), r), spec.len(r, 46, 54))
                .cut()
                .shot(Palette.grained(Contents.roll(Palette.texture(r), 0.3, roll), r), roll);
        return b;
    }

    private static ClipBuilder motionObject(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "motion_object", 0, Rate.of(25), Codec.H264, seed).tags("motion")
                .notes("one shot: large objects pass in front of the camera and fill the whole frame; no cut");
        int len = spec.len(r, 104, 116);
        Content bg = Palette.any(r);
        Content bright = Palette.texture(r);
        Content dark = Palette.texture(r).then("eq=brightness=-0.3:contrast=0.8");
        int cross1 = spec.len(r, 14, 18);
        int cross2 = spec.len(r, 10, 14);
        Content scene = Contents.objectPass(Contents.objectPass(bg, bright, len / 8, cross1, true),
                dark, len / 2 + len / 8, cross2, false);
        return b.shot(Palette.grained(scene, r), len);
    }

    private static ClipBuilder staticShots(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "static", 1, Rate.of(30), Codec.H264, seed).tags("static", Truth.CUT)
                .notes("still pictures with only film grain changing; cuts between them");
        List<Content> s = new ArrayList<>(List.of(Contents.still(Contents.bars(r.nextInt(360)), 0),
                Contents.mandelStill(r.nextInt(Contents.locations())),
                Contents.still(Palette.gradient(r), 5),
                Contents.still(Contents.testCard(r.nextInt(360), r.nextInt(6)), 3)));
        Collections.shuffle(s, r);
        for (int i = 0; i < s.size(); i++) {
            if (i > 0) {
                b.cut();
            }
            b.shot(s.get(i).then(Contents.grain(6, r.nextInt())), spec.len(r, 28, 45));
        }
        return b;
    }

    private static ClipBuilder longShot(Spec spec, Random r, long seed) {
        int len = spec.bench() ? 1200 : 240;
        ClipBuilder b = clip(spec, "long_shot", 2, Rate.of(30), Codec.H264, seed).tags("long")
                .notes("one long shot: slow pan over drifting content with slowly changing light; no transition");
        Content c = Contents.pan(Palette.any(r), 1.6, 1.2, len)
                .then(Contents.lightDrift(0.12, len / 2))
                .then(Contents.grain(5, r.nextInt()));
        return b.shot(c, len);
    }

    private static ClipBuilder vfr(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "vfr", 1, Rate.of(60), Codec.H264, seed).tags("vfr", Truth.CUT)
                .notes("variable frame rate: shots at 30, 15, 60 fps and 30 fps with dropped frames"
                        + " (timestamps on a 1/60 s grid); truth times are the frames' timestamps");
        List<Content> s = Palette.unlike(r, 4);
        b.shot(s.get(0), 2 * spec.len(r, 40, 50)).decimate(2, 0).cut()
                .shot(s.get(1), 4 * spec.len(r, 14, 18)).decimate(4, 0).cut()
                .shot(s.get(2), spec.len(r, 50, 70)).cut()
                .shot(s.get(3), 2 * spec.len(r, 40, 50)).decimate(2, 5);
        return b;
    }

    private static ClipBuilder mixedMpeg4(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "mixed_mpeg4", 3, Rate.of(25), Codec.MPEG4, seed)
                .tags(Truth.CUT, Truth.DISSOLVE, "fade")
                .notes("MPEG-4 part 2 at 4:3-ish size: a cut, a dissolve and a fade through black");
        List<Content> s = Palette.unlike(r, 4);
        b.shot(s.get(0), spec.len(r, 20, 30)).cut()
                .shot(s.get(1), spec.len(r, 20, 30)).dissolve(8)
                .shot(s.get(2), spec.len(r, 20, 30)).fade("black", 12, 3, 12)
                .shot(s.get(3), spec.len(r, 20, 30));
        return b;
    }

    private static ClipBuilder mixedVp9(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "mixed_vp9", 1, new Rate(30000, 1001), Codec.VP9, seed)
                .tags(Truth.CUT, Truth.WIPE, Truth.DISSOLVE)
                .notes("VP9 in WebM at 29.97 fps: a cut, a wipe and a dissolve");
        List<Content> s = Palette.unlike(r, 4);
        b.shot(s.get(0), spec.len(r, 20, 30)).cut()
                .shot(s.get(1), spec.len(r, 20, 30)).xfade("wipeleft", Truth.WIPE, 10)
                .shot(s.get(2), spec.len(r, 20, 30)).dissolve(6)
                .shot(s.get(3), spec.len(r, 20, 30));
        return b;
    }

    private static ClipBuilder highRate(Spec spec, Random r, long seed) {
        ClipBuilder b = clip(spec, "hfr60", 1, Rate.of(60), Codec.H264, seed)
                .tags(Truth.CUT, Truth.DISSOLVE, "flash", "hfr")
                .notes("60 fps: a 40-frame dissolve, a flash, short shots and cuts");
        List<Content> s = Palette.unlike(r, 4);
        int l1 = spec.len(r, 46, 54);
        b.shot(s.get(0), spec.len(r, 50, 60)).dissolve(40)
                .shot(s.get(1), l1).flash(l1 / 2, 2).cut()
                .shot(s.get(2), spec.len(r, 36, 44)).cut()
                .shot(s.get(3), spec.len(r, 46, 54));
        return b;
    }

    // ------------------------------------------------------------------------------------------ single clips

    /**
     * An H.264 clip "with real motion" for transcode benchmarks: mixed sources, camera and object motion, grain,
     * captions, a logo and a ticker, scene changes every 2 to 4 seconds. Cached by name: a second call with the
     * same arguments returns the existing file. Its truth is written beside it.
     */
    public static Path benchClip(Path dir, int width, int height, int seconds, long seed) throws IOException {
        String name = Contents.f("bench_%dx%d_%ds_%d", width, height, seconds, seed);
        Path video = dir.resolve(name + ".mp4");
        Path truth = dir.resolve(name + ".truth.json");
        if (Files.isRegularFile(video) && Files.isRegularFile(truth)) {
            return video;
        }
        Random r = new Random(seed);
        Rate rate = Rate.of(30);
        int total = seconds * 30;
        ClipBuilder b = new ClipBuilder(name, width, height, rate, Codec.H264, seed).tags("bench")
                .quality(20)
                .post(Contents.logo(width, height))
                .post(Contents.ticker(width, height, "REEL BENCHMARK CLIP   SYNTHETIC FOOTAGE   SEED " + seed))
                .notes("transcode benchmark clip; scene changes every 2 to 4 s");
        Canvas canvas = new Canvas(width, height, rate, seed);
        int used = 0;
        int shot = 0;
        while (used < total) {
            int remaining = total - used;
            if (shot > 0) {
                if (shot % 4 == 3 && remaining > 15 + 30) {
                    b.dissolve(15);
                    remaining -= 15;
                    used += 15;
                } else {
                    b.cut();
                }
            }
            int len = Math.min(r.nextInt(60, 121), remaining);
            if (remaining - len < 30) {
                len = remaining; // no stub of a shot at the end
            }
            Content c = switch (shot % 5) {
                case 1 -> Contents.pan(Palette.texture(r), 2.5, 1.2, 90);
                case 3 -> Contents.zoom(Palette.texture(r), 2.0, 120);
                default -> Palette.any(r);
            };
            c = c.then(Contents.caption("SCENE " + (shot + 1), canvas, 1.5, height * 2 / 3));
            b.shot(Palette.grained(c, r, 4), len);
            used += len;
            shot++;
        }
        return b.build(dir, Duration.ofMinutes(60)).video();
    }

    /**
     * A clip with an AAC track that is silent except for a 1 kHz beep starting exactly at frame
     * {@code beepFrame} and lasting 100 ms; during the beep a white square shows in the picture. Truth
     * ({@link AvTruth}) is written to {@code <name>.truth.json}.
     */
    public static Path avClip(Path dir, int width, int height, int fps, int seconds, int beepFrame, long seed)
            throws IOException {
        int frames = fps * seconds;
        if (beepFrame < 0 || beepFrame >= frames - fps / 10 - 1) {
            throw new IllegalArgumentException("beep frame outside the clip");
        }
        String name = Contents.f("av_%dx%d_%dfps_%ds_beep%d_%d", width, height, fps, seconds, beepFrame, seed);
        Files.createDirectories(dir);
        int sampleRate = 48000;
        long beepSample = (long) beepFrame * sampleRate / fps;
        double beepTime = (double) beepSample / sampleRate;
        int beepSamples = sampleRate / 10;
        int markerFrames = (int) Math.ceil(beepSamples * (double) fps / sampleRate);
        long totalSamples = (long) seconds * sampleRate;
        Random r = new Random(seed);
        Canvas c = new Canvas(width, height, Rate.of(fps), seed);
        int box = Canvas.even(height / 2.0);
        String graph = Palette.grained(Palette.any(r), r).graph(c, frames, "v0")
                + Contents.f(";[v0]trim=end_frame=%d,setpts=PTS-STARTPTS,drawbox=x=%d:y=%d:w=%d:h=%d:color=white"
                        + ":t=fill:enable='between(n,%d,%d)',format=yuv420p[vout];"
                        + "aevalsrc=exprs='if(between(n,%d,%d),0.5*sin(2*PI*1000*(n-%d)/%d),0)'"
                        + ":s=%d:c=mono:d=%d,atrim=end_sample=%d[aout]",
                frames, (width - box) / 2, (height - box) / 2, box, box, beepFrame, beepFrame + markerFrames - 1,
                beepSample, beepSample + beepSamples - 1, beepSample, sampleRate, sampleRate, seconds + 1,
                totalSamples);
        Path video = dir.resolve(name + ".mp4");
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".mp4.part");
        try {
            Ffmpeg.run(List.of("-y", "-filter_complex", graph, "-map", "[vout]", "-map", "[aout]",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", Integer.toString(2 * fps),
                    "-c:a", "aac", "-b:a", "128k", "-map_metadata", "-1", "-fflags", "+bitexact",
                    "-f", "mp4", tmp.toString()), CLIP_TIMEOUT);
            Files.move(tmp, video, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        new AvTruth(video.getFileName().toString(), width, height, fps, frames, seconds, sampleRate, beepFrame,
                ClipBuilder.round(Rate.of(fps).seconds(beepFrame)), beepSample, beepTime, 0.1,
                List.of(beepFrame, beepFrame + markerFrames - 1), 1000)
                .write(dir.resolve(name + ".truth.json"));
        return video;
    }

    /**
     * A clip whose picture is {@code pictureWidth x pictureHeight}, centered (on even coordinates) in a
     * {@code width x height} frame with black bars, for crop detection. The picture never gets darker than luma
     * 48 so its edges are unambiguous against a cropdetect limit of 24. Truth ({@link CropTruth}) is written to
     * {@code <name>.truth.json}.
     */
    public static Path letterboxed(Path dir, int width, int height, int pictureWidth, int pictureHeight,
                                   int seconds, long seed) throws IOException {
        if (pictureWidth > width || pictureHeight > height || pictureWidth % 2 != 0 || pictureHeight % 2 != 0) {
            throw new IllegalArgumentException("picture must be even and fit the frame");
        }
        String name = Contents.f("letterbox_%dx%d_%dx%d_%ds_%d", width, height, pictureWidth, pictureHeight,
                seconds, seed);
        int x = (width - pictureWidth) / 2 & ~1;
        int y = (height - pictureHeight) / 2 & ~1;
        Random r = new Random(seed);
        int frames = seconds * 25;
        ClipBuilder b = new ClipBuilder(name, pictureWidth, pictureHeight, Rate.of(25), Codec.H264, seed)
                .tags("letterbox")
                .post("lutyuv=y='clip(val,48,235)'")
                .post(Contents.f("pad=%d:%d:%d:%d:color=black", width, height, x, y))
                .outputSize(width, height)
                .notes(Contents.f("picture %dx%d at %d,%d", pictureWidth, pictureHeight, x, y));
        int shots = Math.max(1, seconds / 2);
        List<Content> s = Palette.unlike(r, shots);
        int used = 0;
        for (int i = 0; i < shots; i++) {
            int len = i == shots - 1 ? frames - used : frames / shots;
            if (i > 0) {
                b.cut();
            }
            b.shot(s.get(i), len);
            used += len;
        }
        Sample sample = b.build(dir, CLIP_TIMEOUT);
        new CropTruth(sample.video().getFileName().toString(), width, height, frames, 25, pictureWidth, pictureHeight,
                x, y).write(sample.truth());
        return sample.video();
    }
}
