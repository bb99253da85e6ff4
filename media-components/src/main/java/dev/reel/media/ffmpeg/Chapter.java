package dev.reel.media.ffmpeg;

import java.util.Map;

import dev.reel.media.frame.Rational;

/**
 * One chapter of a container: a span of the timeline with its tags (usually "title").
 * {@code start} and {@code end} are in {@code timeBase} units.
 */
public record Chapter(long id, Rational timeBase, long start, long end, Map<String, String> tags) {
    public Chapter {
        tags = Map.copyOf(tags);
    }

    public double startSeconds() {
        return timeBase.seconds(start);
    }

    public double endSeconds() {
        return timeBase.seconds(end);
    }

    /**
     * This chapter on a timeline cut to [{@code from}, {@code from + length}) seconds and moved to
     * start at zero ({@code length} ≤ 0: to the end), or null if nothing of it is left.
     */
    public Chapter cut(double from, double length) {
        double s = startSeconds() - from;
        double e = endSeconds() - from;
        double limit = length > 0 ? length : Double.POSITIVE_INFINITY;
        if (e <= 0 || s >= limit) {
            return null;
        }
        long shift = Math.round(from * timeBase.den() / timeBase.num());
        long ns = Math.max(0, start - shift);
        long ne = length > 0 ? Math.min(end - shift, Math.round(length * timeBase.den() / timeBase.num())) : end - shift;
        return new Chapter(id, timeBase, ns, ne, tags);
    }
}
