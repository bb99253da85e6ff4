package dev.reel.media.record;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Demux-only live source: reads compressed packets (no decoding) and sends them as {@link Media}
 * on the recording's wall-clock timeline, with {@link SourceEvent}s when the source is lost or back.
 *
 * <p>A network source is never given up: a failed open or read (timeout, error, end of stream)
 * closes it and reopens with backoff (0.5 s doubling to 5 s). A file ends the recording at its end;
 * with {@code realtime} it is read at its own pace, as a live source would deliver it.
 *
 * <p>Timestamps: the first packet of a connection anchors source time to the arrival time; later
 * packets keep the source's spacing (no arrival jitter) unless they drift more than a few seconds
 * from arrival (a sender restarted, timestamps jumped), which re-anchors.
 */
public final class Capture implements Component {
    private static final long BACKOFF_MIN_MICROS = 500_000;
    private static final long BACKOFF_MAX_MICROS = 5_000_000;
    private static final long AHEAD_LIMIT_MICROS = 2_000_000;
    private static final long BEHIND_LIMIT_MICROS = 3_000_000;

    private final String url;
    private final String shown;
    private final boolean live;
    private final boolean realtime;
    private final boolean audio;
    private final RecordClock clock;
    private final Duration timeout;
    private final Map<String, String> options;
    private final Consumer<String> log;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private volatile boolean endRequested;
    private final AtomicLong videoPackets = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private Outbox<Object> out;
    private Demuxer demuxer;
    private Streams streams;
    private int connections;
    private long nextAttempt;
    private long backoff = BACKOFF_MIN_MICROS;
    private boolean lost;
    private long lostSince;
    private long lastLog;
    // Per-connection anchor: wall micros and source seconds of the first packet.
    private boolean anchored;
    private long anchorWall;
    private double anchorSrc;
    private long[] offsets = new long[0];
    private TimestampUnwrap[] unwraps = new TimestampUnwrap[0];
    private final TimelineBreaks breaks;
    private Packet held;
    private long heldWall;
    // Settling: the first second of a live connection is held to find the least-delayed packet,
    // because the first packets come out of FFmpeg's probe buffer, not off the wire.
    private final java.util.ArrayDeque<Packet> settling = new java.util.ArrayDeque<>();
    private long settleUntil;
    private long minOffset;
    private final java.util.ArrayDeque<Media> ready = new java.util.ArrayDeque<>();
    private static final long SETTLE_MICROS = 1_000_000;

    public Capture(String url, RecordClock clock, boolean realtime, boolean audio, Duration timeout, Map<String, String> options,
            Consumer<String> log) {
        this.url = url;
        this.shown = Names.redact(url);
        this.live = Names.isNetwork(url);
        this.realtime = realtime || live;
        this.audio = audio;
        this.clock = clock;
        this.timeout = timeout;
        this.options = new LinkedHashMap<>(options);
        this.log = log;
        this.breaks = new TimelineBreaks(log);
    }

    @Override
    public Boxes boxes() {
        return Boxes.none().out(Boxes.OUTBOX, Object.class).build();
    }

    @Override
    public boolean blocking() {
        return true; // reads block for up to the timeout
    }

    /** Ends the recording cleanly: what was read flows on, the segmenter closes its files. */
    public void requestEnd() {
        endRequested = true;
        cancel.set(true);
    }

    @Override
    public void cancel() {
        cancel.set(true);
    }

