package dev.reel.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one clip as a single ffmpeg filtergraph and derives its exact truth from the construction.
 *
 * <p>A clip is a sequence of shots joined by cuts ({@code concat}), xfade transitions or fades through a color.
 * Each shot is declared by its <em>visible</em> length (frames showing only that shot); the builder lengthens the
 * shot's segment by what its transitions consume, using the frame semantics of FFmpeg 8 (checked by the exact
 * tests on flat colors):
 * <ul>
 *   <li>{@code xfade} with duration {@code d} frames at offset {@code O}: output frame {@code O} is pure A,
 *       {@code O+1 .. O+d-1} are mixed, {@code O+d} shows B's frame {@code d}; so {@code L} mixed frames need
 *       {@code d = L+1}, and the output has {@code O + len(B)} frames.</li>
 *   <li>{@code fade} with {@code start_frame=S:nb_frames=N}: frame {@code S} is untouched (fade-out) or fully
 *       colored (fade-in), {@code S+1 .. S+N-1} are mixed, {@code S+N} is the end state.</li>
 * </ul>
 * Optional decimation (for a variable-frame-rate clip) drops frames by a per-shot pattern after composition;
 * the kept frames keep their timestamps.
 */
final class ClipBuilder {

    enum Codec {
        H264("h264", "mp4", "mp4"),
        MPEG4("mpeg4", "mp4", "mp4"),
        VP9("vp9", "webm", "webm"),
        /** Lossless, for exact tests of the construction. */
        FFV1("ffv1", "mkv", "matroska");

        final String name;
        final String extension;
        final String muxer;

        Codec(String name, String extension, String muxer) {
            this.name = name;
            this.extension = extension;
            this.muxer = muxer;
        }
    }

    private sealed interface Join permits CutJoin, XfadeJoin, FadeJoin {
    }

    private record CutJoin() implements Join {
    }

    /** {@code mixed} frames of an xfade {@code transition}, reported as {@code type}. */
    private record XfadeJoin(String transition, String type, int mixed) implements Join {
    }

    /** Fade out to {@code color} over {@code out} frames, hold it {@code hold} frames, fade in over {@code in}. */
    private record FadeJoin(String color, int out, int hold, int in) implements Join {
    }

    private record Flash(int at, int length) {
    }

    private static final class Shot {
        final Content content;
        final int visible;
        final List<Flash> flashes = new ArrayList<>();
        /** Keep every {@code step}-th frame, and also drop one in {@code jitter} (0 = none); VFR only. */
        int step = 1;
        int jitter;

        Shot(Content content, int visible) {
            this.content = content;
            this.visible = visible;
        }
    }

    /** Share of the picture left in each frame of a flash; the rest is white. */
    private static final double[] FLASH_KEEP = {0.15, 0.3, 0.4};

    private final String name;
    private final Canvas canvas;
    private final Codec codec;
    private final List<Shot> shots = new ArrayList<>();
    private final List<Join> joins = new ArrayList<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final List<String> post = new ArrayList<>();
    private FadeJoin leadIn;
    private FadeJoin tailOut;
    private boolean decimate;
    private int outWidth;
    private int outHeight;
    private String notes = "";
    private int crf = 20;

    ClipBuilder(String name, int width, int height, Rate rate, Codec codec, long seed) {
        this.name = name;
        this.canvas = new Canvas(width, height, rate, seed);
        this.codec = codec;
        this.outWidth = width;
        this.outHeight = height;
        tags.add(codec.name);
    }

    String name() {
        return name;
    }

    Canvas canvas() {
        return canvas;
    }

    ClipBuilder tags(String... more) {
        tags.addAll(List.of(more));
        return this;
    }

    ClipBuilder notes(String text) {
        this.notes = text;
        return this;
    }

    ClipBuilder quality(int crf) {
        this.crf = crf;
        return this;
    }

    /** A filter chain applied to the composed clip (logo, ticker, padding). */
    ClipBuilder post(String filters) {
        post.add(filters);
        return this;
    }

