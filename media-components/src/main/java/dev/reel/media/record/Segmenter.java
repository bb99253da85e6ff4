package dev.reel.media.record;

import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.Muxer;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Step;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes rolling segments (and programme files) from packets on the wall-clock timeline.
 *
 * <p>Inputs: {@code inbox} takes {@link Media} (stream copy: video and audio from {@link Capture}) or
 * an encoder's {@link StreamInfo} then video {@link Packet}s (transcoding); {@code audio} takes
 * {@link Media} audio packets and {@link Streams} (transcoding: audio is copied beside the encoder).
 * {@link SourceEvent}s on either give gaps their reason.
 *
 * <p>A segment starts at a video key frame and is cut at the first key frame at or after the next
 * boundary of the wall-clock grid (multiples of the segment length since 1970, so names line up
 * across restarts). It is written under a temporary name and renamed when closed; then the
 * manifest and playlist are rewritten atomically and segments older than the window are deleted.
 * Audio is held until video reaches its time, so each packet lands in the segment of its time.
 *
 * <p>With shot detection, {@link ShotMark}s arrive on {@code shots}, later than the video they
 * describe (decoding and detector latency): a mark for a segment or programme file already closed
 * is added to its manifest entry or sidecar, which is then rewritten.
 */
public final class Segmenter implements Component {
    /** Names of segment files: UTC start and sequence number. */
    static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{8}T\\d{6}Z)-(\\d{6,})\\.(ts|mp4)");
    private static final long GAP_MICROS = 1_500_000;
    private static final int AUDIO_QUEUE_MAX = 4096;

    /** What to write where. */
    public record Settings(Path dir, String container, double segmentSeconds, double windowSeconds, String source,
                           List<Programme> schedule, String shotDetector, long minFreeBytes) {
        public Settings {
            if (!container.equals("mpegts") && !container.equals("mp4")) {
                throw new IllegalArgumentException("container must be mpegts or mp4, got " + container);
            }
            if (segmentSeconds < 0.5) {
                throw new IllegalArgumentException("segment length must be at least 0.5 s");
            }
            schedule = schedule == null ? List.of() : List.copyOf(schedule);
        }

        String extension() {
            return container.equals("mp4") ? "mp4" : "ts";
        }
    }

    private final Settings s;
    private final RecordClock clock;
    private final Consumer<String> log;
    private final LongSupplier dropped;
    private final LongSupplier videoPackets;
    private final LongSupplier reconnects;
    private final long segMicros;
    private final Path finishedDir;

    private Inbox<Object> in;
    private Inbox<Object> audioIn;
    private Inbox<Object> shotsIn;
    private LongSupplier shotsDropped = () -> 0;
    private final List<ShotMark> pendingShots = new ArrayList<>();
    private List<ShotMark> progShots = new ArrayList<>();
    /** Programme files closed lately, whose sidecars late shot marks may still go into. */
    private final ArrayDeque<Sidecar> recentSidecars = new ArrayDeque<>();

    private record Sidecar(Path path, Map<String, Object> content, long start, long end, List<Manifest.Shot> shots) {
    }
    private Manifest manifest;
    private long nextSeq;

    // Transcoding: the encoder's stream, and the source's streams for audio.
    private StreamInfo encoderInfo;
    private Streams audioStreams;

    private Output seg;
    private long segSeq;
    private long segStart;
    private long nextCut;
    private boolean discontinuityNext = true;
    private long lastVideoWall = Long.MIN_VALUE;
    private long lastVideoEnd = Long.MIN_VALUE;
    private Long gapFrom;
    private String gapReason;
    private String lostReason;
    private final ArrayDeque<Media> audioQ = new ArrayDeque<>();

    private Output prog;
    private Programme progEntry;
    private long progStart;
    private int progPart;
    private List<Manifest.Gap> progGaps = new ArrayList<>();
    private final Set<Programme> progDone = new HashSet<>();

    private long delayCount;
    private double delaySum;
    private double delayMax;
    private long segmentsWritten;
    private long programmesWritten;

    /** One open output file: a muxer and its stream indexes. */
    private static final class Output {
        final Muxer mux;
        final StreamInfo video;
        final StreamInfo audio;
        final int v;
        final int a;
        final Path path;
        /** ADTS AAC into MP4: headers stripped here (see {@link Fmp4#forMp4}). */
        final boolean adts;

        Output(Path path, String container, StreamInfo video, StreamInfo audio) {
            this.path = path;
            Muxer.Options o = new Muxer.Options().format(container);
            if (container.equals("mp4")) {
                o.fragmented(true);
            } else {
                // Each segment is its own muxer, so continuity counters restart: flag it, or HLS
                // demuxers that join segments into one stream report every first packet as corrupt.
                o.option("mpegts_flags", "+initial_discontinuity");
            }
            this.mux = Muxer.open(path.toString(), o);
            try {
                this.video = video;
                this.audio = audio;
                this.v = mux.addStream(video);
                StreamInfo out = container.equals("mp4") ? Fmp4.forMp4(audio) : audio;
                this.adts = out != audio;
                this.a = audio == null ? -1 : mux.addStream(out);
            } catch (RuntimeException e) {
                mux.abort();
                throw e;
            }
        }

        void put(Packet p, int stream) {
            if (stream != a || !adts) {
                mux.write(p, stream);
                return;
            }
            Packet raw = Fmp4.withoutAdts(p);
            try {
                mux.write(raw, stream);
            } finally {
                raw.release();
            }
        }
    }

    public Segmenter(Settings settings, RecordClock clock, Consumer<String> log, LongSupplier dropped, LongSupplier videoPackets,
            LongSupplier reconnects) {
        this.s = settings;
        this.clock = clock;
        this.log = log;
        this.dropped = dropped;
        this.videoPackets = videoPackets;
        this.reconnects = reconnects;
        this.segMicros = Math.round(settings.segmentSeconds() * 1e6);
        this.finishedDir = settings.dir().resolve("finished");
    }

    @Override
    public Boxes boxes() {
        return Boxes.builder().in(Boxes.INBOX, Object.class).in("audio", Object.class).in("shots", Object.class).noOutbox().build();
    }

    @Override
    public boolean blocking() {
        return true; // file writes, fsync of the manifest
    }

    @Override
    public int cost() {
        return 2;
    }

    public long segmentsWritten() {
        return segmentsWritten;
    }

    public long programmesWritten() {
        return programmesWritten;
    }

    /** Where the count of packets dropped in front of shot detection comes from. */
    public void countShotDrops(LongSupplier dropped) {
        this.shotsDropped = dropped;
    }

    @Override
    public void open(Context ctx) throws IOException {
        in = ctx.inbox();
        audioIn = ctx.inbox("audio");
        shotsIn = ctx.inbox("shots");
        Files.createDirectories(s.dir());
        manifest = recover(s, log);
        manifest.source = s.source();
        manifest.container = s.container();
        manifest.segmentSeconds = s.segmentSeconds();
        manifest.windowSeconds = s.windowSeconds();
        manifest.shotDetector = s.shotDetector();
        manifest.stats = new Manifest.Stats();
        nextSeq = manifest.segments.stream().mapToLong(x -> x.seq).max().orElse(-1) + 1;
        if (!manifest.segments.isEmpty()) {
            Manifest.Segment last = manifest.segments.get(manifest.segments.size() - 1);
            gapFrom = RecordClock.micros(last.endInstant());
            gapReason = "recorder not running";
        }
        if (!s.schedule().isEmpty()) {
            Files.createDirectories(finishedDir);
            for (Programme p : s.schedule()) {
                if (Files.exists(finishedDir.resolve(p.baseName() + ".json"))) {
                    progDone.add(p); // finished by an earlier run
                }
            }
        }
        manifest.save(s.dir());
    }

    /**
     * The manifest of DIR made consistent with the files after any crash: temporary files of
     * segments are deleted, those of programmes kept under a "-interrupted" name (they play),
     * segments renamed but not yet listed are adopted, listed but missing ones dropped.
     */
    static Manifest recover(Settings s, Consumer<String> log) throws IOException {
        Path dir = s.dir();
        Manifest m = Manifest.load(dir);
        if (m == null) {
            m = new Manifest();
        }
        m.segments.removeIf(x -> x.file == null || !SEGMENT_NAME.matcher(x.file).matches() || !Files.exists(dir.resolve(x.file)));
        Set<String> listed = new HashSet<>();
        m.segments.forEach(x -> listed.add(x.file));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".part")) {
                    Files.deleteIfExists(p);
                    continue;
                }
                Matcher mm = SEGMENT_NAME.matcher(n);
                if (mm.matches() && !listed.contains(n)) {
                    adopt(m, p, mm, log);
                }
            }
        }
        m.segments.sort(Comparator.comparingLong(x -> x.seq));
        Path fin = dir.resolve("finished");
        if (Files.isDirectory(fin)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(fin, ".*.part")) {
                for (Path p : ds) {
                    if (!holdsAPicture(p)) {
                        // Killed before anything was written: nothing plays, so nothing is kept.
                        Files.delete(p);
                        log.accept("dropped an empty interrupted programme file " + p.getFileName());
                        continue;
                    }
                    String n = p.getFileName().toString();
                    String name = n.substring(1, n.length() - ".part".length());
                    int dot = name.lastIndexOf('.');
                    String base = (dot > 0 ? name.substring(0, dot) : name) + "-interrupted";
                    String ext = dot > 0 ? name.substring(dot) : "";
                    Path target = unique(fin, base, ext);
                    Files.move(p, target);
                    Map<String, Object> side = new LinkedHashMap<>();
                    side.put("file", target.getFileName().toString());
                    side.put("complete", false);
                    side.put("note", "the recorder stopped without closing this file; it plays up to that moment");
                    Manifest.writeAtomically(fin.resolve(target.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".json"),
                            Manifest.json(side));
                    log.accept("kept interrupted programme file " + target.getFileName());
                }
            }
        }
        return m;
    }

    /**
     * True when {@code file} holds a picture to play: a packet of its video stream (any packet for a
     * file without video). A programme file killed just after it was opened holds none.
     */
    private static boolean holdsAPicture(Path file) {
        try (Demuxer d = Demuxer.open(file.toString())) {
            int video = d.bestStream(MediaType.VIDEO);
            for (Packet p = d.read(); p != null; p = d.read()) {
                boolean wanted = video < 0 || p.streamIndex() == video;
                p.release();
                if (wanted) {
                    return true;
                }
            }
            return false;
        } catch (MediaException e) {
            return false;
        }
    }

    /** A segment renamed just before a crash, before the manifest listed it: its name gives the start. */
    private static void adopt(Manifest m, Path p, Matcher mm, Consumer<String> log) {
        try {
            Probe.Result r = Probe.probe(p.toString());
            double d = r.durationSeconds() == null ? 0 : r.durationSeconds();
            java.time.Instant start = java.time.LocalDateTime.parse(mm.group(1),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(java.time.ZoneOffset.UTC);
            Manifest.Segment seg = new Manifest.Segment();
            seg.seq = Long.parseLong(mm.group(2));
            seg.file = p.getFileName().toString();
            long sm = RecordClock.micros(start);
            seg.start = RecordClock.iso(sm);
            seg.end = RecordClock.iso(sm + Math.round(d * 1e6));
            seg.duration = Math.round(d * 1000) / 1000.0;
            seg.bytes = Files.size(p);
            seg.initBytes = seg.file.endsWith(".mp4") ? Fmp4.initLength(p) : 0;
            seg.discontinuity = true;
            m.segments.add(seg);
            log.accept("adopted segment " + seg.file + " written before a crash");
        } catch (RuntimeException | IOException e) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // left for the next start
            }
        }
    }

    private static Path unique(Path dir, String base, String ext) {
        Path p = dir.resolve(base + ext);
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(base + "-" + i + ext);
        }
        return p;
    }

    @Override
    public Step step(Context ctx) {
        try {
            return turn();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw writeError(e);
        }
    }

    /** Any I/O failure here is the disk or DIR (full, removed, read-only): an output error, one line. */
    private MediaException writeError(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            why = f.getFile() + ": " + f.getReason();
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            why = "no such file or directory: " + why;
        }
        return new MediaException(MediaException.Kind.IO, "cannot write to " + s.dir() + ": " + why);
    }

    private Step turn() throws IOException {
        Object a = audioIn.poll();
        if (a != null) {
            onMessage(a);
            return Step.CONTINUE;
        }
        Object shot = shotsIn.poll();
        if (shot instanceof ShotMark mark) {
            onShot(mark);
            return Step.CONTINUE;
        }
        Object m = in.poll();
        if (m == null) {
            return Step.WAIT_INPUT;
        }
        onMessage(m);
        return Step.CONTINUE;
    }

    private void onMessage(Object m) throws IOException {
        if (m instanceof Media media) {
            if (media.video()) {
                try {
                    video(media.packet(), media.streams().video(), media.streams().audio());
                } finally {
                    media.release();
                }
            } else {
                audioQ.addLast(media);
                if (audioQ.size() > AUDIO_QUEUE_MAX) {
                    audioQ.removeFirst().release();
                }
            }
        } else if (m instanceof Packet p) {
            try {
                if (encoderInfo != null) {
                    video(p, encoderInfo, audioStreams == null ? null : audioStreams.audio());
                }
            } finally {
                p.release();
            }
        } else if (m instanceof StreamInfo info) {
            encoderInfo = info;
        } else if (m instanceof Streams st) {
            audioStreams = st;
        } else if (m instanceof SourceEvent e) {
            if (e.kind() == SourceEvent.Kind.LOST) {
                lostReason = "source lost: " + e.message();
                if (seg != null) {
                    flushAudio(Long.MAX_VALUE);
                    closeSegment(lastVideoEnd);
                    gapFrom = lastVideoEnd;
                    gapReason = lostReason;
                }
            }
        } else {
            dev.reel.runtime.buffer.RefCounted.releaseIfCounted(m);
        }
    }

    private void video(Packet p, StreamInfo video, StreamInfo audio) throws IOException {
        long wall = clock.wall(p.seconds());
        boolean key = p.keyFrame();
        if (seg != null && (!compatible(seg, video, audio) || wall - lastVideoWall > GAP_MICROS || wall < lastVideoWall - GAP_MICROS)) {
            boolean gap = wall - lastVideoWall > GAP_MICROS;
            flushAudio(lastVideoEnd);
            long end = lastVideoEnd;
            closeSegment(end);
            if (gap) {
                gapFrom = end;
                gapReason = lostReason != null ? lostReason : "no data from the source";
            }
            discontinuityNext = true;
        }
        if (seg == null) {
            if (!key) {
                dropAudioBefore(wall);
                return;
            }
            openSegment(wall, video, audio);
            if (seg == null) {
                return;
            }
        } else if (key && wall >= nextCut && wall - segStart >= segMicros / 2) {
            flushAudio(wall);
            closeSegment(wall);
            openSegment(wall, video, audio);
            if (seg == null) {
                return;
            }
        }
        programme(wall, key, video, audio);
        flushAudio(wall);
        write(seg, p, seg.v);
        if (prog != null) {
            writeProg(p, prog.v);
        }
        lastVideoWall = wall;
        long dur = p.duration() > 0 ? Math.round(p.timeBase().seconds(p.duration()) * 1e6) : frameMicros(video);
        lastVideoEnd = Math.max(lastVideoEnd, wall + dur);
    }

    private static long frameMicros(StreamInfo v) {
        var fr = v.frameRate();
        return fr.isValid() ? Math.round(1e6 * fr.den() / fr.num()) : 40_000;
    }

    private static boolean compatible(Output o, StreamInfo video, StreamInfo audio) {
        if (o.video != video && (o.video.codecId() != video.codecId() || o.video.width() != video.width()
                || o.video.height() != video.height())) {
            return false;
        }
        if ((o.audio == null) != (audio == null)) {
            return false;
        }
        return audio == null || o.audio == audio || o.audio.codecId() == audio.codecId()
                && o.audio.sampleRate() == audio.sampleRate() && o.audio.channels() == audio.channels();
    }

    /** Writes queued audio up to {@code upTo} (wall micros) into the open files; drops what cannot go anywhere. */
    private void flushAudio(long upTo) {
        while (!audioQ.isEmpty()) {
            Media m = audioQ.peekFirst();
            long w = clock.wall(m.packet().seconds());
            if (w > upTo) {
                break;
            }
            audioQ.removeFirst();
            try {
                StreamInfo ai = m.streams().audio();
                if (seg != null && seg.a >= 0 && w >= segStart && audioFits(seg, ai)) {
                    write(seg, m.packet(), seg.a);
                }
                if (prog != null && prog.a >= 0 && w >= progStart && audioFits(prog, ai)) {
                    writeProg(m.packet(), prog.a);
                }
            } finally {
                m.release();
            }
        }
    }

    private static boolean audioFits(Output o, StreamInfo ai) {
        return ai != null && (o.audio == ai || o.audio.codecId() == ai.codecId() && o.audio.sampleRate() == ai.sampleRate());
    }

    private void dropAudioBefore(long wall) {
        while (!audioQ.isEmpty() && clock.wall(audioQ.peekFirst().packet().seconds()) < wall) {
            audioQ.removeFirst().release();
        }
    }

    private void openSegment(long wall, StreamInfo video, StreamInfo audio) throws IOException {
        ensureFreeSpace();
        long seq = nextSeq++;
        String name = RecordClock.compact(wall) + "-" + String.format(java.util.Locale.ROOT, "%06d", seq) + "." + s.extension();
        try {
            seg = new Output(s.dir().resolve(name), s.container(), video, audio);
        } catch (MediaException e) {
            seg = null;
            writeFailed(e);
            return;
        }
        segSeq = seq;
        segStart = wall;
        // The next boundary of the wall-clock grid; a cut also needs half a segment, so no slivers.
        nextCut = Math.floorDiv(wall, segMicros) * segMicros + segMicros;
        if (gapFrom != null) {
            if (wall > gapFrom) {
                manifest.gaps.add(new Manifest.Gap(gapFrom, wall, gapReason));
                if (prog != null) {
                    progGaps.add(new Manifest.Gap(gapFrom, wall, gapReason));
                }
                log.accept(String.format(java.util.Locale.ROOT, "gap of %.1f s recorded (%s)", (wall - gapFrom) / 1e6, gapReason));
            }
            gapFrom = null;
            gapReason = null;
            lostReason = null;
            discontinuityNext = true;
        }
    }

    /**
     * Keeps --min-free free before a segment starts: with a window the oldest segments go first
     * (manifest and playlist rewritten before each deletion); when that is not possible, what was
     * recorded is finished and the recording stops with an output error.
     */
    private void ensureFreeSpace() throws IOException {
        if (s.minFreeBytes() <= 0) {
            return;
        }
        java.nio.file.FileStore store = Files.getFileStore(s.dir());
        long free = store.getUsableSpace();
        int deleted = 0;
        while (free < s.minFreeBytes() && s.windowSeconds() > 0 && !manifest.segments.isEmpty()) {
            prune(List.of(manifest.segments.get(0)));
            deleted++;
            free = store.getUsableSpace();
        }
        if (deleted > 0) {
            log.accept("less than " + size(s.minFreeBytes()) + " free on the disk: deleted the " + deleted + " oldest segment(s)");
        }
        if (free < s.minFreeBytes()) {
            if (prog != null) {
                closeProgramme(lastVideoEnd, false);
            }
            saveManifest();
            throw new MediaException(MediaException.Kind.IO, "stopped: only " + size(free) + " free on the disk of " + s.dir()
                    + ", --min-free is " + size(s.minFreeBytes())
                    + (s.windowSeconds() > 0 ? " (deleting every old segment was not enough)" : " (use --window to recycle old segments)"));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }

    private void write(Output o, Packet p, int stream) {
        try {
            o.put(p, stream);
        } catch (MediaException e) {
            writeFailed(e);
        }
    }

    /**
     * A segment could not be written (disk full, directory gone). With a window the oldest
     * segments make room and recording goes on after a gap; without one it is a clear error.
     */
    private void writeFailed(MediaException e) {
        long at = lastVideoEnd != Long.MIN_VALUE ? lastVideoEnd : RecordClock.nowMicros();
        if (seg != null) {
            seg.mux.abort();
            seg = null;
            nextSeq--;
        }
        int n = manifest.segments.size();
        if (s.windowSeconds() > 0 && n > 1) {
            int drop = Math.max(1, n / 10);
            List<Manifest.Segment> old = new ArrayList<>(manifest.segments.subList(0, drop));
            prune(old);
            log.accept("cannot write a segment (" + e.getMessage() + "); deleted the " + drop + " oldest segments to make room");
            if (gapFrom == null) {
                gapFrom = at;
                gapReason = "could not write: " + e.getMessage();
            }
            discontinuityNext = true;
            return;
        }
        if (prog != null) {
            try {
                closeProgramme(lastVideoEnd, false); // finish what was recorded, if the disk lets us
            } catch (IOException | RuntimeException ignored) {
                // the error below says why
            }
        }
        throw new MediaException(MediaException.Kind.IO, "cannot write to " + s.dir() + ": " + e.getMessage()
                + (s.windowSeconds() > 0 ? "" : " (disk full or DIR gone? with --window old segments make room)"));
    }

    /** A shot mark: into the open files' lists, or into the closed segment or programme it belongs to. */
    private void onShot(ShotMark m) throws IOException {
        long t = m.startMicros();
        if (prog != null && t >= progStart) {
            progShots.add(m);
        }
        for (Sidecar side : recentSidecars) {
            if (t >= side.start() && t < side.end()) {
                side.shots().add(new Manifest.Shot(m, side.start()));
                side.shots().sort(Comparator.comparing(x -> x.time));
                Manifest.writeAtomically(side.path(), Manifest.json(side.content()));
            }
        }
        for (Manifest.Segment x : manifest.segments) {
            if (x.shots != null && t >= RecordClock.micros(x.startInstant()) && t < RecordClock.micros(x.endInstant())) {
                x.shots.add(new Manifest.Shot(m, RecordClock.micros(x.startInstant())));
                x.shots.sort(Comparator.comparing(y -> y.time));
                saveManifest();
                return;
            }
        }
        if (seg != null && t >= segStart || seg == null) {
            pendingShots.add(m);
        }
    }

    private void closeSegment(long endWall) throws IOException {
        if (seg == null) {
            return;
        }
        Output o = seg;
        seg = null;
        try {
            o.mux.finish();
        } catch (MediaException e) {
            writeFailed(e);
            return;
        }
        Manifest.Segment e = new Manifest.Segment();
        e.seq = segSeq;
        e.file = o.path.getFileName().toString();
        long end = Math.max(endWall, segStart + 1000);
        e.start = RecordClock.iso(segStart);
        e.end = RecordClock.iso(end);
        e.duration = Math.round((end - segStart) / 1000.0) / 1000.0;
        e.bytes = Files.size(o.path);
        if (s.container().equals("mp4")) {
            e.initBytes = Fmp4.initLength(o.path);
        }
        e.discontinuity = discontinuityNext;
        if (s.shotDetector() != null) {
            e.shots = new ArrayList<>();
            for (ShotMark m : pendingShots) {
                if (m.startMicros() >= segStart && m.startMicros() < end) {
                    e.shots.add(new Manifest.Shot(m, segStart));
                }
            }
            pendingShots.removeIf(m -> m.startMicros() < end); // those before segStart fell into a gap
        }
        discontinuityNext = false;
        manifest.segments.add(e);
        segmentsWritten++;
        double delay = (RecordClock.nowMicros() - endWall) / 1000.0;
        if (delay >= 0) {
            delayCount++;
            delaySum += delay;
            delayMax = Math.max(delayMax, delay);
        }
        List<Manifest.Segment> old = new ArrayList<>();
        if (s.windowSeconds() > 0) {
            long limit = end - Math.round(s.windowSeconds() * 1e6);
            for (Manifest.Segment x : manifest.segments) {
                if (RecordClock.micros(x.endInstant()) <= limit) {
                    old.add(x);
                }
            }
        }
        prune(old);
    }

    /** Drops segments from the manifest, saves it, then deletes their files (never list a missing file). */
    private void prune(List<Manifest.Segment> old) {
        for (Manifest.Segment x : old) {
            if (x.discontinuity) {
                manifest.discontinuitySequence++;
            }
        }
        manifest.segments.removeAll(old);
        if (!manifest.segments.isEmpty()) {
            String first = manifest.segments.get(0).start;
            manifest.gaps.removeIf(g -> g.to.compareTo(first) <= 0);
        }
        saveManifest();
        for (Manifest.Segment x : old) {
            try {
                Files.deleteIfExists(s.dir().resolve(x.file));
            } catch (IOException e) {
                log.accept("cannot delete old segment " + x.file + ": " + e.getMessage());
            }
        }
    }

    private void saveManifest() {
        Manifest.Stats st = manifest.stats;
        st.videoPackets = videoPackets.getAsLong();
        st.dropped = dropped.getAsLong();
        st.shotsDropped = shotsDropped.getAsLong();
        st.reconnects = reconnects.getAsLong();
        st.delayMsMean = delayCount == 0 ? 0 : Math.round(delaySum / delayCount * 10) / 10.0;
        st.delayMsMax = Math.round(delayMax * 10) / 10.0;
        try {
            manifest.save(s.dir());
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.IO, "cannot write to " + s.dir() + ": the manifest: " + e.getMessage());
        }
    }

    // ---- programme files -------------------------------------------------------------------

    private void programme(long wall, boolean key, StreamInfo video, StreamInfo audio) throws IOException {
        if (s.schedule().isEmpty() || !key) {
            return;
        }
        if (prog != null && (wall >= progEntry.endMicros() || !compatible(prog, video, audio))) {
            boolean ended = wall >= progEntry.endMicros();
            closeProgramme(ended ? progEntry.endMicros() : lastVideoEnd, ended);
        }
        if (prog == null) {
            for (Programme p : s.schedule()) {
                if (p.covers(wall) && !progDone.contains(p)) {
                    openProgramme(p, wall, video, audio);
                    break;
                }
            }
        }
    }

    private void openProgramme(Programme p, long wall, StreamInfo video, StreamInfo audio) {
        if (progEntry != p) {
            progPart = 0;
        }
        progPart++;
        String base = p.baseName() + (progPart > 1 ? "-part" + progPart : "");
        Path path = unique(finishedDir, base, "." + s.extension());
        try {
            prog = new Output(path, s.container(), video, audio);
        } catch (MediaException e) {
            log.accept("cannot write programme file " + path.getFileName() + ": " + e.getMessage());
            progDone.add(p);
            return;
        }
        progEntry = p;
        progStart = wall;
        progGaps = new ArrayList<>();
        progShots = new ArrayList<>();
        if (wall - p.startMicros() > 2_000_000) {
            log.accept("programme '" + Names.sanitize(p.title()) + "' started " + Math.round((wall - p.startMicros()) / 1e6)
                    + " s late (recording began or resumed after its start)");
        }
    }

    private void writeProg(Packet p, int stream) {
        try {
            prog.put(p, stream);
        } catch (MediaException e) {
            log.accept("programme file " + prog.path.getFileName() + " failed: " + e.getMessage());
            prog.mux.abort();
            prog = null;
            progDone.add(progEntry);
        }
    }

    private void closeProgramme(long endWall, boolean reachedEnd) throws IOException {
        Output o = prog;
        Programme p = progEntry;
        prog = null;
        if (reachedEnd) {
            progDone.add(p);
        }
        try {
            o.mux.finish();
        } catch (MediaException e) {
            log.accept("programme file " + o.path.getFileName() + " failed: " + e.getMessage());
            return;
        }
        String file = o.path.getFileName().toString();
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("title", p.title());
        side.put("file", file);
        side.put("scheduledStart", RecordClock.iso(p.startMicros()));
        side.put("scheduledEnd", RecordClock.iso(p.endMicros()));
        side.put("start", RecordClock.iso(progStart));
        side.put("end", RecordClock.iso(endWall));
        side.put("durationSeconds", Math.round((endWall - progStart) / 1000.0) / 1000.0);
        boolean complete = reachedEnd && progPart == 1 && progStart - p.startMicros() <= 2 * segMicros && progGaps.isEmpty();
        side.put("complete", complete);
        side.put("gaps", progGaps);
        side.put("source", s.source());
        String sideName = file.substring(0, file.lastIndexOf('.')) + ".json";
        if (s.shotDetector() != null) {
            List<Manifest.Shot> shots = new ArrayList<>();
            for (ShotMark m : progShots) {
                if (m.startMicros() < endWall) {
                    shots.add(new Manifest.Shot(m, progStart));
                }
            }
            side.put("shotDetector", s.shotDetector());
            side.put("shots", shots);
            recentSidecars.addLast(new Sidecar(finishedDir.resolve(sideName), side, progStart, endWall, shots));
            if (recentSidecars.size() > 4) {
                recentSidecars.removeFirst();
            }
        }
        Manifest.writeAtomically(finishedDir.resolve(sideName), Manifest.json(side));
        programmesWritten++;
        log.accept("programme finished: " + file + (complete ? "" : " (incomplete)"));
    }

    @Override
    public Step finish(Context ctx) {
        try {
            return finishFiles();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw writeError(e);
        }
    }

    private Step finishFiles() throws IOException {
        flushAudio(Long.MAX_VALUE);
        if (seg != null) {
            closeSegment(lastVideoEnd);
        }
        if (prog != null) {
            closeProgramme(lastVideoEnd, lastVideoEnd >= progEntry.endMicros());
        }
        saveManifest();
        return Step.DONE;
    }

    @Override
    public void close() {
        // Only reached with files open after a stop or failure: never leave temporaries behind.
        if (seg != null) {
            seg.mux.abort();
            seg = null;
        }
        if (prog != null) {
            prog.mux.abort();
            prog = null;
        }
        while (!audioQ.isEmpty()) {
            audioQ.removeFirst().release();
        }
    }
}
