package dev.reel.cli.transcode.chunks;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Outbox;
import dev.reel.runtime.Step;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Joins chunk files by stream copy: sends the first chunk's video {@link StreamInfo}, then every
 * packet of every chunk in order, with timestamps moved onto the input's timeline. One chunk file is
 * open at a time, so the number of chunks is not limited by open files.
 *
 * <p>Timestamps: a chunk's presentation times are moved so its first frame lands at its start time
 * in the input (from the plan), which puts each frame where it was. Decoding times are recomputed over the
 * whole output as the n-th smallest presentation time minus one delay {@code D} (the largest
 * reordering delay of any chunk), so they increase strictly across joins and never pass the
 * presentation time, whatever each chunk's encoder chose.
 */
public final class ChunkConcat implements Component {
    /** One chunk to join: its file and its first frame's time on the output timeline (seconds). */
    public record Part(Path file, double offsetSeconds) {
    }

    private final List<Part> parts;
    private Outbox<Object> out;
    private Rational timeBase;
    private long delay;
    private int part = -1;
    private Demuxer demuxer;
    private int stream;
    private long[] sortedPts;
    private int packet;
    private long offset;
    private long packets;
    private byte[] headers;

    public ChunkConcat(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no chunks to join");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    public Boxes boxes() {
        return Boxes.none().out(Boxes.OUTBOX, Object.class).build();
    }

    public long packets() {
        return packets;
    }

    @Override
    public void open(Context ctx) {
        out = ctx.outbox();
        // First pass: the reordering delay over all chunks (packet headers only, one file at a time).
        for (Part p : parts) {
            long[] pts = readPts(p.file());
            long[] sorted = pts.clone();
            Arrays.sort(sorted);
            for (int j = 0; j < pts.length; j++) {
                delay = Math.max(delay, sorted[j] - pts[j]);
            }
        }
    }

    @Override
    public Step step(Context ctx) {
        if (demuxer == null) {
            if (++part >= parts.size()) {
                return Step.DONE;
            }
            boolean first = part == 0;
            sortedPts = readPts(parts.get(part).file());
            Arrays.sort(sortedPts);
            demuxer = Demuxer.open(parts.get(part).file().toString());
            stream = demuxer.bestStream(MediaType.VIDEO);
            demuxer.selectStreams(stream);
            StreamInfo info = demuxer.stream(stream);
            byte[] h = extradata(info);
            if (first) {
                timeBase = info.timeBase();
                headers = h;
                out.send(info);
            } else if (parts.get(part).file().toString().endsWith(".mp4") && !Arrays.equals(headers, h)) {
                // MP4 chunks keep their parameter sets in the header only: the output keeps the first chunk's.
                throw new MediaException(MediaException.Kind.INVALID_ARGUMENT, "chunk " + part + "'s codec headers "
                        + "differ from the first chunk's: the encoder made them incompatible, they cannot be joined by stream copy");
            }
            // The chunk's first frame goes to its time in the input, whatever the chunk container did
            // to its start (edit lists, a half-frame seek margin).
            offset = Math.round(parts.get(part).offsetSeconds() * timeBase.den() / timeBase.num())
                    - (sortedPts.length == 0 ? 0 : sortedPts[0]);
            packet = 0;
            return Step.CONTINUE;
        }
        Packet p = demuxer.read();
        if (p == null) {
            demuxer.close();
            demuxer = null;
            return Step.CONTINUE;
        }
        try {
            Rational tb = p.timeBase();
            AVPacket raw = p.avPacket();
            long pts = Rational.rescale(raw.pts(), tb, timeBase) + offset;
            long dts = sortedPts[packet++] + offset - delay;
            raw.pts(pts);
            raw.dts(dts);
            raw.duration(Rational.rescale(raw.duration(), tb, timeBase));
            packets++;
            out.send(Packet.reference(raw, timeBase));
        } finally {
            p.release();
        }
        return Step.CONTINUE;
    }

    private static byte[] extradata(StreamInfo info) {
        var par = info.codecParameters();
        int n = par.extradata_size();
        byte[] b = new byte[Math.max(0, n)];
        if (n > 0 && par.extradata() != null) {
            par.extradata().get(b);
        }
        return b;
    }

    /** Presentation times of a file's video packets, in decoding order, in the first chunk's time base. */
    private long[] readPts(Path file) {
        try (Demuxer d = Demuxer.open(file.toString())) {
            int v = d.bestStream(MediaType.VIDEO);
            if (v < 0) {
                throw new MediaException(MediaException.Kind.NOT_MEDIA, "no video in chunk " + file);
            }
            d.selectStreams(v);
            Rational tb = timeBase != null ? timeBase : d.stream(v).timeBase();
            if (timeBase == null) {
                timeBase = tb;
            }
            long[] pts = new long[64];
            int n = 0;
            for (Packet p; (p = d.read()) != null; ) {
                if (n == pts.length) {
                    pts = Arrays.copyOf(pts, n * 2);
                }
                pts[n++] = Rational.rescale(p.pts(), p.timeBase(), tb);
                p.release();
            }
            return Arrays.copyOf(pts, n);
        }
    }

    @Override
    public void close() {
        if (demuxer != null) {
            demuxer.close();
        }
    }
}
