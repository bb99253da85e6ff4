package dev.reel.media.shots;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --stats} CSV: {@code frame,time,<metric>...}, one row per frame (0-based frame index as in
 * the JSON, time in seconds), values as the detector computed them (empty when not defined).
 */
public final class StatsCsv implements ShotDetector.StatsSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);

    public StatsCsv(Writer out, List<String> metrics) {
        this.out = out;
        try {
            out.write("frame,time," + String.join(",", metrics) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the header and attaches to the detector. */
    public static StatsCsv attach(ShotDetector d, Writer out) {
        StatsCsv s = new StatsCsv(out, d.metricNames());
        d.setStatsSink(s);
        return s;
    }

    @Override
    public void onFrame(long index, double pts, double[] values) {
        line.setLength(0);
        line.append(index).append(',').append(String.format(Locale.ROOT, "%.6f", pts));
        for (double v : values) {
            line.append(',');
            if (Double.isFinite(v)) {
                line.append(String.format(Locale.ROOT, "%.4f", v));
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
