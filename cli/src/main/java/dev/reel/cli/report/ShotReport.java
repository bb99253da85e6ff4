package dev.reel.cli.report;

import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.shots.ShotList;
import dev.reel.media.shots.Transition;
import dev.reel.media.shots.TransitionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shot report: one self-contained HTML page (styles, script and thumbnails inline; no network)
 * with the input's facts, a to-scale strip of the shots and transitions, and a row per shot with
 * its first, middle and last frame, times, frames, length and the transition that starts it.
 * When browsers can play the input, the page has a video that a click on a shot seeks.
 */
public final class ShotReport {
    private static final Set<String> MP4_CODECS = Set.of("h264", "av1", "vp9");
    private static final Set<String> WEBM_CODECS = Set.of("vp8", "vp9", "av1");

    private ShotReport() {
    }

    /**
     * Writes the page for {@code list} of {@code input} to {@code out}, to be saved at {@code page} (the
     * video is linked relative to it). Streams row by row: memory does not grow with the shot count.
     */
    public static void write(Writer out, String input, ShotList list, ShotFrames frames, Path page) throws IOException {
        Probe.Result probe = probeOrNull(input);
        Probe.Stream video = probe == null ? null : probe.streams().stream().filter(s -> "video".equals(s.type())).findFirst().orElse(null);
        String videoUrl = playable(probe, video) ? link(Path.of(input), page) : null;
        String name = Path.of(input).getFileName().toString();
        double duration = list.video().duration();
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"reel shots --html\">\n")
                .append("<title>Shots: ").append(esc(name)).append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body data-fps=\"")
                .append(String.format(Locale.ROOT, "%.6f", list.video().fps() > 0 ? list.video().fps() : 25)).append("\">\n");
        b.append("<header><h1>Shot report <span>").append(esc(name)).append("</span></h1><div class=\"sub\">")
                .append(list.shots().size()).append(" shots · ").append(list.transitions().size()).append(" transitions · made by reel ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).format(Instant.now().atZone(ZoneOffset.UTC)))
                .append("</div></header>\n<main>\n");

        b.append("<section class=\"top\">\n<dl class=\"facts\">\n");
        for (String[] f : facts(input, list, probe, video)) {
            b.append("<dt>").append(esc(f[0])).append("</dt><dd>").append(esc(f[1])).append("</dd>\n");
        }
        b.append("</dl>\n");
        if (videoUrl != null) {
            b.append("<div class=\"viewer\"><video id=\"video\" controls preload=\"metadata\" src=\"").append(esc(videoUrl))
                    .append("\"></video><div id=\"now\" class=\"now\"></div></div>\n");
        } else {
            b.append("<div class=\"viewer none\"><p>").append(esc(name))
                    .append(" is not playable in browsers (")
                    .append(esc(probe == null ? "unknown format" : probe.format() + (video == null ? "" : ", " + video.codec())))
                    .append("): clicking a shot selects it.</p></div>\n");
        }
        b.append("</section>\n");

        // The strip: shots alternate in tone, cuts are lines, gradual transitions spans, all to scale.
        b.append("<section class=\"strip-box\"><div id=\"strip\" class=\"strip\">\n");
        for (ShotList.Shot s : list.shots()) {
            b.append(String.format(Locale.ROOT, "<div class=\"s%s\" data-shot=\"%d\" data-start=\"%.6f\" style=\"left:%.4f%%;width:%.4f%%\" title=\"shot %d: %s – %s\"></div>\n",
                    s.index() % 2 == 0 ? " even" : "", s.index(), s.start(), pct(s.start(), duration), pct(s.end() - s.start(), duration),
                    s.index(), tc(s.start()), tc(s.end())));
        }
        for (Transition t : list.transitions()) {
            if (t.type() == TransitionType.CUT) {
                b.append(String.format(Locale.ROOT, "<div class=\"cut\" data-time=\"%.6f\" style=\"left:%.4f%%\" title=\"cut at %s (frame %d), score %.2f\"></div>\n",
                        t.start(), pct(t.start(), duration), tc(t.start()), t.startFrame(), t.score()));
            } else {
                b.append(String.format(Locale.ROOT, "<div class=\"grad\" data-time=\"%.6f\" style=\"left:%.4f%%;width:%.4f%%\" title=\"%s %s – %s (frames %d–%d), score %.2f\"></div>\n",
                        t.start(), pct(t.start(), duration), pct(t.end() - t.start(), duration), t.type().id(), tc(t.start()), tc(t.end()),
                        t.startFrame(), t.endFrame(), t.score()));
            }
        }
        b.append("<div id=\"playhead\" class=\"playhead\"></div></div>\n<div class=\"axis\">");
        double step = tickStep(duration);
        for (double t = 0; t <= duration + 1e-9; t += step) {
            b.append(String.format(Locale.ROOT, "<span style=\"left:%.4f%%\">%s</span>", pct(t, duration), tcShort(t)));
        }
        b.append("</div>\n<div class=\"legend\"><span><i class=\"sw a\"></i><i class=\"sw b\"></i>shots</span><span><i class=\"sw cut\"></i>cut</span>"
                + "<span><i class=\"sw grad\"></i>gradual transition (dissolve, fade, wipe)</span></div></section>\n");

        b.append("<table class=\"shots\">\n<thead><tr><th>#</th><th>First</th><th>Middle</th><th>Last</th><th>Start</th><th>End</th>"
                + "<th>Length</th><th>Starts with</th></tr></thead>\n<tbody>\n");
        Map<Integer, List<Transition>> starting = startingTransitions(list);
        for (ShotList.Shot s : list.shots()) {
            b.append(String.format(Locale.ROOT, "<tr class=\"shot\" id=\"shot-%d\" data-shot=\"%d\" data-start=\"%.6f\" data-end=\"%.6f\">",
                    s.index(), s.index(), s.start(), s.end()));
            b.append("<td class=\"n\">").append(s.index()).append("</td>");
            thumb(b, frames, s.startFrame());
            thumb(b, frames, ShotFrames.middle(s));
            thumb(b, frames, s.endFrame());
            b.append("<td class=\"t\">").append(tc(s.start())).append("<small>frame ").append(s.startFrame()).append("</small></td>");
            b.append("<td class=\"t\">").append(tc(s.end())).append("<small>frame ").append(s.endFrame()).append("</small></td>");
            b.append(String.format(Locale.ROOT, "<td class=\"t\">%.3f s<small>%d frames</small></td>", s.seconds(), s.frames()));
            b.append("<td class=\"tr\">").append(transitionCell(starting.get(s.index()), s.index())).append("</td></tr>\n");
            out.append(b);
            b.setLength(0);
        }
        b.append("</tbody></table>\n</main>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        out.append(b);
    }

    private static void thumb(StringBuilder b, ShotFrames frames, long frame) {
        byte[] j = frames == null ? null : frames.jpeg(frame);
        if (j == null) {
            b.append("<td class=\"th\"><div class=\"missing\">no picture</div></td>");
            return;
        }
        b.append("<td class=\"th\"><img loading=\"lazy\" alt=\"frame ").append(frame).append("\" title=\"frame ").append(frame)
                .append("\" src=\"data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(j)).append("\"></td>");
    }

    private static String transitionCell(List<Transition> ts, int shot) {
        if (ts == null || ts.isEmpty()) {
            return shot == 1 ? "<span class=\"muted\">start of the video</span>" : "<span class=\"muted\">—</span>";
        }
        StringBuilder b = new StringBuilder();
        for (Transition t : ts) {
            String cls = t.type() == TransitionType.CUT ? "cut" : "grad";
            b.append("<div><span class=\"tag ").append(cls).append("\">").append(esc(t.type().id())).append("</span> ");
            if (t.type() != TransitionType.CUT) {
                b.append(String.format(Locale.ROOT, "%d frames, %.2f s ", t.length(), t.end() - t.start()));
            }
            b.append(String.format(Locale.ROOT, "<small>score %.2f</small></div>", t.score()));
        }
        return b.toString();
    }

    /**
     * The transitions that start each shot: for shot k, the last one beginning after shot k-1's first
     * frame and at or before shot k's; after a fade-out also the fade-in that begins inside shot k (a
     * fade through black splits in the flat frames between the two).
     */
    static Map<Integer, List<Transition>> startingTransitions(ShotList list) {
        Map<Integer, List<Transition>> out = new TreeMap<>();
        List<ShotList.Shot> shots = list.shots();
        for (int k = 1; k < shots.size(); k++) {
            long prev = shots.get(k - 1).startFrame();
            ShotList.Shot s = shots.get(k);
            Transition last = null;
            Transition fadeIn = null;
            for (Transition t : list.transitions()) {
                if (t.startFrame() > prev && t.startFrame() <= s.startFrame()) {
                    last = t;
                } else if (fadeIn == null && t.type() == TransitionType.FADE_IN && t.startFrame() > s.startFrame()
                        && t.startFrame() <= s.endFrame()) {
                    fadeIn = t;
                }
            }
            List<Transition> ts = new ArrayList<>();
            if (last != null) {
                ts.add(last);
                if (last.type() == TransitionType.FADE_OUT && fadeIn != null) {
                    ts.add(fadeIn);
                }
            }
            out.put(s.index(), ts);
        }
        return out;
    }

    private static List<String[]> facts(String input, ShotList list, Probe.Result probe, Probe.Stream video) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"file", Path.of(input).getFileName().toString()});
        if (probe != null) {
            f.add(new String[] {"format", probe.formatLongName() != null ? probe.formatLongName() : probe.format()});
            if (probe.sizeBytes() != null) {
                f.add(new String[] {"size", String.format(Locale.ROOT, "%.1f MB", probe.sizeBytes() / 1e6)
                        + (probe.bitRate() != null ? String.format(Locale.ROOT, ", %.0f kbit/s", probe.bitRate() / 1e3) : "")});
            }
        }
        ShotList.VideoInfo v = list.video();
        f.add(new String[] {"duration", tc(v.duration()) + String.format(Locale.ROOT, " (%.3f s)", v.duration())});
        String vs = v.width() + "×" + v.height() + String.format(Locale.ROOT, ", %.3f fps, %d frames", v.fps(), v.frames());
        if (video != null) {
            vs = video.codec() + (video.profile() != null ? " (" + video.profile() + ")" : "") + ", " + vs
                    + (video.pixelFormat() != null ? ", " + video.pixelFormat() : "");
        }
        f.add(new String[] {"video", vs});
        if (probe != null) {
            probe.streams().stream().filter(s -> "audio".equals(s.type())).findFirst().ifPresent(a -> f.add(new String[] {"audio",
                    a.codec() + (a.sampleRate() != null ? ", " + a.sampleRate() + " Hz" : "") + (a.channelLayout() != null ? ", " + a.channelLayout() : "")}));
        }
        String params = list.detectorParams().isEmpty() ? "" : " " + list.detectorParams().toString().replaceAll("[{}]", "");
        f.add(new String[] {"detector", list.detectorName() + params});
        Map<String, Integer> byType = new TreeMap<>();
        for (Transition t : list.transitions()) {
            byType.merge(t.type().id(), 1, Integer::sum);
        }
        double mean = list.shots().isEmpty() ? 0 : v.duration() / list.shots().size();
        f.add(new String[] {"shots", list.shots().size() + String.format(Locale.ROOT, " (mean length %.2f s)", mean)});
        f.add(new String[] {"transitions", byType.isEmpty() ? "none" : byType.toString().replaceAll("[{}]", "").replace("=", ": ")});
        return f;
    }

    private static Probe.Result probeOrNull(String input) {
        try {
            return Probe.probe(input);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** MP4/MOV with H.264, AV1 or VP9, or WebM/Matroska with VP8, VP9 or AV1: what Chromium and Firefox play. */
    static boolean playable(Probe.Result p, Probe.Stream v) {
        if (p == null || v == null || p.format() == null || v.codec() == null) {
            return false;
        }
        String f = p.format();
        if (f.contains("mp4") || f.contains("mov")) {
            return MP4_CODECS.contains(v.codec());
        }
        return f.contains("webm") && WEBM_CODECS.contains(v.codec());
    }

    /** A URL of {@code input} relative to the page's folder when they share a root, else absolute. */
    static String link(Path input, Path page) {
        Path in = input.toAbsolutePath().normalize();
        Path dir = page.toAbsolutePath().normalize().getParent();
        try {
            Path rel = dir.relativize(in);
            StringBuilder b = new StringBuilder();
            for (Path part : rel) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(new URI(null, null, part.toString(), null).getRawPath().replace(":", "%3A"));
            }
            return b.toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return in.toUri().toString();
        }
    }

    private static double pct(double t, double duration) {
        return duration > 0 ? Math.max(0, Math.min(100, 100 * t / duration)) : 0;
    }

    private static double tickStep(double duration) {
        double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
        for (double s : steps) {
            if (duration / s <= 10) {
                return s;
            }
        }
        return 7200;
    }

    static String tc(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private static String tcShort(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ShotReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