    /** The encoded size when {@link #post} changes it (e.g. padding for letterbox). */
    ClipBuilder outputSize(int width, int height) {
        this.outWidth = width;
        this.outHeight = height;
        return this;
    }

    ClipBuilder fadeInFrom(String color, int hold, int mixed) {
        if (!shots.isEmpty()) {
            throw new IllegalStateException("fadeInFrom must come before the first shot");
        }
        requirePositive(hold, mixed);
        leadIn = new FadeJoin(color, 0, hold, mixed);
        return this;
    }

    ClipBuilder fadeOutTo(String color, int mixed, int hold) {
        requireShot();
        requirePositive(hold, mixed);
        tailOut = new FadeJoin(color, mixed, hold, 0);
        return this;
    }

    ClipBuilder shot(Content content, int visibleFrames) {
        if (shots.size() != joins.size()) {
            throw new IllegalStateException("join shots with cut(), xfade() or fade() first");
        }
        if (tailOut != null) {
            throw new IllegalStateException("no shot after fadeOutTo");
        }
        if (visibleFrames < 1) {
            throw new IllegalArgumentException("a shot needs at least one visible frame");
        }
        shots.add(new Shot(content, visibleFrames));
        return this;
    }

    /** Brightens {@code length} frames of the last shot, starting {@code at} frames into its visible part. */
    ClipBuilder flash(int at, int length) {
        Shot s = requireShot();
        if (at < 0 || length < 1 || at + length > s.visible) {
            throw new IllegalArgumentException("flash outside the shot");
        }
        s.flashes.add(new Flash(at, length));
        return this;
    }

    ClipBuilder cut() {
        return join(new CutJoin());
    }

    ClipBuilder dissolve(int mixed) {
        return xfade("fade", Truth.DISSOLVE, mixed);
    }

    ClipBuilder xfade(String transition, String type, int mixed) {
        requirePositive(mixed);
        return join(new XfadeJoin(transition, type, mixed));
    }

    ClipBuilder fade(String color, int out, int hold, int in) {
        if (hold < 2) {
            throw new IllegalArgumentException("a fade through a color holds it at least 2 frames");
        }
        requirePositive(out, in);
        return join(new FadeJoin(color, out, hold, in));
    }

    /**
     * Makes the clip variable-frame-rate: the last shot keeps every {@code step}-th frame, and of those drops one
     * in {@code jitter} (0 = none).
     */
    ClipBuilder decimate(int step, int jitter) {
        Shot s = requireShot();
        if (step < 1 || (jitter != 0 && jitter < 3)) {
            throw new IllegalArgumentException("bad decimation");
        }
        s.step = step;
        s.jitter = jitter;
        decimate = true;
        return this;
    }

    private ClipBuilder join(Join j) {
        requireShot();
        if (joins.size() != shots.size() - 1) {
            throw new IllegalStateException("two joins in a row");
        }
        joins.add(j);
        return this;
    }

    private Shot requireShot() {
        if (shots.isEmpty()) {
            throw new IllegalStateException("no shot yet");
        }
        return shots.get(shots.size() - 1);
    }

    private static void requirePositive(int... values) {
        for (int v : values) {
            if (v < 1) {
                throw new IllegalArgumentException("must be positive: " + v);
            }
        }
    }

    /** The filtergraph and the truth it yields; pure, so truth can be planned without encoding. */
    record Plan(String filterGraph, Truth truth, String fileName) {
    }

