package dev.reel.samples;

/**
 * Picture content of one shot: a filtergraph fragment that renders an endless stream at the canvas size and rate
 * and ends in the pad {@code [out]}. Fragments may use extra internal pads, named {@code out + "_..."}. The
 * clip builder trims the stream to exact length, so contents never need to know where a shot ends, only how long
 * it is (for motion that should complete within the shot).
 */
@FunctionalInterface
interface Content {

    String graph(Canvas canvas, int frames, String out);

    /** This content followed by a filter chain (e.g. grain or a label). */
    default Content then(String filters) {
        Content self = this;
        return (canvas, frames, out) ->
                self.graph(canvas, frames, out + "_p") + ";[" + out + "_p]" + filters + "[" + out + "]";
    }

    /** Like {@link #then(String)} but the chain may depend on canvas and shot length. */
    default Content then(java.util.function.BiFunction<Canvas, Integer, String> filters) {
        Content self = this;
        return (canvas, frames, out) -> self.graph(canvas, frames, out + "_p") + ";[" + out + "_p]"
                + filters.apply(canvas, frames) + "[" + out + "]";
    }
}
