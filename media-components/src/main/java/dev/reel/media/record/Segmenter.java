package dev.reel.media.record;

import dev.reel.media.core.MediaException;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import dev.reel.runtime.Boxes;
import dev.reel.runtime.Component;
import dev.reel.runtime.Context;
import dev.reel.runtime.Inbox;
import dev.reel.runtime.Step;
import dev.reel.runtime.buffer.RefCounted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes rolling segments (and programme files) from packets on the wall-clock timeline: the cut
 * loop and message dispatch; the jobs around them are {@link Recovery} (a killed recorder's files),
 * {@link OpenSegment} (the segment being written), {@link VideoProgress}, {@link PendingGap},
 * {@link AudioHoldBack}, {@link Retention} (window and disk space), {@link ProgrammeRecorder},
 * {@link ShotAttribution} and {@link RecorderStats}.
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
 * describe: each goes into the file of its time, open or already closed.
 */
public final class Segmenter implements Component {
    /** What to write where. */
    public record Settings(Path dir, String container, double segmentSeconds, double windowSeconds, String source,
                           List<Programme> schedule, String shotDetector, long minFreeBytes, double keepFinishedSeconds) {
        /** Keeps every finished programme (no {@code --keep-finished}). */
        public Settings(Path dir, String container, double segmentSeconds, double windowSeconds, String source,
                        List<Programme> schedule, String shotDetector, long minFreeBytes) {
            this(dir, container, segmentSeconds, windowSeconds, source, schedule, shotDetector, minFreeBytes, 0);
        }

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
    private final RecorderStats stats;
    private final ShotAttribution shots = new ShotAttribution();
    private final ProgrammeRecorder programmes;
    private final AudioHoldBack heldAudio;
    private final AudioHoldBack.Sink audioToFiles = this::writeAudio;

    private Inbox<Object> in;
    private Inbox<Object> audioIn;
    private Inbox<Object> shotsIn;
    private Manifest manifest;
    private Retention retention;
    private long nextSeq;

    // Transcoding: the encoder's stream, and the source's streams for audio.
    private StreamInfo encoderInfo;
    private Streams audioStreams;
    // Stream copy: the streams of the last video packet (a new instance: a new connection or timeline).
    private Streams videoStreams;

    private OpenSegment seg;
    private boolean discontinuityNext = true;
    private final VideoProgress videoProgress = new VideoProgress();
    private final PendingGap gap = new PendingGap();

    public Segmenter(Settings settings, RecordClock clock, Consumer<String> log, LongSupplier dropped, LongSupplier videoPackets,
            LongSupplier reconnects) {
        this.s = settings;
        this.clock = clock;
        this.log = log;
        this.stats = new RecorderStats(dropped, videoPackets, reconnects);
        this.programmes = new ProgrammeRecorder(settings, log, shots);
        this.heldAudio = new AudioHoldBack(clock, AudioHoldBack.DEFAULT_CAPACITY);
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
        return stats.segmentsWritten();
    }

    public long programmesWritten() {
        return programmes.programmesWritten();
    }

    /** Where the count of packets dropped in front of shot detection comes from. */
    public void countShotDrops(LongSupplier dropped) {
        stats.countShotDrops(dropped);
    }

    @Override
    public void open(Context ctx) throws IOException {
        in = ctx.inbox();
        audioIn = ctx.inbox("audio");
        shotsIn = ctx.inbox("shots");
        Files.createDirectories(s.dir());
        manifest = Recovery.recover(s.dir(), log);
        manifest.source = s.source();
        manifest.container = s.container();
        manifest.segmentSeconds = s.segmentSeconds();
        manifest.windowSeconds = s.windowSeconds();
        manifest.shotDetector = s.shotDetector();
        manifest.stats = new Manifest.Stats();
        retention = new Retention(s, manifest, this::saveManifest, log);
        nextSeq = manifest.segments.stream().mapToLong(x -> x.seq).max().orElse(-1) + 1;
        if (!manifest.segments.isEmpty()) {
            Manifest.Segment last = manifest.segments.get(manifest.segments.size() - 1);
            gap.recorderNotRunning(RecordClock.micros(last.endInstant()));
        }
        programmes.open();
        manifest.save(s.dir());
    }

    @Override
    public Step step(Context ctx) {
        return onDisk(this::turn);
    }

    /** A turn that writes to DIR. */
    private interface DiskWork {
        Step run() throws IOException;
    }

    private Step onDisk(DiskWork work) {
        try {
            return work.run();
        } catch (IOException | UncheckedIOException e) {
            throw writeError(e);
        }
    }

    /** Any I/O failure here is the disk or DIR (full, removed, read-only): an output error, one line. */
    private MediaException writeError(Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof FileSystemException f && f.getReason() != null) {
            why = f.getFile() + ": " + f.getReason();
        } else if (e instanceof NoSuchFileException) {
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
                boolean newTimeline = videoStreams != null && media.streams() != videoStreams;
                videoStreams = media.streams();
                try {
                    video(media.packet(), media.streams().video(), media.streams().audio(), newTimeline);
                } finally {
                    media.release();
                }
            } else {
                heldAudio.hold(media);
            }
        } else if (m instanceof Packet p) {
            try {
                if (encoderInfo != null) {
                    video(p, encoderInfo, audioStreams == null ? null : audioStreams.audio(), false);
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
                gap.sourceLost(e.message());
                if (seg != null) {
                    flushAudio(Long.MAX_VALUE);
                    closeSegment(videoProgress.end());
                    gap.startAt(videoProgress.end());
                }
            }
        } else {
            RefCounted.releaseIfCounted(m);
        }
    }

    /**
     * The cut loop: one video packet, which may close the segment (gap, stream change, a new source
     * timeline, grid) and open the next.
     */
    private void video(Packet p, StreamInfo video, StreamInfo audio, boolean newTimeline) throws IOException {
        long wall = clock.wall(p.seconds());
        boolean key = p.keyFrame();
        if (seg != null && (newTimeline || !seg.out.accepts(video, audio) || videoProgress.jumps(wall))) {
            boolean stalled = videoProgress.stalledBefore(wall);
            long end = videoProgress.end();
            flushAudio(end);
            closeSegment(end);
            if (stalled) {
                gap.startAt(end);
            }
            discontinuityNext = true;
        }
        if (seg == null) {
            if (!key) {
                heldAudio.dropBefore(wall);
                return;
            }
            openSegment(wall, video, audio);
            if (seg == null) {
                return;
            }
        } else if (key && seg.cutAt(wall)) {
            flushAudio(wall);
            closeSegment(wall);
            openSegment(wall, video, audio);
            if (seg == null) {
                return;
            }
        }
        if (key) {
            programmes.onKeyFrame(wall, video, audio, videoProgress.end());
        }
        flushAudio(wall);
        writeSegment(p, seg.out.v);
        programmes.writeVideo(p);
        videoProgress.advance(wall, p, video);
    }

    /** Writes held audio up to {@code upTo} (wall micros) into the open files; drops what cannot go anywhere. */
    private void flushAudio(long upTo) {
        heldAudio.release(upTo, audioToFiles);
    }

    private void writeAudio(Media m, long wall) {
        if (seg != null && wall >= seg.start && seg.out.takesAudio(m.streams().audio())) {
            writeSegment(m.packet(), seg.out.a);
        }
        programmes.writeAudio(m, wall);
    }

    private void writeSegment(Packet p, int stream) {
        if (seg == null) { // a failed write of held audio just dropped the segment (the gap is recorded)
            return;
        }
        try {
            seg.out.put(p, stream);
        } catch (MediaException e) {
            writeFailed(e);
        }
    }

    private void openSegment(long wall, StreamInfo video, StreamInfo audio) throws IOException {
        ensureFreeSpace();
        long seq = nextSeq++;
        try {
            seg = new OpenSegment(s, seq, wall, video, audio);
        } catch (MediaException e) {
            seg = null;
            writeFailed(e);
            return;
        }
        if (gap.isOpen()) {
            long from = gap.from();
            if (wall > from) {
                manifest.gaps.add(new Manifest.Gap(from, wall, gap.reason()));
                programmes.gap(new Manifest.Gap(from, wall, gap.reason()));
                log.accept(String.format(Locale.ROOT, "gap of %.1f s recorded (%s)", (wall - from) / 1e6, gap.reason()));
            }
            gap.close();
            discontinuityNext = true;
        }
    }

    /**
     * Keeps --min-free free before a segment starts (see {@link Retention#makeRoom}); when that is
     * not possible, what was recorded is finished and the recording stops with an output error.
     */
    private void ensureFreeSpace() throws IOException {
        long free = retention.makeRoom();
        if (retention.belowMinFree(free)) {
            programmes.stop(videoProgress.end());
            saveManifest();
            throw retention.outOfSpace(free);
        }
    }

    /**
     * A segment could not be written (disk full, directory gone). With a window the oldest
     * segments make room and recording goes on after a gap; without one it is a clear error.
     */
    private void writeFailed(MediaException e) {
        long at = videoProgress.end() != Long.MIN_VALUE ? videoProgress.end() : RecordClock.nowMicros();
        if (seg != null) {
            seg.out.mux.abort();
            seg = null;
            nextSeq--;
        }
        if (retention.makeRoomAfter(e)) {
            gap.writeFailed(at, e.getMessage());
            discontinuityNext = true;
            return;
        }
        try {
            programmes.stop(videoProgress.end()); // finish what was recorded, if the disk lets us
        } catch (IOException | RuntimeException ignored) {
            // the error below says why
        }
        throw new MediaException(MediaException.Kind.IO, "cannot write to " + s.dir() + ": " + e.getMessage()
                + (retention.recycles() ? "" : " (disk full or DIR gone? with --window old segments make room)"));
    }

    /** A shot mark: into the open files' lists, or into the closed segment or programme it belongs to. */
    private void onShot(ShotMark m) throws IOException {
        long segmentStart = seg != null ? seg.start : Long.MIN_VALUE;
        long programmeStart = programmes.isOpen() ? programmes.start() : Long.MAX_VALUE;
        if (shots.attribute(m, manifest.segments, segmentStart, programmeStart)) {
            saveManifest();
        }
    }

    private void closeSegment(long endWall) throws IOException {
        if (seg == null) {
            return;
        }
        OpenSegment o = seg;
        seg = null;
        try {
            o.finish();
        } catch (MediaException e) {
            writeFailed(e);
            return;
        }
        Manifest.Segment e = o.entry(endWall, discontinuityNext);
        long end = o.end(endWall);
        if (s.shotDetector() != null) {
            e.shots = shots.takeSegmentShots(o.start, end);
        }
        discontinuityNext = false;
        manifest.segments.add(e);
        stats.segmentClosed(endWall);
        retention.expire(end);
    }

    private void saveManifest() {
        stats.fill(manifest.stats);
        try {
            manifest.save(s.dir());
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.IO, "cannot write to " + s.dir() + ": the manifest: " + e.getMessage());
        }
    }

    @Override
    public Step finish(Context ctx) {
        return onDisk(() -> {
            flushAudio(Long.MAX_VALUE);
            closeSegment(videoProgress.end());
            programmes.finish(videoProgress.end());
            saveManifest();
            return Step.DONE;
        });
    }

    @Override
    public void close() {
        // Only reached with files open after a stop or failure: never leave temporaries behind.
        if (seg != null) {
            seg.out.mux.abort();
            seg = null;
        }
        programmes.abort();
        heldAudio.clear();
    }
}
