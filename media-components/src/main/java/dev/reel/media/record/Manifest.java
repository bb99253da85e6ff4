package dev.reel.media.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a recording directory holds: {@code manifest.json}, rewritten atomically (temp file, fsync,
 * rename) after every segment, so a reader or a crash only ever sees a complete version. Times are
 * ISO 8601 UTC with milliseconds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Manifest {
    public static final String FILE = "manifest.json";
    public static final String PLAYLIST = "playlist.m3u8";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public int version = 1;
    /** The source with credentials removed. */
    public String source;
    /** "mpegts" or "mp4" (fragmented). */
    public String container;
    public double segmentSeconds;
    /** 0: keep everything. */
    public double windowSeconds;
    public String updated;
    /** Discontinuities that left the window (for the playlist's EXT-X-DISCONTINUITY-SEQUENCE). */
    public long discontinuitySequence;
    /** The shot detector used while recording, or null (no shot detection). */
    public String shotDetector;
    public List<Segment> segments = new ArrayList<>();
    public List<Gap> gaps = new ArrayList<>();
    public Stats stats = new Stats();

    /** One closed segment: a file in the directory, playable on its own. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Segment {
        public long seq;
        public String file;
        public String start;
        public String end;
        public double duration;
        public long bytes;
        /** True when it does not continue the previous segment (gap, restart, stream change). */
        public boolean discontinuity;
        /** Fragmented MP4: bytes of the init part (ftyp, moov) at the start of the file. */
        public long initBytes;
        /** Shot changes in this segment (with shot detection), in time order. */
        public List<Shot> shots;

        @JsonIgnore
        public Instant startInstant() {
            return Instant.parse(start);
        }

        @JsonIgnore
        public Instant endInstant() {
            return Instant.parse(end);
        }
    }

    /**
     * A shot change: {@code time} of its first frame (ISO UTC), {@code offset} seconds from the
     * start of its file (segment or programme), {@code seconds} its length (0 for a cut).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Shot {
        public String time;
        public double offset;
        public String type;
        public double seconds;
        public double score;

        public Shot() {
        }

        public Shot(ShotMark m, long fileStartMicros) {
            this.time = RecordClock.iso(m.startMicros());
            this.offset = Math.round((m.startMicros() - fileStartMicros) / 1000.0) / 1000.0;
            this.type = m.type();
            this.seconds = Math.round((m.endMicros() - m.startMicros()) / 1000.0) / 1000.0;
            this.score = Math.round(m.score() * 1000) / 1000.0;
        }
    }

    /** A time without recording, with why. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Gap {
        public String from;
        public String to;
        public double seconds;
        public String reason;

        public Gap() {
        }

        public Gap(long fromMicros, long toMicros, String reason) {
            this.from = RecordClock.iso(fromMicros);
            this.to = RecordClock.iso(toMicros);
            this.seconds = Math.round((toMicros - fromMicros) / 1000.0) / 1000.0;
            this.reason = reason;
        }
    }

    /** Counters of the recorder run that wrote this version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Stats {
        public long videoPackets;
        /** Messages dropped on the live (leaky) links: the recorder could not keep up. */
        public long dropped;
        /** Packets dropped in front of shot detection (it could not keep up; the recording is whole). */
        public long shotsDropped;
        public long reconnects;
        /** Capture to segment on disk: end of a segment's media to its file being renamed. */
        public double delayMsMean;
        public double delayMsMax;
    }

    /** Reads DIR/manifest.json, or null when there is none. */
    public static Manifest load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        return JSON.readValue(f.toFile(), Manifest.class);
    }

    /**
     * Like {@link #load} for readers ({@code timeshift ls}, {@code export}): every field they rely on
     * is checked, so a damaged manifest is one clear error, not a failure deep inside (found by
     * scripts/fuzz). The recorder itself uses {@link #load} and repairs what it can.
     */
    public static Manifest loadChecked(Path dir) throws IOException {
        Manifest m = load(dir);
        if (m == null) {
            return null;
        }
        if (m.segments == null) {
            m.segments = new ArrayList<>();
        }
        if (m.gaps == null) {
            m.gaps = new ArrayList<>();
        }
        if (m.stats == null) {
            m.stats = new Stats();
        }
        for (int i = 0; i < m.segments.size(); i++) {
            Segment s = m.segments.get(i);
            if (s == null) {
                throw damaged("segment " + (i + 1) + " is empty");
            }
            if (s.file == null || s.file.isEmpty() || s.file.startsWith(".") || s.file.contains("/") || s.file.contains("\\")) {
                throw damaged("segment " + (i + 1) + " has no plain file name (" + s.file + ")");
            }
            time(s.start, "segment " + (i + 1) + " start");
            time(s.end, "segment " + (i + 1) + " end");
            if (!Double.isFinite(s.duration) || s.duration < 0) {
                throw damaged("segment " + (i + 1) + " has a bad duration (" + s.duration + ")");
            }
        }
        for (int i = 0; i < m.gaps.size(); i++) {
            Gap g = m.gaps.get(i);
            if (g == null) {
                throw damaged("gap " + (i + 1) + " is empty");
            }
            time(g.from, "gap " + (i + 1) + " from");
            time(g.to, "gap " + (i + 1) + " to");
        }
        return m;
    }

    private static void time(String t, String what) throws IOException {
        try {
            Instant.parse(t);
        } catch (RuntimeException e) {
            throw damaged(what + " is not a time (" + t + ")");
        }
    }

    private static IOException damaged(String what) {
        return new IOException("damaged " + FILE + ": " + what);
    }

    /** Writes the manifest and the HLS playlist, each atomically. */
    public void save(Path dir) throws IOException {
        updated = RecordClock.iso(RecordClock.nowMicros());
        writeAtomically(dir.resolve(FILE), JSON.writeValueAsBytes(this));
        writeAtomically(dir.resolve(PLAYLIST), playlist().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A live HLS playlist over the window: EXT-X-PROGRAM-DATE-TIME on every segment (players map
     * positions to wall-clock time, seek by date), EXT-X-DISCONTINUITY after gaps and restarts.
     * Fragmented MP4 (version 7): every segment file begins with its own init part, so each gets
     * an EXT-X-MAP with a byte range over it and an EXT-X-BYTERANGE over the fragments after it.
     */
    public String playlist() {
        StringBuilder b = new StringBuilder(256 + segments.size() * 96);
        double max = segmentSeconds;
        for (Segment s : segments) {
            max = Math.max(max, s.duration);
        }
        boolean fmp4 = "mp4".equals(container);
        b.append("#EXTM3U\n#EXT-X-VERSION:").append(fmp4 ? 7 : 3).append('\n');
        b.append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(max - 1e-3)).append('\n');
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.get(0).seq).append('\n');
        b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        boolean first = true;
        for (Segment s : segments) {
            if (s.discontinuity && !first) {
                b.append("#EXT-X-DISCONTINUITY\n");
            }
            first = false;
            if (fmp4) {
                b.append("#EXT-X-MAP:URI=\"").append(s.file).append("\",BYTERANGE=\"").append(s.initBytes).append("@0\"\n");
            }
            b.append("#EXT-X-PROGRAM-DATE-TIME:").append(s.start).append('\n');
            b.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", s.duration));
            if (fmp4) {
                b.append("#EXT-X-BYTERANGE:").append(s.bytes - s.initBytes).append('@').append(s.initBytes).append('\n');
            }
            b.append(s.file).append('\n');
        }
        return b.toString();
    }

    /** Replaces {@code target} with {@code data} so that readers see the old or the new file, never a mix. */
    public static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** JSON of any value (programme sidecars). */
    static byte[] json(Object o) throws IOException {
        return JSON.writeValueAsBytes(o);
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
