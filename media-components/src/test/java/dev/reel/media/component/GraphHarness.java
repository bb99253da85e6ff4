package dev.reel.media.component;

import dev.reel.media.frame.AudioFrame;
import dev.reel.media.frame.ForceKeyframe;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.media.frame.VideoFrame;
import dev.reel.runtime.Component;
import dev.reel.runtime.Graph;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.Scheduler;
import dev.reel.runtime.buffer.RefCounted;
import dev.reel.runtime.components.Components;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Runs components in a real graph (decode ! components... ! sink) on a small scheduler and records
 * what reached the sink as plain values, releasing every frame and packet as it arrives.
 */
final class GraphHarness implements AutoCloseable {
    /** What reached the sink: media by kind (released on arrival), any other message as it is. */
    enum Kind { VIDEO_FRAME, PACKET, AUDIO_FRAME, OTHER }

    /** What one message looked like when it reached the sink ({@code luma}: a hash of a frame's picture). */
    record Seen(Kind kind, Object message, int width, int height, double seconds, boolean key, int luma) {
    }

    /** A run's result and what the sink saw, in order. */
    record Run(RunResult result, List<Seen> seen) {
        List<Seen> of(Kind kind) {
            return seen.stream().filter(s -> s.kind() == kind).toList();
        }

        List<Seen> frames() {
            return of(Kind.VIDEO_FRAME);
        }

        List<Seen> packets() {
            return of(Kind.PACKET);
        }

        List<Object> others() {
            return of(Kind.OTHER).stream().map(Seen::message).toList();
        }

        List<StreamInfo> infos() {
            return others().stream().filter(m -> m instanceof StreamInfo).map(m -> (StreamInfo) m).toList();
        }
    }

    private static GraphHarness shared;

    private final Scheduler scheduler = Scheduler.builder().workers(2).pin(false).build();

    /** One harness for the test JVM (its scheduler's workers are made once), closed at exit. */
    static synchronized GraphHarness shared() {
        if (shared == null) {
            GraphHarness h = new GraphHarness();
            Runtime.getRuntime().addShutdownHook(new Thread(h::close));
            shared = h;
        }
        return shared;
    }

    /** Runs a whole graph to its end. */
    RunResult run(Graph g) {
        return scheduler.run(g);
    }

    /** {@code source ! chain... ! sink}, run to its end. */
    Run run(Component source, Component... chain) {
        return run(source, "outbox", chain);
    }

    /** {@code source.box ! chain... ! sink}, run to its end. */
    Run run(Component source, String box, Component... chain) {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        String first = name(source, -1);
        Graph.Builder g = Graph.builder("test").add(first, source);
        String last = first + "." + box;
        for (int i = 0; i < chain.length; i++) {
            String name = name(chain[i], i);
            g.add(name, chain[i]).link(last, name);
            last = name;
        }
        g.add("sink", Components.sink(m -> seen.add(record(m)))).link(last, "sink");
        RunResult r = scheduler.run(g.build());
        return new Run(r, List.copyOf(seen));
    }

    /** Children are named after their class in lower case ("c0"... for anonymous ones), as a failure names them. */
    private static String name(Component c, int i) {
        String n = c.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return n.isEmpty() ? "c" + i : n;
    }

    private static Seen record(Object m) {
        try {
            if (m instanceof VideoFrame f) {
                return new Seen(Kind.VIDEO_FRAME, null, f.width(), f.height(), f.seconds(), f.keyFrame(),
                        luma(f, 0, 0, f.width(), f.height(), false));
            }
            if (m instanceof Packet p) {
                return new Seen(Kind.PACKET, null, 0, 0, p.seconds(), p.keyFrame(), -1);
            }
            if (m instanceof AudioFrame a) {
                return new Seen(Kind.AUDIO_FRAME, null, 0, 0, a.seconds(), false, -1);
            }
            return new Seen(Kind.OTHER, m, 0, 0, Double.NaN, false, -1);
        } finally {
            RefCounted.releaseIfCounted(m);
        }
    }

    /**
     * A hash of the luma of rectangle ({@code x}, {@code y}, {@code w}, {@code h}) of {@code f}, read
     * row by row, or from the last pixel backwards (what a half turn of that rectangle reads).
     */
    static int luma(VideoFrame f, int x, int y, int w, int h, boolean backwards) {
        java.nio.ByteBuffer p = f.plane(0);
        int stride = f.linesize(0);
        int hash = 1;
        for (int i = 0; i < w * h; i++) {
            int k = backwards ? w * h - 1 - i : i;
            hash = 31 * hash + (p.get((y + k / w) * stride + x + k % w) & 0xff);
        }
        return hash;
    }

    /** A component mapping messages one to one (a tiny test stage: retype a header, drop frames). */
    static Component map(Function<Object, Object> f) {
        return Components.map(f);
    }

    /** Sends a {@link ForceKeyframe} ahead of the frames with these indexes (0-based), passing all else on. */
    static final class KeyRequests extends OneInOneOut {
        private final java.util.Set<Integer> at;
        private VideoFrame held;
        private int index;

        KeyRequests(Integer... at) {
            this.at = java.util.Set.of(at);
        }

        @Override
        protected boolean sendOwed(dev.reel.runtime.Outbox<Object> out) {
            if (held == null) {
                return false;
            }
            out.send(held);
            held = null;
            return true;
        }

        @Override
        protected void accept(Object m, dev.reel.runtime.Outbox<Object> out) {
            if (m instanceof VideoFrame f && at.contains(index++)) {
                out.send(new ForceKeyframe("test"));
                held = f; // the frame goes next step: one send per step
                return;
            }
            out.send(m);
        }

        @Override
        public void close() {
            if (held != null) {
                held.release();
            }
        }
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
