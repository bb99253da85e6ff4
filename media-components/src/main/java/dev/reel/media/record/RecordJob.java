package dev.reel.media.record;

import dev.reel.media.component.Encode;
import dev.reel.media.component.Scale;
import dev.reel.media.ffmpeg.VideoEncoder;
import dev.reel.runtime.Graph;
import dev.reel.runtime.Leaky;
import dev.reel.runtime.LinkSpec;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.components.Tee;
import dev.reel.runtime.stats.LinkStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The graph of one recording. Stream copy: capture → segmenter. Transcoding: capture → decode →
 * [scale] → encode → segmenter, audio copied from decode to segmenter. The link out of capture is
 * leaky, dropping the oldest: a slow disk or encoder loses data, counted, instead of stalling the
 * capture (whose socket buffer would overflow anyway, uncounted). Behind it backpressure is normal,
 * so in-band requests (forced key frames) are never lost.
 *
 * <p>With shot detection a tee after capture feeds a second branch, shots → segmenter.shots, that
 * decodes on its own (also when transcoding: it stays off the encoder's path). Its link is leaky
 * too, so detection falling behind loses only detection input (counted apart), never recording.
 */
public final class RecordJob {
    static final LinkSpec COPY_LINK = LinkSpec.leaky(1024, Leaky.DROP_OLDEST);
    static final LinkSpec PACKET_LINK = LinkSpec.leaky(512, Leaky.DROP_OLDEST);
    // Not leaky: a dropped ForceKeyframe would misalign segments; the leak is before decode instead.
    static final LinkSpec FRAME_LINK = LinkSpec.capacity(8);
    static final LinkSpec ENCODED_LINK = LinkSpec.capacity(64);
    static final LinkSpec AUDIO_LINK = LinkSpec.capacity(512);
    static final LinkSpec TEE_LINK = LinkSpec.capacity(64);
    static final LinkSpec SHOTS_IN_LINK = LinkSpec.leaky(256, Leaky.DROP_OLDEST);
    static final LinkSpec SHOTS_OUT_LINK = LinkSpec.capacity(256);
    static final String SHOTS = "shots";

    /**
     * @param encoder null for stream copy
     * @param scale W:H for {@link Scale#of}, or null
     * @param shots shot detector name, or null for none
     * @param shownSource the source as the manifest shows it (credentials are removed), or null for {@code source}
     * @param minFreeBytes free space to keep on the disk (0: no check)
     * @param keepFinishedSeconds finished programmes older than this are deleted (0: kept)
     */
    public record Options(String source, Path dir, String container, double segmentSeconds, double windowSeconds,
                          boolean realtime, boolean audio, List<Programme> schedule, VideoEncoder.Settings encoder,
                          String scale, Duration timeout, Map<String, String> inputOptions, String shots, String shownSource,
                          long minFreeBytes, double keepFinishedSeconds) {
    }

    private final Graph graph;
    private final Capture capture;
    private final Segmenter segmenter;
    private final AtomicReference<RunningGraph> running = new AtomicReference<>();

    private RecordJob(Graph graph, Capture capture, Segmenter segmenter) {
        this.graph = graph;
        this.capture = capture;
        this.segmenter = segmenter;
    }

    public static RecordJob build(Options o, Consumer<String> log) {
        RecordClock clock = RecordClock.now();
        Capture capture = new Capture(o.source(), clock, o.realtime(), o.audio(), o.timeout(), o.inputOptions(), log);
        AtomicReference<RunningGraph> running = new AtomicReference<>();
        RecordJob[] self = new RecordJob[1];
        String shown = Names.redact(o.shownSource() != null ? o.shownSource() : o.source());
        Segmenter seg = new Segmenter(new Segmenter.Settings(o.dir(), o.container(), o.segmentSeconds(), o.windowSeconds(),
                shown, o.schedule(), o.shots(), o.minFreeBytes(), o.keepFinishedSeconds()), clock, log, () -> self[0].dropped(), capture::videoPackets,
                capture::reconnects);
        seg.countShotDrops(() -> self[0].shotsDropped());
        Graph.Builder g = Graph.builder("record").add("capture", capture).add("segment", seg);
        String from = "capture";
        LinkSpec firstLink = o.encoder() == null ? COPY_LINK : PACKET_LINK;
        if (o.shots() != null) {
            g.add("tee", new Tee(2)).link("capture", "tee", firstLink)
                    .add(SHOTS, new LiveShots(o.shots(), clock)).link("tee." + Tee.branch(1), SHOTS, SHOTS_IN_LINK)
                    .link(SHOTS, "segment.shots", SHOTS_OUT_LINK);
            from = "tee." + Tee.branch(0);
            firstLink = TEE_LINK;
        }
        if (o.encoder() == null) {
            g.link(from, "segment", firstLink);
        } else {
            g.add("decode", new LiveDecode(clock, o.segmentSeconds(), o.schedule()))
                    .link(from, "decode", firstLink)
                    .link("decode.audio", "segment.audio", AUDIO_LINK);
            String last = "decode";
            LinkSpec next = FRAME_LINK;
            if (o.scale() != null) {
                g.add("scale", Scale.of(o.scale())).link(last, "scale", next);
                last = "scale";
                next = LinkSpec.capacity(4);
            }
            g.add("encode", new Encode(o.encoder())).link(last, "encode", next).link("encode", "segment", ENCODED_LINK);
        }
        RecordJob job = new RecordJob(g.build(), capture, seg);
        self[0] = job;
        return job;
    }

    public Graph graph() {
        return graph;
    }

    public Capture capture() {
        return capture;
    }

    public Segmenter segmenter() {
        return segmenter;
    }

    /** Tells the job which run to count drops in. */
    public void attach(RunningGraph rg) {
        running.set(rg);
    }

    /** Messages the recording lost on its leaky links (the shot detection branch apart). */
    public long dropped() {
        return drops(false);
    }

    /** Packets dropped in front of shot detection (it could not keep up). */
    public long shotsDropped() {
        return drops(true);
    }

    private long drops(boolean shots) {
        RunningGraph rg = running.get();
        if (rg == null) {
            return 0;
        }
        long n = 0;
        for (LinkStats l : rg.snapshot().links()) {
            if (!"none".equals(l.leaky()) && SHOTS.equals(l.to()) == shots) {
                n += l.drops();
            }
        }
        return n;
    }
}