    Plan plan() {
        if (shots.isEmpty() || joins.size() != shots.size() - 1) {
            throw new IllegalStateException("clip must start and end with a shot");
        }
        if (decimate && joins.stream().anyMatch(j -> !(j instanceof CutJoin))) {
            throw new IllegalStateException("decimated (VFR) clips support cuts only");
        }
        Rate rate = canvas.rate();
        int n = shots.size();
        int[] lead = new int[n];
        int[] trail = new int[n];
        int[] raw = new int[n];
        for (int i = 0; i < n; i++) {
            Join before = before(i);
            Join after = after(i);
            if (before instanceof XfadeJoin x) {
                lead[i] = x.mixed + 1;
            } else if (before instanceof FadeJoin f) {
                lead[i] = holdIn(i) + f.in;
            }
            if (after instanceof XfadeJoin x) {
                trail[i] = x.mixed;
            } else if (after instanceof FadeJoin f) {
                trail[i] = f.out + holdOut(i);
            }
            raw[i] = lead[i] + shots.get(i).visible + trail[i];
        }

        StringBuilder g = new StringBuilder();
        List<int[]> visible = new ArrayList<>(); // [first, last] output frames per shot
        List<Truth.Transition> transitions = new ArrayList<>(); // frame numbers in composed (pre-decimation) order
        List<Integer> flashes = new ArrayList<>();
        String tb = rate.timeBase();

        for (int i = 0; i < n; i++) {
            Shot s = shots.get(i);
            g.append(s.content.graph(canvas, raw[i], "c" + i)).append(";\n");
            g.append("[c").append(i).append("]trim=end_frame=").append(raw[i]).append(",setpts=PTS-STARTPTS");
            for (Flash fl : s.flashes) {
                for (int k = 0; k < fl.length; k++) {
                    // washed out towards white (luma 235), strongest first: a camera flash, not a scene change
                    double keep = FLASH_KEEP[Math.min(k, FLASH_KEEP.length - 1)];
                    int lift = (int) Math.round(235 * (1 - keep));
                    g.append(Contents.f(",lutyuv=y='val*%s+%d':u='(val-128)*%s+128':v='(val-128)*%s+128'"
                            + ":enable='eq(n,%d)'", keep, lift, keep, keep, lead[i] + fl.at + k));
                }
            }
            if (before(i) instanceof FadeJoin f) {
                g.append(Contents.f(",fade=t=in:start_frame=%d:nb_frames=%d:color=%s", holdIn(i) - 1, f.in + 1,
                        f.color));
            }
            if (after(i) instanceof FadeJoin f) {
                g.append(Contents.f(",fade=t=out:start_frame=%d:nb_frames=%d:color=%s",
                        lead[i] + s.visible - 1, f.out + 1, f.color));
            }
            // one pixel format, aspect and time base everywhere, as concat and xfade require
            g.append(",format=yuv420p,setsar=1,settb=").append(tb).append(",setpts=PTS-STARTPTS[s").append(i)
                    .append("];\n");
        }

        String cur = "s0";
        int curLen = raw[0];
        int start = lead[0];
        if (leadIn != null) {
            transitions.add(gradual(Truth.FADE_IN, 0, lead[0] - 1));
        }
        for (int i = 0; i < n; i++) {
            Shot s = shots.get(i);
            int last = start + s.visible - 1;
            visible.add(new int[] {start, last});
            for (Flash fl : s.flashes) {
                for (int k = 0; k < fl.length; k++) {
                    flashes.add(start + fl.at + k);
                }
            }
            if (i == n - 1) {
                if (tailOut != null) {
                    transitions.add(gradual(Truth.FADE_OUT, last + 1, curLen - 1));
                }
                break;
            }
            Join j = joins.get(i);
            String next = "s" + (i + 1);
            String joined = "j" + i;
            if (j instanceof XfadeJoin x) {
                int d = x.mixed + 1;
                int offset = curLen - d;
                g.append(Contents.f("[%s][%s]xfade=transition=%s:duration=%s:offset=%s[%s];\n", cur, next,
                        x.transition, rate.duration(d), rate.duration(offset), joined));
                transitions.add(gradual(x.type, last + 1, last + x.mixed));
                curLen = offset + raw[i + 1];
                start = offset + d;
            } else {
                g.append(Contents.f("[%s][%s]concat=n=2:v=1:a=0,settb=%s[%s];\n", cur, next, tb, joined));
                if (j instanceof FadeJoin f) {
                    transitions.add(gradual(Truth.FADE_OUT, last + 1, curLen - 1));
                    transitions.add(gradual(Truth.FADE_IN, curLen, curLen + lead[i + 1] - 1));
                } else {
                    transitions.add(Truth.Transition.cut(curLen, 0));
                }
                start = curLen + lead[i + 1];
                curLen += raw[i + 1];
            }
            cur = joined;
        }
        int composed = curLen;

        // Variable frame rate: keep a per-shot pattern of frames, timestamps unchanged.
        int[] keptIndex = new int[composed]; // composed frame -> output frame, or -1 when dropped
        List<Integer> kept = new ArrayList<>();
        StringBuilder select = new StringBuilder();
        if (decimate) {
            int closing = 0;
            for (int i = 0; i < n; i++) {
                Shot s = shots.get(i);
                int[] v = visible.get(i);
                String keep = Contents.f("not(mod(n-%d,%d))", v[0], s.step)
                        + (s.jitter > 0 ? Contents.f("*not(eq(mod(n-%d,%d),%d))", v[0], s.jitter * s.step,
                        (s.jitter - 1) * s.step) : "");
                if (i < n - 1) {
                    select.append(Contents.f("if(lt(n,%d),%s,", visible.get(i + 1)[0], keep));
                    closing++;
                } else {
                    select.append(keep);
                }
            }
            select.append(")".repeat(closing));
        }
        for (int k = 0; k < composed; k++) {
            boolean keep = true;
            if (decimate) {
                int i = shotAt(visible, k);
                Shot s = shots.get(i);
                int r = k - visible.get(i)[0];
                keep = r % s.step == 0 && !(s.jitter > 0 && r % (s.jitter * s.step) == (s.jitter - 1) * s.step);
            }
            keptIndex[k] = keep ? kept.size() : -1;
            if (keep) {
                kept.add(k);
            }
        }
        int frames = kept.size();
        double[] time = new double[frames];
        for (int k = 0; k < frames; k++) {
            time[k] = round(rate.seconds(kept.get(k)));
        }
        // A frame lasts until the next one; the last one as long as its shot's frame spacing.
        int lastStep = decimate ? shots.get(n - 1).step : 1;
        double duration = round(rate.seconds(kept.get(frames - 1) + (long) lastStep));

        List<Truth.Shot> truthShots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = firstKept(keptIndex, visible.get(i)[0], visible.get(i)[1]);
            int b = lastKept(keptIndex, visible.get(i)[0], visible.get(i)[1]);
            double end = b + 1 < frames ? time[b + 1] : duration;
            truthShots.add(new Truth.Shot(i + 1, a, b, time[a], end));
        }
        List<Truth.Transition> truthTransitions = new ArrayList<>();
        for (Truth.Transition t : transitions) {
            if (t.isCut()) {
                int f = keptIndex[t.frame()];
                if (f < 0) {
                    throw new AssertionError("decimation dropped a cut frame");
                }
                truthTransitions.add(Truth.Transition.cut(f, time[f]));
            } else {
                int a = firstKept(keptIndex, t.startFrame(), t.endFrame());
                int b = lastKept(keptIndex, t.startFrame(), t.endFrame());
                truthTransitions.add(Truth.Transition.gradual(t.type(), a, b, time[a], time[b]));
            }
        }
        List<Integer> truthFlashes = new ArrayList<>();
        for (int f : flashes) {
            if (keptIndex[f] >= 0) {
                truthFlashes.add(keptIndex[f]);
            }
        }

