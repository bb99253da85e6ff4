package dev.reel.media.record;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.Rational;
import dev.reel.media.frame.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Cuts a wall-clock window out of a recording. By stream copy: from the last video key frame at or
 * before {@code from} (so the file starts decodable) up to {@code to}. Exact: from the first frame
 * at or after {@code from} to the last before {@code to}, re-encoding what copy cannot cut (see
 * {@link ExactCut}). Output timestamps start at zero; gaps in the recording are closed up (listed
 * in the result) so the file plays straight.
 */
public final class Exporter {
    private Exporter() {
    }

    /**
     * What was written: wall-clock span actually covered, its length, segments read, gaps closed
     * up, and how: "copy", "exact-splice" (edges re-encoded) or "exact-reencode" (all re-encoded).
     */
    public record Result(Path out, long startMicros, long endMicros, double seconds, int segments, List<Manifest.Gap> gaps,
                         String method) {
    }

    public static Result export(Path dir, long from, long to, Path out, String format) throws IOException {
        return export(dir, from, to, out, format, false);
    }

    public static Result export(Path dir, long from, long to, Path out, String format, boolean exact) throws IOException {
        if (to <= from) {
            throw new IllegalArgumentException("the end of the window must be after its start");
        }
        Manifest m = Manifest.loadChecked(dir);
        if (m == null) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "no recording in " + dir + " (no " + Manifest.FILE + ")");
        }
        List<Manifest.Segment> chosen = new ArrayList<>();
        for (Manifest.Segment s : m.segments) {
            long ss = RecordClock.micros(s.startInstant());
            long se = RecordClock.micros(s.endInstant());
            if (se > from && ss < to && Files.exists(dir.resolve(s.file))) {
                chosen.add(s);
            }
        }
        if (chosen.isEmpty()) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "nothing recorded between " + RecordClock.iso(from) + " and "
                    + RecordClock.iso(to) + (m.segments.isEmpty() ? "" : " (the buffer holds " + m.segments.get(0).start + " to "
                            + m.segments.get(m.segments.size() - 1).end + ")"));
        }
        List<Manifest.Gap> gaps = new ArrayList<>();
        Muxer.Options mo = new Muxer.Options();
        if (format != null) {
            mo.format(format);
        }
        Muxer mux = Muxer.open(out.toString(), mo);
        long startWall = Long.MIN_VALUE;
        long decodeFrom = Long.MIN_VALUE; // exact: the key frame decoding starts at
        ExactCut cut = null;
        long lastWall = Long.MIN_VALUE;
        double outBase = 0; // output seconds where the current segment's start lands
        long prevStart = 0;
        long prevEnd = 0;
        int v = -1;
        int a = -1;
        StreamInfo outVideo = null;
        int used = 0;
        try {
            for (Manifest.Segment s : chosen) {
                long ss = RecordClock.micros(s.startInstant());
                long se = RecordClock.micros(s.endInstant());
                Demuxer opened = openUnlessDeleted(dir.resolve(s.file));
                if (opened == null) {
                    // The recorder recycled it (window, disk space) after the manifest was read.
                    gaps.add(new Manifest.Gap(ss, se, "deleted while exporting"));
                    continue;
                }
                try (Demuxer d = opened) {
                    int vi = d.bestStream(MediaType.VIDEO);
                    int ai = d.bestStream(MediaType.AUDIO);
                    if (vi < 0) {
                        continue;
                    }
                    StreamInfo video = d.stream(vi);
                    // The file's first video timestamp is the segment's wall-clock start.
                    double first = firstVideoSeconds(d, vi);
                    if (outVideo == null) {
                        outVideo = video;
                        Scan sc = scan(dir.resolve(s.file), vi, first, ss, from);
                        startWall = exact ? sc.firstFrame() : sc.key();
                        decodeFrom = sc.key();
                        if (exact) {
                            boolean splice = ExactCut.canSplice(mux.formatName(), video, sc.reorders());
                            cut = new ExactCut(mux, video, splice, Muxer.needsGlobalHeader(out.toString(), format));
                            v = cut.stream();
                        } else {
                            v = mux.addStream(video);
                        }
                        a = ai >= 0 ? mux.addStream(d.stream(ai)) : -1;
                        outBase = (ss - startWall) / 1e6;
                    } else if (video.codecId() != outVideo.codecId() || video.width() != outVideo.width()
                            || video.height() != outVideo.height()) {
                        gaps.add(new Manifest.Gap(ss, to, "stream changed; export stops here"));
                        break;
                    }
                    if (ai >= 0 && a >= 0) {
                        d.selectStreams(vi, ai);
                    } else {
                        d.selectStreams(vi);
                    }
                    if (used > 0) {
                        boolean contiguous = Math.abs(ss - prevEnd) < 500_000;
                        if (!contiguous) {
                            gaps.add(new Manifest.Gap(prevEnd, ss, "not recorded"));
                        }
                        outBase += (contiguous ? ss - prevStart : prevEnd - prevStart) / 1e6;
                    }
                    prevStart = ss;
                    prevEnd = se;
                    used++;
                    double end = outBase + (to - ss) / 1e6; // where the export ends, in output seconds
                    Packet p;
                    while ((p = d.read()) != null) {
                        try {
                            long ts = p.pts() != avutil.AV_NOPTS_VALUE ? p.pts() : p.dts();
                            if (ts == avutil.AV_NOPTS_VALUE) {
                                continue;
                            }
                            long wall = ss + Math.round((p.timeBase().seconds(ts) - first) * 1e6);
                            boolean isVideo = p.streamIndex() == vi;
                            if (cut != null && isVideo) {
                                // Exact: decoding needs the packets from the key frame on, and (with
                                // reordering) some after the end; the cut writes only what belongs.
                                if (wall >= decodeFrom) {
                                    Packet q = shifted(p, outBase - first);
                                    try {
                                        cut.video(q, end);
                                    } finally {
                                        q.release();
                                    }
                                }
                            } else if (wall >= startWall && wall < to && (isVideo || a >= 0)) {
                                write(mux, p, isVideo ? v : a, outBase - first);
                            }
                            if (isVideo && wall >= startWall && wall < to) {
                                lastWall = Math.max(lastWall, wall + Math.max(0, Math.round(p.timeBase().seconds(p.duration()) * 1e6)));
                            }
                        } finally {
                            p.release();
                        }
                    }
                }
            }
            if (startWall == Long.MIN_VALUE) {
                throw new MediaException(MediaException.Kind.NOT_FOUND, "no video in the recording between the given times");
            }
            if (cut != null) {
                cut.finish(outBase + (to - prevStart) / 1e6);
            }
            mux.finish();
        } finally {
            if (cut != null) {
                cut.close();
            }
            mux.close();
        }
        double closed = gaps.stream().filter(g -> "not recorded".equals(g.reason)).mapToDouble(g -> g.seconds).sum();
        double seconds = Math.max(0, (lastWall - startWall) / 1e6 - closed);
        String method = cut == null ? "copy" : cut.spliced() ? "exact-splice" : "exact-reencode";
        return new Result(out, startWall, lastWall, Math.round(seconds * 1000) / 1000.0, used, gaps, method);
    }

    private static double firstVideoSeconds(Demuxer d, int vi) {
        StreamInfo v = d.stream(vi);
        if (v.startTime() != avutil.AV_NOPTS_VALUE) {
            return v.timeBase().seconds(v.startTime());
        }
        double s = d.startSeconds();
        return Double.isNaN(s) ? 0 : s;
    }

    /**
     * In the first segment: the wall time of the last key frame at or before {@code from} (the
     * segment's start if none), of the first frame at or after it, and whether frames are reordered.
     */
    private record Scan(long key, long firstFrame, boolean reorders) {
    }

    private static Scan scan(Path file, int vi, double first, long ss, long from) {
        long key = ss;
        long firstFrame = Long.MAX_VALUE;
        long last = ss;
        boolean reorders = false;
        try (Demuxer d = Demuxer.open(file.toString())) {
            d.selectStreams(vi);
            Packet p;
            while ((p = d.read()) != null) {
                try {
                    if (p.pts() == avutil.AV_NOPTS_VALUE) {
                        continue;
                    }
                    reorders |= p.dts() != avutil.AV_NOPTS_VALUE && p.dts() != p.pts();
                    long w = ss + Math.round((p.timeBase().seconds(p.pts()) - first) * 1e6);
                    last = Math.max(last, w);
                    if (w >= from) {
                        firstFrame = Math.min(firstFrame, w);
                    }
                    if (p.keyFrame() && w <= from) {
                        key = Math.max(key, w);
                    }
                } finally {
                    p.release();
                }
            }
        }
        return new Scan(key, firstFrame == Long.MAX_VALUE ? last : firstFrame, reorders);
    }

    /** A new reference to {@code p} with its timestamps moved by {@code shiftSeconds} (p's own are moved too). */
    private static Packet shifted(Packet p, double shiftSeconds) {
        Rational tb = p.timeBase();
        long d = Math.round(shiftSeconds * tb.den() / tb.num());
        AVPacket raw = p.avPacket();
        raw.pts(raw.pts() == avutil.AV_NOPTS_VALUE ? raw.pts() : raw.pts() + d);
        raw.dts(raw.dts() == avutil.AV_NOPTS_VALUE ? raw.dts() : raw.dts() + d);
        return Packet.reference(raw, tb);
    }

    /** Writes {@code p} shifted by {@code shiftSeconds}. */
    private static void write(Muxer mux, Packet p, int stream, double shiftSeconds) {
        Packet q = shifted(p, shiftSeconds);
        try {
            mux.write(q, stream);
        } finally {
            q.release();
        }
    }

    /** Opens a segment, or null when it no longer exists (a live recorder deleted it since the manifest was read). */
    private static Demuxer openUnlessDeleted(Path file) {
        try {
            return Demuxer.open(file.toString());
        } catch (MediaException e) {
            if (!Files.exists(file)) {
                return null;
            }
            throw e;
        }
    }
}
