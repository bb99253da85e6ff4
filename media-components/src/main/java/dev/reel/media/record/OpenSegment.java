package dev.reel.media.record;

import dev.reel.media.frame.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * The segment being written: its file, sequence number and start on the wall-clock grid, when it
 * may be cut, and the manifest entry it becomes when closed. Single-threaded.
 */
final class OpenSegment {
    final OutputFile out;
    final long seq;
    /** Wall-clock micros of its first video packet. */
    final long start;
    private final long segMicros;
    private final boolean mp4;
    /** The next boundary of the wall-clock grid. */
    private final long nextCut;

    /** Opens DIR/START-SEQ.EXT; throws {@link dev.reel.media.core.MediaException} when the file cannot be written. */
    OpenSegment(Segmenter.Settings s, long seq, long wall, StreamInfo video, StreamInfo audio) {
        String name = RecordClock.compact(wall) + "-" + String.format(Locale.ROOT, "%06d", seq) + "." + s.extension();
        this.out = new OutputFile(s.dir().resolve(name), s.container(), video, audio);
        this.seq = seq;
        this.start = wall;
        this.segMicros = Math.round(s.segmentSeconds() * 1e6);
        this.mp4 = s.container().equals("mp4");
        // Multiples of the segment length since 1970, so names line up across restarts.
        this.nextCut = Math.floorDiv(wall, segMicros) * segMicros + segMicros;
    }

    /** True when a key frame at {@code wall} ends this segment: past the grid boundary and half a segment long (no slivers). */
    boolean cutAt(long wall) {
        return wall >= nextCut && wall - start >= segMicros / 2;
    }

    /** Finishes the file (renamed from its temporary name); throws {@link dev.reel.media.core.MediaException} when it cannot. */
    void finish() {
        out.mux.finish();
    }

    /** The manifest entry of the finished file closed at {@code endWall}, shots not yet set. */
    Manifest.Segment entry(long endWall, boolean discontinuity) throws IOException {
        Manifest.Segment e = new Manifest.Segment();
        e.seq = seq;
        e.file = out.path.getFileName().toString();
        long end = end(endWall);
        e.start = RecordClock.iso(start);
        e.end = RecordClock.iso(end);
        e.duration = Math.round((end - start) / 1000.0) / 1000.0;
        e.bytes = Files.size(out.path);
        if (mp4) {
            e.initBytes = Fmp4.initLength(out.path);
        }
        e.discontinuity = discontinuity;
        return e;
    }

    /** The end written for a close at {@code endWall}: at least a millisecond after the start. */
    long end(long endWall) {
        return Math.max(endWall, start + 1000);
    }
}
