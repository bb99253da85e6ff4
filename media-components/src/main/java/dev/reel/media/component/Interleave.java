package dev.reel.media.component;

import dev.reel.media.frame.Packet;
import dev.reel.runtime.Inbox;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Which input a muxing component takes next: the one whose waiting message is oldest by decoding
 * time, so libavformat gets packets nearly in order and a slow input never stalls the others into
 * a deadlock. Shared by {@link Mux} and {@link SplitMux}.
 */
final class Interleave {
    private Interleave() {
    }

    /** The index of the input to take from (ties: the earlier input); -1 when none has a message. Null inputs are skipped. */
    static int oldest(Inbox<Object>[] inputs) {
        int take = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < inputs.length; i++) {
            Object m = inputs[i] != null ? inputs[i].peek() : null;
            if (m != null && (take < 0 || seconds(m) < best)) {
                take = i;
                best = seconds(m);
            }
        }
        return take;
    }

    /** A message's decoding time in seconds (packets); other messages sort first. */
    static double seconds(Object m) {
        return m instanceof Packet p ? p.timeBase().seconds(p.dts() == avutil.AV_NOPTS_VALUE ? p.pts() : p.dts())
                : Double.NEGATIVE_INFINITY;
    }
}
