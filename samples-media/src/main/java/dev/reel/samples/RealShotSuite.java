package dev.reel.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A real-content shot-transition suite: single-shot stretches of a hand-annotated development set's clips
 * (between its true cuts, gradual transitions and ignore spans, with margins; the trap clips' whole
 * single shots) joined in pairs by a cut, a dissolve, a fade out/in through black, a dip to black or a
 * wipe (hard or soft-edged), at lengths found in the wild, re-encoded with codecs found in the wild, and
 * the exact truth written in the development set's {@code truth.json} format (so {@link DevsetScorer}
 * and the set's reference scorer read it). Learned shot detectors are trained on such material.
 *
 * <p>Both stretches of an item come from the same half (A or B) of the set, so tuning on A-sourced items
 * and reporting on B-sourced ones stays possible. Every source frame in a stretch is kept (retimed to the
 * profile's rate), or every k-th where the profile's rate is much lower (the 12 fps home-video profile).
 * The plan is a function of the set and the seed; the bundled ffmpeg renders it ({@code trim},
 * {@code xfade}, {@code fade}, {@code tpad}, {@code concat}).
 *
 * <p>Truth (output frame numbers, 0-based in presentation order; {@code lenA} frames of the first
 * stretch): a cut at {@code lenA}; an {@code xfade} of {@code d} frames blends frames
 * {@code [lenA-d+1, lenA-1]}; a fade out over {@code d1} frames, {@code g} black frames, a fade in over
 * {@code d2} frames spans {@code [lenA-d1+1, lenA+g+d2-1]} (one entry: at most 5 black frames, the
 * set's convention).
 */
public final class RealShotSuite {
    public static final long DEFAULT_SEED = 11;
    public static final int DEFAULT_COUNT = 60;
    /** Frames kept clear of every annotated event (and its uncertainty) at a stretch's ends. */
    public static final int MARGIN = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealShotSuite() {
    }

    /** A kind of join; {@code xfade} names the ffmpeg transition where one renders it. */
    public enum Kind {
        CUT("cut", null, 0, 0),
        DISSOLVE("dissolve", "fade", 0.3, 2.0),
        FADE("fade", null, 0.5, 2.0),
        DIP("dip", "fadeblack", 0.5, 2.0),
        WIPE("wipe", "wipeleft", 0.3, 1.5),
        SOFT_WIPE("wipe-soft", "smoothleft", 0.3, 1.5);

        public final String label;
        final String xfade;
        final double minSeconds, maxSeconds;

        Kind(String label, String xfade, double minSeconds, double maxSeconds) {
            this.label = label;
            this.xfade = xfade;
            this.minSeconds = minSeconds;
            this.maxSeconds = maxSeconds;
        }
    }

    /** An output encoding found in the wild: codec options, picture size and frame rate. */
    public record Profile(String name, List<String> codec, int width, int height, int fpsNum, int fpsDen) {
        double fps() {
            return (double) fpsNum / fpsDen;
        }

        String rate() {
            return fpsNum + "/" + fpsDen;
        }
    }

    public static final List<Profile> PROFILES = List.of(
            new Profile("h264-crf20-bf3", List.of("-c:v", "libx264", "-preset", "fast", "-crf", "20", "-bf", "3"), 640, 360, 25, 1),
            new Profile("h264-crf28-bf3", List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-bf", "3"), 480, 270, 30000, 1001),
            new Profile("h264-crf35-bf2", List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "35", "-bf", "2"), 426, 240, 24000, 1001),
            new Profile("mpeg4-q5-bf2", List.of("-c:v", "mpeg4", "-q:v", "5", "-bf", "2"), 320, 240, 25, 1),
            new Profile("mpeg4-176x144-12fps", List.of("-c:v", "mpeg4", "-q:v", "8"), 176, 144, 12, 1));

    /**
     * A single-shot stretch {@code [start, end]} (inclusive source frames) of a clip; {@code thumbs}: the
     * clip's frames as 32x18 grey thumbnails (shared by its stretches), to tell look-alike pictures apart.
     */
    public record Stretch(String clip, Path media, String half, double fps, long start, long end, byte[] thumbs) {
        long length() {
            return end - start + 1;
        }

        /** Mean absolute difference (grey levels) between frame {@code f} here and frame {@code g} of {@code o}. */
        double difference(long f, Stretch o, long g) {
            long sum = 0;
            for (int i = 0; i < THUMB; i++) {
                sum += Math.abs((thumbs[(int) (f * THUMB) + i] & 0xff) - (o.thumbs[(int) (g * THUMB) + i] & 0xff));
            }
            return (double) sum / THUMB;
        }
    }

    private static final int THUMB = 32 * 18;
    /** Two pictures closer than this (mean grey levels at 32x18) are one picture: no visible join. */
    public static final double MIN_JOIN_DIFFERENCE = 6;

    /**
     * One generated clip: {@code lenA} output frames from stretch {@code a} (from source frame
     * {@code aStart}, every {@code stepA}-th), then {@code lenB} from {@code b}, joined by {@code kind}:
     * {@code d1} frames of cross transition (or fade out), {@code gap} black frames, {@code d2} fade in.
     */
    public record Item(String id, Kind kind, Profile profile, Stretch a, long aStart, int stepA, int lenA,
                       Stretch b, long bStart, int stepB, int lenB, int d1, int gap, int d2) {
        public String half() {
            return a.half();
        }

        /** Output frames in all. */
        public int frames() {
            return switch (kind) {
                case CUT -> lenA + lenB;
                case FADE -> lenA + gap + lenB;
                default -> lenA + lenB - d1;
            };
        }

        /** Output frame showing the second stretch's first frame (its frame {@code i} is output frame {@code offsetB()+i}). */
        public int offsetB() {
            return switch (kind) {
                case CUT -> lenA;
                case FADE -> lenA + gap;
                default -> lenA - d1;
            };
        }

        /** The true cut frame, or -1. */
        public long cut() {
            return kind == Kind.CUT ? lenA : -1;
        }

        /** The true gradual span {@code [s, e]}, or null for a cut. */
        public long[] gradual() {
            return switch (kind) {
                case CUT -> null;
                case FADE -> new long[] {lenA - d1 + 1, lenA + gap + d2 - 1};
                default -> new long[] {lenA - d1 + 1, lenA - 1};
            };
        }
    }

    /** The single-shot stretches of every clip of a development set, at least {@code minFrames} long. */
    public static List<Stretch> stretches(Path devset, int minFrames, Predicate<String> clips) throws IOException {
        JsonNode root = JSON.readTree(devset.resolve("truth.json").toFile());
        List<Stretch> out = new ArrayList<>();
        for (JsonNode v : root.path("videos")) {
            if (!clips.test(v.path("id").asText())) continue;
            long frames = v.path("frame_count").asLong();
            // Blocked spans: each cut frame's neighbourhood, each gradual and ignore span, widened by MARGIN.
            List<long[]> blocked = new ArrayList<>();
            for (JsonNode c : v.path("cuts")) blocked.add(new long[] {c.asLong() - 1 - MARGIN, c.asLong() + MARGIN});
            for (String k : List.of("gradual", "ignore")) {
                for (JsonNode s : v.path(k)) blocked.add(new long[] {s.get(0).asLong() - MARGIN, s.get(1).asLong() + MARGIN});
            }
            Path media = devset.resolve("media").resolve(v.path("file").asText());
            // A run of flat frames (black between fades, a white flash) is no shot: blocked as well.
            byte[] thumbs = thumbnails(media);
            boolean[] flat = flatFrames(thumbs);
            for (int f = 0; f < flat.length; f++) {
                if (flat[f]) blocked.add(new long[] {f - MARGIN, f + MARGIN});
            }
            blocked.sort((x, y) -> Long.compare(x[0], y[0]));
            long from = MARGIN; // the first frames may belong to a shot before the clip's start
            for (int i = 0; i <= blocked.size(); i++) {
                long to = i < blocked.size() ? blocked.get(i)[0] - 1 : frames - 1 - MARGIN;
                if (to - from + 1 >= minFrames) {
                    out.add(new Stretch(v.path("id").asText(), media, v.path("half").asText(), v.path("fps").asDouble(), from, to, thumbs));
                }
                if (i < blocked.size()) from = Math.max(from, blocked.get(i)[1] + 1);
            }
        }
        return out;
    }

    /** Every decoded frame as a 32x18 grey thumbnail. */
    static byte[] thumbnails(Path media) throws IOException {
        return Ffmpeg.output(List.of("-i", media.toString(), "-an", "-fps_mode", "passthrough", "-vf",
                "scale=32:18:flags=area,format=gray", "-f", "rawvideo", "-pix_fmt", "gray", "-"), Duration.ofMinutes(5));
    }

    /** Per frame: whether it is flat (luma standard deviation under 5 at 32x18). */
    static boolean[] flatFrames(byte[] raw) {
        int size = THUMB;
        boolean[] out = new boolean[raw.length / size];
        for (int f = 0; f < out.length; f++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < size; i++) {
                int y = raw[f * size + i] & 0xff;
                sum += y;
                sq += (double) y * y;
            }
            double mean = sum / size;
            out[f] = Math.sqrt(Math.max(0, sq / size - mean * mean)) < 5;
        }
        return out;
    }

    /** Plans {@code count} items from the stretches, alternating halves and cycling kinds; a function of {@code seed}. */
    public static List<Item> plan(List<Stretch> stretches, int count, long seed) {
        Random rnd = new Random(seed);
        Kind[] kinds = Kind.values();
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String half = i % 2 == 0 ? "A" : "B";
            Kind kind = kinds[(i / 2) % kinds.length];
            Profile p = PROFILES.get(rnd.nextInt(PROFILES.size()));
            double fps = p.fps();
            int d1 = 0, gap = 0, d2 = 0;
            if (kind == Kind.FADE) {
                d1 = frames(fps, 0.5 + rnd.nextDouble() * 1.0);
                d2 = frames(fps, 0.5 + rnd.nextDouble() * 1.0);
                gap = rnd.nextInt(5);
            } else if (kind != Kind.CUT) {
                d1 = frames(fps, kind.minSeconds + rnd.nextDouble() * (kind.maxSeconds - kind.minSeconds));
            }
            int pre = frames(fps, 1.0 + rnd.nextDouble() * 1.5), post = frames(fps, 1.0 + rnd.nextDouble() * 1.5);
            int lenA = pre + d1, lenB = (kind == Kind.FADE ? d2 : d1) + post;
            List<Stretch> inHalf = stretches.stream().filter(s -> s.half().equals(half)).toList();
            List<Stretch> fitA = inHalf.stream().filter(s -> s.length() >= (long) lenA * step(s, p)).toList();
            if (fitA.isEmpty()) throw new IllegalStateException("no stretch of half " + half + " holds " + lenA + " frames");
            Stretch a = fitA.get(rnd.nextInt(fitA.size()));
            // Half of the pairs join two shots of one clip (same place, palette, camera: the hard case).
            boolean sameClip = rnd.nextBoolean();
            List<Stretch> fitB = inHalf.stream().filter(s -> s != a && s.length() >= (long) lenB * step(s, p)
                    && s.clip().equals(a.clip()) == sameClip).toList();
            if (fitB.isEmpty()) {
                fitB = inHalf.stream().filter(s -> s != a && s.length() >= (long) lenB * step(s, p)).toList();
            }
            if (fitB.isEmpty()) throw new IllegalStateException("no second stretch of half " + half + " holds " + lenB + " frames");
            // A clip may come back to a shot (an ad's title still): a join of look-alike pictures is no edit.
            Stretch b = null;
            int sa = step(a, p), sb = 1;
            long aStart = a.start() + (long) (rnd.nextDouble() * (a.length() - (long) lenA * sa + 1)), bStart = 0;
            List<Stretch> anyB = inHalf.stream().filter(s -> s != a && s.length() >= (long) lenB * step(s, p)).toList();
            for (int tries = 0; tries < 50 && b == null; tries++) {
                List<Stretch> pool = tries < 10 ? fitB : anyB; // then any clip of the half
                Stretch c = pool.get(rnd.nextInt(pool.size()));
                sb = step(c, p);
                bStart = c.start() + (long) (rnd.nextDouble() * (c.length() - (long) lenB * sb + 1));
                if (a.difference(aStart + (long) (lenA - 1) * sa, c, bStart) >= MIN_JOIN_DIFFERENCE) b = c;
            }
            if (b == null) throw new IllegalStateException("no second stretch of half " + half + " differs from " + a);
            String id = String.format(Locale.ROOT, "%s_%03d_%s_%s", half, i, kind.label, p.name());
            out.add(new Item(id, kind, p, a, aStart, sa, lenA, b, bStart, sb, lenB, d1, gap, d2));
        }
        return out;
    }

    private static int frames(double fps, double seconds) {
        return Math.max(4, (int) Math.round(fps * seconds)); // a mix of <= 2 frames counts as a cut
    }

    /** Source frames per output frame: 1, or every k-th where the profile's rate is well below the source's. */
    static int step(Stretch s, Profile p) {
        return s.fps() > 1.5 * p.fps() ? (int) Math.round(s.fps() / p.fps()) : 1;
    }

    /**
     * The ffmpeg filter graph of an item (inputs 0 and 1: the two stretches' files), ending in {@code [v]};
     * {@code which}: "ab" the joined clip, "a" or "b" one stretch alone (retimed and scaled the same).
     */
    public static String filterGraph(Item it, int width, int height, String pixFmt, String which) {
        Profile p = it.profile();
        String tb = it.profile().fpsDen() + "/" + it.profile().fpsNum();
        String a = chain(0, it.aStart(), it.stepA(), it.lenA(), width, height, pixFmt, tb, p.rate());
        String b = chain(1, it.bStart(), it.stepB(), it.lenB(), width, height, pixFmt, tb, p.rate());
        if (which.equals("a")) return a + "[v]";
        if (which.equals("b")) return b + "[v]";
        String retime = "settb=" + tb + ",setpts=N";
        return switch (it.kind()) {
            case CUT -> a + "[a];" + b + "[b];[a][b]concat=n=2:v=1:a=0," + retime + "[v]";
            case FADE -> a + ",fade=t=out:start_frame=" + (it.lenA() - it.d1()) + ":nb_frames=" + it.d1()
                    + (it.gap() > 0 ? ",tpad=stop=" + it.gap() + ":color=black" : "") + "[a];"
                    + b + ",fade=t=in:start_frame=0:nb_frames=" + it.d2() + "[b];[a][b]concat=n=2:v=1:a=0," + retime + "[v]";
            default -> a + "[a];" + b + "[b];[a][b]xfade=transition=" + it.kind().xfade
                    + String.format(Locale.ROOT, ":duration=%.6f:offset=%.6f", it.d1() / p.fps(), (it.lenA() - it.d1()) / p.fps())
                    + "[v]";
        };
    }

    private static String chain(int input, long start, int step, int len, int w, int h, String pixFmt, String tb, String rate) {
        return "[" + input + ":v]trim=start_frame=" + start + ":end_frame=" + (start + (long) len * step)
                + (step > 1 ? ",select='not(mod(n," + step + "))'" : "")
                + ",settb=" + tb + ",setpts=N,fps=" + rate
                + ",scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease:force_divisible_by=2"
                + ",pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2,setsar=1,format=" + pixFmt;
    }

    private static List<String> inputs(Item it) {
        return List.of("-i", it.a().media().toString(), "-i", it.b().media().toString());
    }

    /** Renders an item encoded with its profile to {@code file} (written to a temporary name, then renamed). */
    public static void render(Item it, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part.mp4");
        List<String> args = new ArrayList<>(inputs(it));
        Profile p = it.profile();
        args.addAll(List.of("-filter_complex", filterGraph(it, p.width(), p.height(), "yuv420p", "ab"), "-map", "[v]", "-an"));
        args.addAll(p.codec());
        args.addAll(List.of("-fps_mode", "cfr", "-r", p.rate(), "-y", tmp.toString()));
        Ffmpeg.run(args, Duration.ofMinutes(5));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Renders an item (or one stretch: {@code which} "a" or "b") as raw 8-bit grey frames, {@code w x h}, unencoded. */
    public static byte[] renderRaw(Item it, int w, int h, String which) throws IOException {
        List<String> args = new ArrayList<>(inputs(it));
        args.addAll(List.of("-filter_complex", filterGraph(it, w, h, "gray", which), "-map", "[v]", "-an",
                "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-"));
        return Ffmpeg.output(args, Duration.ofMinutes(5));
    }

    /**
     * Generates the suite: {@code out/media/<id>.mp4} and {@code out/truth.json} (the development set's
     * format, plus each item's kind, profile and sources). Items already rendered with the same plan are
     * kept (the plan's description is compared).
     */
    public static List<Item> generate(Path devset, Path out, int count, long seed) throws IOException {
        List<Item> items = plan(stretches(devset, 24, id -> true), count, seed);
        Path media = out.resolve("media");
        Files.createDirectories(media);
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "Generated from single-shot stretches of " + devset.getFileName()
                + " (seed " + seed + ", " + count + " items); for development only, never to ship.");
        root.put("frame_index", "0-based index of decoded video frames in presentation order");
        ArrayNode videos = root.putArray("videos");
        Path oldTruth = out.resolve("truth.json");
        JsonNode old = Files.isRegularFile(oldTruth) ? JSON.readTree(oldTruth.toFile()) : null;
        for (Item it : items) {
            ObjectNode v = videos.addObject();
            v.put("id", it.id());
            v.put("file", it.id() + ".mp4");
            v.put("half", it.half());
            v.put("transition", it.kind().label);
            v.put("profile", it.profile().name());
            v.put("fps_fraction", it.profile().rate());
            v.put("frame_count", it.frames());
            v.put("width", it.profile().width());
            v.put("height", it.profile().height());
            v.put("sources", String.format(Locale.ROOT, "%s from %d every %d x %d; %s from %d every %d x %d; d1 %d gap %d d2 %d",
                    it.a().clip(), it.aStart(), it.stepA(), it.lenA(), it.b().clip(), it.bStart(), it.stepB(), it.lenB(),
                    it.d1(), it.gap(), it.d2()));
            ArrayNode cuts = v.putArray("cuts");
            ArrayNode gradual = v.putArray("gradual");
            v.putArray("ignore");
            if (it.cut() >= 0) cuts.add(it.cut());
            long[] g = it.gradual();
            if (g != null) gradual.addArray().add(g[0]).add(g[1]);
            Path file = media.resolve(it.id() + ".mp4");
            if (!Files.isRegularFile(file) || !sameItem(old, v)) render(it, file);
        }
        Path tmp = out.resolve("truth.json.part");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, oldTruth, StandardCopyOption.REPLACE_EXISTING);
        return items;
    }

    private static boolean sameItem(JsonNode old, JsonNode v) {
        if (old == null) return false;
        for (JsonNode o : old.path("videos")) {
            if (o.path("id").asText().equals(v.path("id").asText())) return o.equals(v);
        }
        return false;
    }

    /** {@code RealShotSuite DEVSET OUT [COUNT] [SEED]}: generates the suite. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RealShotSuite DEVSET OUT [COUNT] [SEED]");
            System.exit(2);
        }
        int count = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_COUNT;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        List<Item> items = generate(Path.of(args[0]), Path.of(args[1]), count, seed);
        System.out.println(items.size() + " clips in " + args[1]);
    }
}
