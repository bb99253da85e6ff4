package dev.reel.samples;

/** An exact frame rate {@code num/den} frames per second (e.g. 24000/1001), so frame times need no rounding. */
record Rate(int num, int den) {

    Rate {
        if (num <= 0 || den <= 0) {
            throw new IllegalArgumentException("bad rate " + num + "/" + den);
        }
    }

    static Rate of(int fps) {
        return new Rate(fps, 1);
    }

    /** As ffmpeg takes it: {@code 30} or {@code 24000/1001}. */
    String expr() {
        return den == 1 ? Integer.toString(num) : num + "/" + den;
    }

    /** The matching stream time base {@code den/num}, one tick per frame. */
    String timeBase() {
        return den + "/" + num;
    }

    double fps() {
        return (double) num / den;
    }

    /** Start time in seconds of frame {@code index}. */
    double seconds(long index) {
        return (double) index * den / num;
    }

    /** {@code frames} as an ffmpeg duration in seconds; microseconds are exact enough for any sane rate. */
    String duration(long frames) {
        return String.format(java.util.Locale.ROOT, "%.6f", seconds(frames));
    }
}