        g.append('[').append(cur).append(']');
        List<String> tail = new ArrayList<>(post);
        if (decimate) {
            tail.add("select='" + select + "'");
        }
        tail.add("format=yuv420p");
        g.append(String.join(",", tail)).append("[out]");

        String fileName = name + "." + codec.extension;
        double fps = decimate ? round(frames / duration) : rate.fps();
        Truth.Video video = new Truth.Video(outWidth, outHeight, fps, frames, duration,
                decimate ? "vfr" : rate.expr(), decimate, codec.name);
        Truth truth = new Truth(fileName, video, List.copyOf(tags), truthShots, truthTransitions, truthFlashes,
                notes.isEmpty() ? null : notes);
        return new Plan(g.toString(), truth, fileName);
    }

    /**
     * Encodes the clip into {@code dir} (written under a temporary name, then moved, so a half-written file is
     * never taken for a finished one) and writes {@code <name>.truth.json} beside it.
     */
    Sample build(Path dir, Duration timeout) throws IOException {
        Plan plan = plan();
        Files.createDirectories(dir);
        Path video = dir.resolve(plan.fileName());
        // unique temporary names: two processes making the same clip must not write into one file
        Path tmp = Files.createTempFile(dir, "." + name + ".", "." + codec.extension + ".part");
        Path graph = Files.createTempFile(dir, "." + name + ".", ".filtergraph.part");
        Files.writeString(graph, plan.filterGraph());
        List<String> args = new ArrayList<>(List.of("-y", "-/filter_complex", graph.toString(),
                "-map", "[out]", "-an"));
        args.addAll(encoderArgs());
        if (decimate) {
            // keep the decimated timestamps as they are: no duplicating or dropping to a constant rate
            args.addAll(List.of("-fps_mode", "passthrough", "-enc_time_base", canvas.rate().timeBase()));
        }
        args.addAll(List.of("-map_metadata", "-1", "-fflags", "+bitexact", "-f", codec.muxer, tmp.toString()));
        try {
            Ffmpeg.run(args, timeout);
            Files.move(tmp, video, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(graph);
        }
        Path truthFile = dir.resolve(name + ".truth.json");
        plan.truth().write(truthFile);
        return new Sample(name, video, truthFile, new LinkedHashSet<>(plan.truth().tags()));
    }

    private List<String> encoderArgs() {
        int gop = (int) Math.round(canvas.rate().fps() * 2);
        return switch (codec) {
            case H264 -> List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", Integer.toString(crf),
                    "-pix_fmt", "yuv420p", "-g", Integer.toString(gop));
            case MPEG4 -> List.of("-c:v", "mpeg4", "-q:v", "4", "-pix_fmt", "yuv420p", "-g", Integer.toString(gop));
            case VP9 -> List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "0",
                    "-crf", "36", "-row-mt", "1", "-pix_fmt", "yuv420p", "-g", Integer.toString(gop));
            case FFV1 -> List.of("-c:v", "ffv1", "-pix_fmt", "yuv420p");
        };
    }

    private Join before(int i) {
        return i == 0 ? leadIn : joins.get(i - 1);
    }

    private Join after(int i) {
        return i == shots.size() - 1 ? tailOut : joins.get(i);
    }

    /** Frames of full color before shot {@code i}'s fade-in: all of a lead-in hold, else half of the hold. */
    private int holdIn(int i) {
        return before(i) instanceof FadeJoin f ? (i == 0 ? f.hold : f.hold / 2) : 0;
    }

    /** Frames of full color after shot {@code i}'s fade-out: all of a tail hold, else the other half. */
    private int holdOut(int i) {
        return after(i) instanceof FadeJoin f ? (i == shots.size() - 1 ? f.hold : f.hold - f.hold / 2) : 0;
    }

    private Truth.Transition gradual(String type, int first, int last) {
        if (last < first) {
            throw new AssertionError(type + " with no frames");
        }
        return Truth.Transition.gradual(type, first, last, 0, 0);
    }

    private static int shotAt(List<int[]> visible, int frame) {
        for (int i = visible.size() - 1; i >= 0; i--) {
            if (frame >= visible.get(i)[0]) {
                return i;
            }
        }
        return 0;
    }

    private static int firstKept(int[] keptIndex, int from, int to) {
        for (int k = from; k <= to; k++) {
            if (keptIndex[k] >= 0) {
                return keptIndex[k];
            }
        }
        throw new AssertionError("no kept frame in " + from + ".." + to);
    }

    private static int lastKept(int[] keptIndex, int from, int to) {
        for (int k = to; k >= from; k--) {
            if (keptIndex[k] >= 0) {
                return keptIndex[k];
            }
        }
        throw new AssertionError("no kept frame in " + from + ".." + to);
    }

    /** Times are written in milliseconds precision, as reel prints them. */
    static double round(double seconds) {
        return Math.round(seconds * 1000.0) / 1000.0;
    }
}