    /** Video packets read so far (thread-safe). */
    public long videoPackets() {
        return videoPackets.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public void open(Context ctx) {
        out = ctx.outbox();
        if (!live) {
            // A file that cannot be opened is the user's mistake: fail now, do not retry.
            connect();
        }
    }

    @Override
    public Step step(Context ctx) {
        if (endRequested || ctx.stopping()) {
            return Step.DONE;
        }
        long now = RecordClock.nowMicros();
        if (!ready.isEmpty()) {
            send(ready.poll());
            return Step.CONTINUE;
        }
        if (held != null) {
            if (heldWall > now) {
                return ctx.sleep(Math.min(heldWall - now, 100_000) * 1000);
            }
            Media m = new Media(held, streams);
            held = null;
            send(m);
            return Step.CONTINUE;
        }
        if (demuxer == null) {
            if (now < nextAttempt) {
                return ctx.sleep(Math.min(nextAttempt - now, 200_000) * 1000);
            }
            try {
                connect();
            } catch (MediaException e) {
                if (endRequested) {
                    return Step.DONE;
                }
                sourceLost(e.getMessage(), RecordClock.nowMicros());
            }
            return Step.CONTINUE;
        }
        Packet p;
        try {
            p = demuxer.read();
        } catch (MediaException e) {
            if (endRequested) {
                return Step.DONE;
            }
            disconnect();
            sourceLost(e.getMessage(), now);
            return Step.CONTINUE;
        }
        if (p == null) {
            if (!live) {
                return Step.DONE;
            }
            disconnect();
            sourceLost("end of stream from " + shown, now);
            return Step.CONTINUE;
        }
        if (!anchored && live) {
            settle(p, now);
            return Step.CONTINUE;
        }
        Media m = stamp(p);
        if (m != null) {
            send(m);
        }
        return Step.CONTINUE;
    }

    private void send(Media m) {
        if (m.video()) {
            videoPackets.incrementAndGet();
        }
        out.send(m);
    }

    private void settle(Packet p, long now) {
        long ts = p.dts() != avutil.AV_NOPTS_VALUE ? p.dts() : p.pts();
        if (ts == avutil.AV_NOPTS_VALUE || !p.timeBase().isValid()) {
            p.release();
            return;
        }
        long off = now - Math.round(p.timeBase().seconds(ts) * 1e6);
        if (settling.isEmpty()) {
            settleUntil = now + SETTLE_MICROS;
            minOffset = off;
        }
        minOffset = Math.min(minOffset, off);
        settling.add(p);
        if (now >= settleUntil || settling.size() > 4096) {
            Packet first = settling.peek();
            anchorSrc = first.timeBase().seconds(first.dts() != avutil.AV_NOPTS_VALUE ? first.dts() : first.pts());
            anchorWall = minOffset + Math.round(anchorSrc * 1e6);
            anchored = true;
            java.util.Arrays.fill(offsets, Long.MIN_VALUE);
            while (!settling.isEmpty()) {
                Media m = stamp(settling.poll());
                if (m != null) {
                    ready.add(m);
                }
            }
        }
    }

    private void connect() {
        Demuxer.Options o = new Demuxer.Options().cancelFlag(cancel);
        if (live) {
            o.openTimeout(timeout).readTimeout(timeout);
            o.option("correct_ts_overflow", "0"); // see TimestampUnwrap
        }
        options.forEach(o::option);
        Demuxer d = Demuxer.open(url, o);
        try {
            int v = d.bestStream(MediaType.VIDEO);
            if (v < 0) {
                throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video stream in " + shown);
            }
            int a = audio ? d.bestStream(MediaType.AUDIO) : -1;
            if (a >= 0) {
                d.selectStreams(v, a);
            } else {
                d.selectStreams(v);
            }
            streams = new Streams(d.stream(v), a >= 0 ? d.stream(a) : null, ++connections);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        demuxer = d;
        anchored = false;
        offsets = new long[d.streams().size()];
        unwraps = new TimestampUnwrap[0];
        backoff = BACKOFF_MIN_MICROS;
        long now = RecordClock.nowMicros();
        if (connections > 1) {
            reconnects.incrementAndGet();
        }
        if (lost) {
            log.accept(String.format(java.util.Locale.ROOT, "source back after %.1f s: %s", (now - lostSince) / 1e6, shown));
            out.send(new SourceEvent(SourceEvent.Kind.CONNECTED, now, "reconnected"));
        } else {
            log.accept("recording " + shown + ": " + streams.video() + (streams.audio() != null ? ", " + streams.audio() : ""));
        }
        lost = false;
    }

    private void disconnect() {
        settling.forEach(Packet::release);
        settling.clear();
        if (held != null) {
            held.release();
            held = null;
        }
        if (demuxer != null) {
            demuxer.close();
            demuxer = null;
        }
    }

    /** Logs the first failure and then at most once a minute, so hours of outage stay readable. */
    private void sourceLost(String why, long now) {
        String safe = Names.redact(why);
        if (!lost) {
            lost = true;
            lostSince = now;
            lastLog = now;
            log.accept("source lost (" + safe + "); reconnecting");
            out.send(new SourceEvent(SourceEvent.Kind.LOST, now, safe));
        } else if (now - lastLog > 60_000_000L) {
            lastLog = now;
            log.accept(String.format(java.util.Locale.ROOT, "source still unavailable after %.0f s (%s)", (now - lostSince) / 1e6, safe));
        }
        nextAttempt = now + backoff;
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MICROS);
    }

    /**
     * Moves {@code p} onto the wall-clock timeline; null when it has no usable timestamp. A jump of
     * the source's timestamps (a sender restarted) re-anchors, and the packets after it carry a new
     * {@link Streams}: the segmenter starts a new segment there, marked as a discontinuity, rather
     * than list a segment whose pictures do not fit its times.
     */
    private Media stamp(Packet p) {
        Rational tb = p.timeBase();
        AVPacket raw = p.avPacket();
        if (!tb.isValid() || raw.dts() == avutil.AV_NOPTS_VALUE && raw.pts() == avutil.AV_NOPTS_VALUE) {
            p.release();
            return null;
        }
        int si = p.streamIndex();
        TimestampUnwrap unwrap = unwrap(si);
        long dts = raw.dts() == avutil.AV_NOPTS_VALUE ? avutil.AV_NOPTS_VALUE : unwrap.decode(raw.dts());
        long pts = raw.pts() == avutil.AV_NOPTS_VALUE ? avutil.AV_NOPTS_VALUE
                : dts == avutil.AV_NOPTS_VALUE ? unwrap.decode(raw.pts()) : unwrap.near(raw.pts(), dts);
        long now = RecordClock.nowMicros();
        double src = tb.seconds(dts != avutil.AV_NOPTS_VALUE ? dts : pts);
        long wall = anchorWall + Math.round((src - anchorSrc) * 1e6);
        if (!anchored || (live && (wall - now > AHEAD_LIMIT_MICROS || now - wall > BEHIND_LIMIT_MICROS))) {
            if (anchored && breaks.jumped(now, wall - now)) {
                streams = new Streams(streams.video(), streams.audio(), streams.connection());
            }
            anchored = true;
            anchorWall = now;
            anchorSrc = src;
            wall = now;
            java.util.Arrays.fill(offsets, Long.MIN_VALUE);
        }
        if (si >= offsets.length) {
            int from = offsets.length;
            offsets = java.util.Arrays.copyOf(offsets, si + 1);
            java.util.Arrays.fill(offsets, from, offsets.length, Long.MIN_VALUE);
        }
        if (offsets[si] == Long.MIN_VALUE) {
            // Same shift in seconds for every stream, so audio stays in sync with video.
            double shiftSeconds = clock.seconds(anchorWall) - anchorSrc;
            offsets[si] = Math.round(shiftSeconds * tb.den() / tb.num());
        }
        long off = offsets[si];
        raw.pts(pts == avutil.AV_NOPTS_VALUE ? avutil.AV_NOPTS_VALUE : pts + off);
        raw.dts(dts == avutil.AV_NOPTS_VALUE ? avutil.AV_NOPTS_VALUE : dts + off);
        Packet q = Packet.reference(raw, tb);
        p.release();
        if (!live && realtime && wall > now + 1000) {
            held = q; // paced: sent when the wall clock reaches it
            heldWall = wall;
            return null;
        }
        return new Media(q, streams);
    }

    /** The unwrapper of stream {@code si}, made with the stream's timestamp width when first needed. */
    private TimestampUnwrap unwrap(int si) {
        if (si >= unwraps.length) {
            unwraps = java.util.Arrays.copyOf(unwraps, si + 1);
        }
        if (unwraps[si] == null) {
            var ctx = demuxer == null ? null : demuxer.avFormatContext();
            int bits = ctx != null && si < ctx.nb_streams() ? ctx.streams(si).pts_wrap_bits() : 64;
            unwraps[si] = new TimestampUnwrap(live ? bits : 64);
        }
        return unwraps[si];
    }

    @Override
    public void close() {
        ready.forEach(Media::release);
        ready.clear();
        disconnect();
    }
}
