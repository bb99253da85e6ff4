package dev.reel.cli.transcode;

/** Parses times as users write them for ffmpeg: 90, 1.5, 01:30, 00:01:30.250. */
public final class Times {
    private Times() {
    }

    public static double parse(String s) {
        String t = s.trim();
        try {
            double v;
            if (t.contains(":")) {
                String[] p = t.split(":");
                if (p.length > 3) {
                    throw new NumberFormatException();
                }
                v = 0;
                for (String part : p) {
                    v = v * 60 + Double.parseDouble(part);
                }
            } else {
                v = Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t);
            }
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a time: '" + s + "' (want seconds or HH:MM:SS[.mmm])");
        }
    }
}
