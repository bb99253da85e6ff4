package dev.reel.cli.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.Reel;
import dev.reel.cli.testing.CliRunner;
import dev.reel.samples.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reel transcode IN OUT} against {@code ffmpeg -i IN OUT} (the bundled ffmpeg) over a table of
 * generated inputs and output containers: stream types and order, codecs where both choose, displayed
 * size, colour tags, frame count, duration within a frame, channel layout, languages and chapters must
 * agree, except where reel differs on purpose ({@link #deviation}) or ffmpeg itself fails.
 */
class DefaultsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OUTPUTS = List.of("mp4", "webm", "mkv", "ts", "mov");
    /** Combinations the bundled ffmpeg cannot make with its defaults (reel must still succeed). */
    private static final Set<String> FFMPEG_FAILS = Set.of(
            "surround.mkv>webm"); // libopus refuses AC-3's 5.1(side) layout; reel's encoder maps it to 5.1
    private static final String V = "testsrc2=size=160x120:rate=25";
    private static final String A = "sine=sample_rate=48000:frequency=440";

    @TempDir
    static Path dir;
    /** Input name → the ffmpeg arguments that make it (output file appended). */
    static final Map<String, List<String>> INPUTS = new TreeMap<>();

    static {
        List<String> x264 = List.of("-c:v", "libx264", "-preset", "ultrafast");
        INPUTS.put("base.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-t", "1"), x264,
                List.of("-pix_fmt", "yuv420p", "-c:a", "aac")));
        INPUTS.put("vfr.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-t", "1.2", "-vf",
                "settb=1/1000,setpts='if(lt(N,12),N*40,480+(N-12)*80)/1000/TB'", "-fps_mode", "passthrough"), x264,
                List.of("-pix_fmt", "yuv420p", "-c:a", "aac", "-t", "1.2")));
        INPUTS.put("hdr10.mp4", cat(List.of("-f", "lavfi", "-i", V, "-t", "1", "-vf",
                "setparams=color_primaries=bt2020:color_trc=smpte2084:colorspace=bt2020nc:range=tv,format=yuv420p10le"), x264,
                // HDR10 metadata in the bitstream only (SEI), as cameras and x264/x265 write it.
                List.of("-x264-params", "mastering-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):cll=1000,400")));
        INPUTS.put("fullrange.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-t", "1"), x264,
                List.of("-pix_fmt", "yuv420p", "-color_range", "pc", "-c:a", "aac")));
        INPUTS.put("twoaudio.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-f", "lavfi", "-i",
                "sine=sample_rate=48000:frequency=600", "-t", "1", "-map", "0", "-map", "1", "-map", "2"), x264,
                List.of("-pix_fmt", "yuv420p", "-c:a", "aac", "-ac:a:0", "1", "-ac:a:1", "2", "-metadata:s:a:0", "language=eng",
                        "-metadata:s:a:1", "language=fra")));
        INPUTS.put("mono.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-t", "1"), x264,
                List.of("-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "1")));
        INPUTS.put("surround.mkv", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-t", "1"), x264,
                List.of("-pix_fmt", "yuv420p", "-c:a", "ac3", "-ac", "6")));
        INPUTS.put("odd.mp4", cat(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1", "-vf",
                "format=yuv444p,crop=161:121:0:0"), x264));
        INPUTS.put("audioonly.m4a", List.of("-f", "lavfi", "-i", A, "-t", "1", "-c:a", "aac"));
        INPUTS.put("noaudio.mp4", cat(List.of("-f", "lavfi", "-i", V, "-t", "1"), x264, List.of("-pix_fmt", "yuv420p")));
    }

    @BeforeAll
    static void makeInputs() throws Exception {
        Files.writeString(dir.resolve("s.srt"), "1\n00:00:00,100 --> 00:00:00,500\nHello\n\n2\n00:00:00,600 --> 00:00:00,900\nWorld\n");
        Files.writeString(dir.resolve("chapters.txt"), ";FFMETADATA1\ntitle=Parity\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=400\n"
                + "title=One\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=400\nEND=1000\ntitle=Two\n");
        List<String> x264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        INPUTS.put("subs.mkv", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-i", dir.resolve("s.srt").toString(),
                "-t", "1"), x264, List.of("-c:a", "aac", "-c:s", "srt", "-metadata:s:s:0", "language=eng")));
        INPUTS.put("chapters.mp4", cat(List.of("-f", "lavfi", "-i", V, "-f", "lavfi", "-i", A, "-i",
                dir.resolve("chapters.txt").toString(), "-t", "1", "-map", "0:v", "-map", "1:a", "-map_metadata", "2",
                "-map_chapters", "2", "-metadata", "creation_time=2024-01-02T03:04:05Z"), x264, List.of("-c:a", "aac")));
        parallel(new ArrayList<>(INPUTS.keySet()), name -> {
            List<String> args = new ArrayList<>(List.of("-y"));
            args.addAll(INPUTS.get(name));
            args.add(dir.resolve(name).toString());
            Ffmpeg.run(args, Duration.ofSeconds(60));
            return null;
        });
        // Rotations: the same pictures with a display matrix (ffmpeg's -display_rotation is counter-clockwise).
        for (int r : new int[] {90, 180, 270}) {
            Ffmpeg.run(List.of("-y", "-display_rotation:v", Integer.toString(r), "-i", dir.resolve("base.mp4").toString(),
                    "-c", "copy", dir.resolve("rot" + r + ".mp4").toString()), Duration.ofSeconds(60));
        }
    }

    /** Why reel's output differs from ffmpeg's for this input and container on purpose, or null. */
    static String deviation(String input, String ext, String what) {
        return switch (what) {
            case "codec" -> ext.equals("ts") ? "MPEG-TS: ffmpeg makes MPEG-2 video + MP2, reel H.264 + AAC (or copies AAC/MP2/AC-3)" : null;
            case "audio codec" -> ext.equals("mkv") ? "Matroska: ffmpeg encodes AC-3, reel copies the audio" : null;
            case "subtitle" -> ext.equals("mp4") || ext.equals("mov") ? "MP4/MOV: ffmpeg drops text subtitles, reel converts them to mov_text" : null;
            case "subtitle codec" -> ext.equals("mkv") ? "Matroska: ffmpeg converts subtitles to ASS, reel copies them" : null;
            case "layout" -> ext.equals("ts") && input.equals("surround.mkv") ? "MPEG-TS 5.1: ffmpeg's MP2 downmixes to stereo, reel copies AC-3 5.1" : null;
            case "range" -> ext.equals("ts") && input.equals("fullrange.mp4")
                    ? "MPEG-TS full range: ffmpeg's MPEG-2 encoder converts to limited range, reel's H.264 keeps full range" : null;
            default -> null;
        };
    }

    @Test
    void defaultsAgreeWithFfmpeg() throws Exception {
        List<String[]> cases = new ArrayList<>();
        for (String in : inputNames()) {
            for (String ext : OUTPUTS) {
                cases.add(new String[] {in, ext});
            }
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> table = parallel(cases, c -> compare(c[0], c[1], failures));
        System.out.println("parity (input > output: what both make)\n" + String.join("\n", table));
        assertTrue(failures.isEmpty(), failures.size() + " disagreements:\n" + String.join("\n", failures));
    }

    static List<String> inputNames() {
        List<String> names = new ArrayList<>(List.of("rot90.mp4", "rot180.mp4", "rot270.mp4"));
        INPUTS.keySet().stream().filter(n -> !n.equals("base.mp4")).forEach(names::add);
        return names;
    }

    private static String compare(String in, String ext, List<String> failures) throws Exception {
        String base = in.substring(0, in.lastIndexOf('.'));
        Path ff = dir.resolve("ff-" + base + "." + ext);
        Path re = dir.resolve("re-" + base + "." + ext);
        String key = in + ">" + ext;
        boolean ffOk = true;
        try {
            Ffmpeg.run(List.of("-y", "-i", dir.resolve(in).toString(), ff.toString()), Duration.ofSeconds(120));
        } catch (IOException e) {
            ffOk = false;
        }
        int code = Reel.execute("transcode", dir.resolve(in).toString(), re.toString(), "-q", "-y", "--preset", "ultrafast");
        if (code != 0) {
            failures.add(key + ": reel exit " + code);
            return key + ": reel failed";
        }
        if (!ffOk) {
            if (!FFMPEG_FAILS.contains(key)) {
                failures.add(key + ": ffmpeg failed where it was expected to work");
            }
            return key + ": ffmpeg fails; reel " + summary(probe(re));
        }
        if (FFMPEG_FAILS.contains(key)) {
            failures.add(key + ": ffmpeg now works: take it off FFMPEG_FAILS");
        }
        Probed a = probe(ff);
        Probed b = probe(re);
        List<String> bad = new ArrayList<>();
        List<JsonNode> sa = streams(a, ext, false);
        List<JsonNode> sb = streams(b, ext, deviation(in, ext, "subtitle") != null);
        check(bad, "stream types", types(sa), types(sb));
        for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
            JsonNode x = sa.get(i);
            JsonNode y = sb.get(i);
            String type = x.path("codec_type").asText();
            String what = "#" + i + " " + type + " ";
            boolean codecDiffers = deviation(in, ext, "codec") != null || (type.equals("audio") && deviation(in, ext, "audio codec") != null)
                    || (type.equals("subtitle") && deviation(in, ext, "subtitle codec") != null);
            if (!codecDiffers) {
                check(bad, what + "codec", x.path("codec_name").asText(), y.path("codec_name").asText());
            }
            if (type.equals("video")) {
                check(bad, what + "displayed size", displayed(x), displayed(y));
                check(bad, what + "frames", x.path("nb_read_frames").asText(), y.path("nb_read_frames").asText());
                if (deviation(in, ext, "range") == null) {
                    // Limited range unstated is limited range (x264 states only full range; MPEG-2 states both).
                    check(bad, what + "color_range", x.path("color_range").asText("tv").replace("unknown", "tv"),
                            y.path("color_range").asText("tv").replace("unknown", "tv"));
                }
                for (String c : List.of("color_primaries", "color_transfer", "color_space")) {
                    check(bad, what + c, x.path(c).asText("unknown"), y.path(c).asText("unknown"));
                }
            } else if (type.equals("audio")) {
                if (deviation(in, ext, "layout") == null) {
                    check(bad, what + "channels", x.path("channels").asText(), y.path("channels").asText());
                    if (x.has("channel_layout")) { // an AAC PCE gives no layout name
                        check(bad, what + "layout", x.path("channel_layout").asText(), y.path("channel_layout").asText());
                    }
                }
                check(bad, what + "language", x.path("tags").path("language").asText("-"), y.path("tags").path("language").asText("-"));
            } else if (type.equals("subtitle")) {
                check(bad, what + "language", x.path("tags").path("language").asText("-"), y.path("tags").path("language").asText("-"));
            }
        }
        if (in.equals("hdr10.mp4") && deviation(in, ext, "codec") == null) {
            String want = hdr(ff);
            if (!want.contains("Mastering")) {
                bad.add("ffmpeg's output has no HDR metadata to compare with: " + want);
            }
            check(bad, "HDR side data", want, hdr(re));
        }
        check(bad, "chapters", Integer.toString(a.json.path("chapters").size()), Integer.toString(b.json.path("chapters").size()));
        double da = a.json.path("format").path("duration").asDouble();
        double db = b.json.path("format").path("duration").asDouble();
        if (Math.abs(da - db) > 1.0 / 25 + 1e-3) {
            bad.add("duration " + da + " vs " + db);
        }
        if (!bad.isEmpty()) {
            failures.add(key + ": " + String.join("; ", bad));
        }
        return key + ": ffmpeg " + summary(a) + " | reel " + summary(b);
    }

    private static void check(List<String> bad, String what, String ffmpeg, String reel) {
        if (!ffmpeg.equals(reel)) {
            bad.add(what + " ffmpeg=" + ffmpeg + " reel=" + reel);
        }
    }

    /** Streams compared: all, or without subtitles where reel keeps them on purpose and ffmpeg does not. */
    private static List<JsonNode> streams(Probed p, String ext, boolean dropSubtitles) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : p.json.path("streams")) {
            String t = s.path("codec_type").asText();
            if (t.equals("data") || dropSubtitles && t.equals("subtitle")) {
                continue; // mov's chapter text track is data in both; not a stream anyone chose
            }
            out.add(s);
        }
        return out;
    }

    private static String types(List<JsonNode> streams) {
        return String.join(",", streams.stream().map(s -> s.path("codec_type").asText()).toList());
    }

    private static String displayed(JsonNode s) {
        int w = s.path("width").asInt();
        int h = s.path("height").asInt();
        int rot = 0;
        for (JsonNode sd : s.path("side_data_list")) {
            if (sd.has("rotation")) {
                rot = sd.path("rotation").asInt();
            }
        }
        return Math.abs(rot) % 180 == 90 ? h + "x" + w : w + "x" + h;
    }

    static String summary(Probed p) {
        List<String> parts = new ArrayList<>();
        for (JsonNode s : p.json.path("streams")) {
            String t = s.path("codec_type").asText();
            if (t.equals("video")) {
                parts.add(s.path("codec_name").asText() + " " + displayed(s) + " " + s.path("nb_read_frames").asText() + "f");
            } else if (t.equals("audio")) {
                parts.add(s.path("codec_name").asText() + " " + s.path("channel_layout").asText(s.path("channels").asText() + "ch")
                        + (s.path("tags").has("language") ? " " + s.path("tags").path("language").asText() : ""));
            } else if (t.equals("subtitle")) {
                parts.add(s.path("codec_name").asText());
            }
        }
        int ch = p.json.path("chapters").size();
        return String.join(" + ", parts) + (ch > 0 ? " (" + ch + " chapters)" : "");
    }

    record Probed(JsonNode json) {
    }

    /** The HDR side data of the video stream and of its first frame, as ffprobe names and reads them. */
    static String hdr(Path file) throws IOException, InterruptedException {
        JsonNode j = ffprobe(file, "-select_streams", "v", "-read_intervals", "%+#1", "-show_frames", "-show_streams");
        List<String> out = new ArrayList<>();
        for (String level : List.of("streams", "frames")) {
            for (JsonNode sd : j.path(level).path(0).path("side_data_list")) {
                String type = sd.path("side_data_type").asText();
                if (type.contains("Mastering") || type.contains("light level")) {
                    out.add(level + ": " + type + " " + sd.path("max_luminance").asText(sd.path("max_content").asText()));
                }
            }
        }
        Collections.sort(out);
        return String.join("; ", out);
    }

    static Probed probe(Path file) throws IOException, InterruptedException {
        return new Probed(ffprobe(file, "-count_frames", "-show_streams", "-show_chapters", "-show_format"));
    }

    static JsonNode ffprobe(Path file, String... args) throws IOException, InterruptedException {
        String exe = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
        List<String> cmd = new ArrayList<>(List.of(exe, "-v", "error", "-of", "json"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        ProcessBuilder b = new ProcessBuilder(cmd);
        String lib = Path.of(exe).getParent().toString();
        String old = b.environment().get("LD_LIBRARY_PATH");
        b.environment().put("LD_LIBRARY_PATH", old == null ? lib : lib + ":" + old);
        b.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = b.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "ffprobe " + file);
        return JSON.readTree(out);
    }

    interface Job<T, R> {
        R run(T t) throws Exception;
    }

    /** Runs the jobs two at a time (the machine's cores), results in the jobs' order. */
    static <T, R> List<R> parallel(List<T> items, Job<T, R> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (T t : items) {
                fs.add(pool.submit(() -> job.run(t)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @SafeVarargs
    static List<String> cat(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    // ---- the defaults' other promises, on the same inputs ----

    @Test
    void audioAllKeepsEveryTrackWithItsLanguageVideoFirst() throws Exception {
        for (String ext : List.of("mkv", "mp4")) {
            Path out = dir.resolve("all." + ext);
            assertEquals(0, Reel.execute("transcode", dir.resolve("twoaudio.mp4").toString(), out.toString(), "--audio", "all",
                    "-q", "-y", "--preset", "ultrafast"));
            JsonNode s = probe(out).json.path("streams");
            assertEquals("video", s.get(0).path("codec_type").asText());
            assertEquals(List.of("eng", "fra"), List.of(s.get(1).path("tags").path("language").asText(),
                    s.get(2).path("tags").path("language").asText()), ext);
            assertEquals(List.of(1, 2), List.of(s.get(1).path("channels").asInt(), s.get(2).path("channels").asInt()));
        }
        // By default the one ffmpeg picks: the track marked default (the first), not the one with more channels.
        Path one = dir.resolve("one.mkv");
        assertEquals(0, Reel.execute("transcode", dir.resolve("twoaudio.mp4").toString(), one.toString(), "-q", "-y", "--preset", "ultrafast"));
        JsonNode s = probe(one).json.path("streams");
        assertEquals(2, s.size());
        assertEquals("eng", s.get(1).path("tags").path("language").asText());
    }

    @Test
    void rotationIsAppliedOrKept() throws Exception {
        // Default: upright pixels, no matrix. --no-autorotate and stream copy: stored pixels, matrix kept.
        Path upright = dir.resolve("upright.mp4");
        Path kept = dir.resolve("kept.mp4");
        Path copied = dir.resolve("copied.mkv");
        assertEquals(0, Reel.execute("transcode", dir.resolve("rot90.mp4").toString(), upright.toString(), "-q", "-y", "--preset", "ultrafast"));
        assertEquals(0, Reel.execute("transcode", dir.resolve("rot90.mp4").toString(), kept.toString(), "--no-autorotate", "-q", "-y",
                "--preset", "ultrafast"));
        assertEquals(0, Reel.execute("transcode", dir.resolve("rot90.mp4").toString(), copied.toString(), "--vcodec", "copy", "-q", "-y"));
        JsonNode u = probe(upright).json.path("streams").get(0);
        assertEquals(List.of(120, 160, 0), List.of(u.path("width").asInt(), u.path("height").asInt(), rotation(u)));
        for (Path p : List.of(kept, copied)) {
            JsonNode k = probe(p).json.path("streams").get(0);
            assertEquals(List.of(160, 120, 90), List.of(k.path("width").asInt(), k.path("height").asInt(), rotation(k)), p.toString());
        }
        // The picture really turned: the top-left corner of the upright output is the stored bottom-left.
        byte[] stored = Ffmpeg.output(List.of("-i", dir.resolve("base.mp4").toString(), "-frames:v", "1", "-f", "rawvideo",
                "-pix_fmt", "gray", "-"), Duration.ofSeconds(30));
        byte[] turned = Ffmpeg.output(List.of("-i", upright.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"),
                Duration.ofSeconds(30));
        // display_rotation 90 is counter-clockwise: output (x, y) = stored (W-1-y, x) with W = 160.
        int diff = 0;
        for (int y = 0; y < 160; y += 7) {
            for (int x = 0; x < 120; x += 7) {
                diff += Math.abs((turned[y * 120 + x] & 0xff) - (stored[x * 160 + (159 - y)] & 0xff));
            }
        }
        assertTrue(diff / (23 * 18) < 12, "pixels do not match a 90 degree turn: mean difference " + diff / (23 * 18));
    }

    private static int rotation(JsonNode s) {
        for (JsonNode sd : s.path("side_data_list")) {
            if (sd.has("rotation")) {
                return Math.abs(sd.path("rotation").asInt());
            }
        }
        return 0;
    }

    @Test
    void tagsChaptersAndSubtitlesAreKept() throws Exception {
        Path out = dir.resolve("tags.mkv");
        assertEquals(0, Reel.execute("transcode", dir.resolve("chapters.mp4").toString(), out.toString(), "-q", "-y", "--preset", "ultrafast"));
        JsonNode j = probe(out).json;
        assertEquals("Parity", j.path("format").path("tags").path("title").asText());
        assertTrue(j.path("format").path("tags").path("creation_time").asText().startsWith("2024-01-02T03:04:05"), j.toString());
        assertEquals(List.of("One", "Two"), List.of(j.path("chapters").get(0).path("tags").path("title").asText(),
                j.path("chapters").get(1).path("tags").path("title").asText()));
        // --start moves the chapters with the picture.
        Path cut = dir.resolve("tags-cut.mkv");
        assertEquals(0, Reel.execute("transcode", dir.resolve("chapters.mp4").toString(), cut.toString(), "--start", "0.5", "-q", "-y",
                "--preset", "ultrafast"));
        JsonNode ch = probe(cut).json.path("chapters");
        assertEquals(1, ch.size());
        assertEquals(0.0, ch.get(0).path("start_time").asDouble(), 1e-3);
        assertEquals("Two", ch.get(0).path("tags").path("title").asText());
        // Text subtitles become mov_text in MP4 with their timing.
        Path mp4 = dir.resolve("subs-out.mp4");
        assertEquals(0, Reel.execute("transcode", dir.resolve("subs.mkv").toString(), mp4.toString(), "-q", "-y", "--preset", "ultrafast"));
        byte[] srt = Ffmpeg.output(List.of("-i", mp4.toString(), "-map", "0:s", "-f", "srt", "-"), Duration.ofSeconds(30));
        String text = new String(srt, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Hello") && text.contains("World"), text);
        // Times move with the input's start (AAC priming) as ffmpeg moves them: within a frame of the source's.
        var m = java.util.regex.Pattern.compile("00:00:00,(\\d{3}) --> 00:00:00,(\\d{3})").matcher(text);
        assertTrue(m.find(), text);
        assertEquals(100, Integer.parseInt(m.group(1)), 40, text);
        assertEquals(400, Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)), 2, text);
    }

    @Test
    void oneLineSaysWhatWasNotCopied() throws Exception {
        var r = CliRunner.run(120, "transcode", dir.resolve("subs.mkv").toString(), dir.resolve("line.ts").toString(), "-y",
                "--progress", "none", "--preset", "ultrafast");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("reel: line.ts: subtitles subrip dropped (mpegts cannot hold them)"), r.err().lines().toList());
        r = CliRunner.run(120, "transcode", dir.resolve("surround.mkv").toString(), dir.resolve("line.mp4").toString(), "-y",
                "--progress", "none", "--preset", "ultrafast");
        assertEquals(List.of("reel: line.mp4: audio ac3 → aac"), r.err().lines().toList());
        r = CliRunner.run(120, "transcode", dir.resolve("mono.mp4").toString(), dir.resolve("line.mkv").toString(), "-y",
                "--progress", "none", "--preset", "ultrafast");
        assertEquals("", r.err(), "a copy says nothing");
        r = CliRunner.run(60, "transcode", dir.resolve("mono.mp4").toString(), dir.resolve("bad.mkv").toString(), "--audio", "some");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("bad.mkv")));
        // An audio-only input with its audio switched off has nothing to write: an error, not an empty success.
        r = CliRunner.run(60, "transcode", dir.resolve("audioonly.m4a").toString(), dir.resolve("empty.mkv").toString(), "--acodec", "none");
        assertEquals(ExitCodes.INPUT_INVALID, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("empty.mkv")));
    }
}
