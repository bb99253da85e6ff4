package dev.reel.media.shots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CMX 3600 EDL, one cut event per shot, non-drop-frame timecodes {@code HH:MM:SS:FF} counted in frames
 * at the nominal integer rate (29.97 fps counts as 30, as NDF does), record timeline = source timeline.
 * Out points are exclusive, as in CMX 3600.
 */
public final class ShotListEdl {
    private static final Pattern EVENT = Pattern.compile(
            "^(\\d{3,6})\\s+(\\S+)\\s+V\\s+C\\s+(\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d)\\s+(\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d)\\s+(\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d)\\s+(\\d\\d:\\d\\d:\\d\\d[:;]\\d\\d)\\s*$");

    private ShotListEdl() {}

    /** Timecode base: the nominal integer frame rate. */
    public static int timecodeRate(double fps) { return Math.max(1, (int) Math.round(fps > 0 ? fps : 30)); }

    public static String toEdl(ShotList list, String title, String reel) {
        int rate = timecodeRate(list.video().fps());
        String r = (reel == null || reel.isBlank() ? "AX" : reel.replaceAll("\\s", "_"));
        if (r.length() > 8) {
            r = r.substring(0, 8);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("TITLE: ").append(title == null || title.isBlank() ? "reel" : title).append('\n');
        sb.append("FCM: NON-DROP FRAME\n\n");
        for (ShotList.Shot s : list.shots()) {
            String in = timecode(s.startFrame(), rate), out = timecode(s.endFrame() + 1, rate);
            sb.append(String.format(Locale.ROOT, "%03d  %-8s V     C        %s %s %s %s%n", s.index(), r, in, out, in, out));
            if (!list.input().isEmpty()) {
                sb.append("* FROM CLIP NAME: ").append(Path.of(list.input()).getFileName()).append('\n');
            }
        }
        return sb.toString();
    }

    public static void write(ShotList list, Path file, String title) throws IOException {
        Files.writeString(file, toEdl(list, title, "AX"), StandardCharsets.UTF_8);
    }

    public static String timecode(long frame, int rate) {
        long f = frame % rate, s = frame / rate;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60, f);
    }

    public static long frames(String tc, int rate) {
        String[] p = tc.split("[:;]");
        return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * rate + Long.parseLong(p[3]);
    }

    /** Shots (frames and times at the given fps) of an EDL written by {@link #toEdl}. */
    public static List<ShotList.Shot> parse(String edl, double fps) throws IOException {
        int rate = timecodeRate(fps);
        double f = fps > 0 ? fps : rate;
        List<ShotList.Shot> out = new ArrayList<>();
        for (String line : edl.split("\\r?\\n")) {
            Matcher m = EVENT.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            long in = frames(m.group(3), rate), outF = frames(m.group(4), rate);
            if (outF <= in) {
                throw new IOException("event with empty range: " + line);
            }
            out.add(new ShotList.Shot(Integer.parseInt(m.group(1)), in, outF - 1, in / f, outF / f));
        }
        return out;
    }
}
