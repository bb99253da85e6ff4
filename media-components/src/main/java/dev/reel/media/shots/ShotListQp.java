package dev.reel.media.shots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * x264/x265 {@code --qpfile}: {@code <frame> I -1} for the first frame of every shot (frame 0 included),
 * forcing a keyframe at each shot start (PySceneDetect {@code save-qp}).
 */
public final class ShotListQp {
    private ShotListQp() {}

    public static String toQp(ShotList list) {
        StringBuilder sb = new StringBuilder();
        for (ShotList.Shot s : list.shots()) {
            sb.append(s.startFrame()).append(" I -1\n");
        }
        return sb.toString();
    }

    public static void write(ShotList list, Path file) throws IOException {
        Files.writeString(file, toQp(list), StandardCharsets.UTF_8);
    }

    /** Frames with a forced I frame, in file order. */
    public static List<Long> parse(String qp) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : qp.split("\\r?\\n")) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] p = t.split("\\s+");
            if (p.length < 2 || !(p[1].equals("I") || p[1].equals("K") || p[1].equals("i"))) {
                throw new IOException("bad qpfile line: " + line);
            }
            out.add(Long.parseLong(p[0]));
        }
        return out;
    }
}
