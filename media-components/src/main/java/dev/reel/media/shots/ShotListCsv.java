package dev.reel.media.shots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PySceneDetect {@code list-scenes} CSV: an optional first row {@code Timecode List:,<cut timecodes>},
 * then the header and one row per shot with 1-based start frame, inclusive 1-based end frame
 * (= exclusive 0-based end), timecodes {@code HH:MM:SS.mmm} and seconds with 3 decimals.
 */
public final class ShotListCsv {
    public static final String HEADER = "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,"
            + "End Time (seconds),Length (frames),Length (timecode),Length (seconds)";

    private ShotListCsv() {}

    public static String toCsv(ShotList list, boolean timecodeList) {
        StringBuilder sb = new StringBuilder();
        List<ShotList.Shot> shots = list.shots();
        if (timecodeList) {
            sb.append("Timecode List:");
            for (int i = 1; i < shots.size(); i++) {
                sb.append(',').append(timecode(shots.get(i).start()));
            }
            sb.append('\n');
        }
        sb.append(HEADER).append('\n');
        for (ShotList.Shot s : shots) {
            double len = s.end() - s.start();
            sb.append(s.index()).append(',')
                    .append(s.startFrame() + 1).append(',').append(timecode(s.start())).append(',').append(seconds(s.start())).append(',')
                    .append(s.endFrame() + 1).append(',').append(timecode(s.end())).append(',').append(seconds(s.end())).append(',')
                    .append(s.frames()).append(',').append(timecode(len)).append(',').append(seconds(len)).append('\n');
        }
        return sb.toString();
    }

    public static void write(ShotList list, Path file, boolean timecodeList) throws IOException {
        Files.writeString(file, toCsv(list, timecodeList), StandardCharsets.UTF_8);
    }

    /** {@code HH:MM:SS.mmm}, rounded to the millisecond. */
    public static String timecode(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    static String seconds(double s) { return String.format(Locale.ROOT, "%.3f", s); }

    /** Parses {@code HH:MM:SS.mmm} (or {@code HH:MM:SS}) to seconds. */
    public static double parseTimecode(String tc) {
        String[] p = tc.trim().split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("bad timecode '" + tc + "'");
        }
        return Integer.parseInt(p[0]) * 3600.0 + Integer.parseInt(p[1]) * 60.0 + Double.parseDouble(p[2]);
    }

    /** Shots of a list-scenes CSV (with or without the timecode row). */
    public static List<ShotList.Shot> parse(String csv) throws IOException {
        List<ShotList.Shot> out = new ArrayList<>();
        boolean header = false;
        for (String line : csv.split("\\r?\\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("Timecode List:")) {
                continue;
            }
            if (line.startsWith("Scene Number")) {
                header = true;
                continue;
            }
            if (!header) {
                throw new IOException("missing header before: " + line);
            }
            String[] c = line.split(",");
            if (c.length < 10) {
                throw new IOException("expected 10 columns: " + line);
            }
            try {
                int index = Integer.parseInt(c[0].trim());
                long start = Long.parseLong(c[1].trim()) - 1;
                long endExclusive = Long.parseLong(c[4].trim());
                out.add(new ShotList.Shot(index, start, endExclusive - 1, Double.parseDouble(c[3].trim()), Double.parseDouble(c[6].trim())));
            } catch (NumberFormatException e) {
                throw new IOException("bad row: " + line, e);
            }
        }
        if (!header) {
            throw new IOException("no header row");
        }
        return out;
    }

    public static List<ShotList.Shot> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }
}
