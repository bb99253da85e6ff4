package dev.reel.media.record;

import dev.reel.media.core.MediaException;
import dev.reel.media.frame.Packet;
import dev.reel.media.frame.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes one file per scheduled programme into DIR/finished, beside the segments, with a JSON
 * sidecar (times, gaps, completeness, shot marks). A programme interrupted by a stream change is
 * continued in a "-partN" file. Single-threaded: the segmenter's thread only.
 */
final class ProgrammeRecorder {
    /** The sub-directory of DIR that holds programme files and sidecars. */
    static final String FINISHED = "finished";
    /** Later than this after its scheduled start, a programme file is logged as started late. */
    private static final long LATE_START_MICROS = 2_000_000;

    private final Segmenter.Settings s;
    private final Path finishedDir;
    private final long segMicros;
    private final Consumer<String> log;
    private final ShotAttribution shots;

    private OutputFile file;
    private Programme entry;
    private long start;
    private int part;
    private List<Manifest.Gap> gaps = new ArrayList<>();
    /** Programmes recorded to their end (in this run or an earlier one) or whose file failed. */
    private final Set<Programme> done = new HashSet<>();
    private volatile long written;

    ProgrammeRecorder(Segmenter.Settings s, Consumer<String> log, ShotAttribution shots) {
        this.s = s;
        this.finishedDir = s.dir().resolve(FINISHED);
        this.segMicros = Math.round(s.segmentSeconds() * 1e6);
        this.log = log;
        this.shots = shots;
    }

    /** Creates DIR/finished and skips the programmes an earlier run finished. */
    void open() throws IOException {
        FinishedRetention.prune(finishedDir, s.keepFinishedSeconds(), System.currentTimeMillis(), log);
        if (s.schedule().isEmpty()) {
            return;
        }
        Files.createDirectories(finishedDir);
        for (Programme p : s.schedule()) {
            if (Files.exists(finishedDir.resolve(p.baseName() + ".json"))) {
                done.add(p);
            }
        }
    }

    boolean isOpen() {
        return file != null;
    }

    /** Wall-clock start of the open programme file. */
    long start() {
        return start;
    }

    long programmesWritten() {
        return written;
    }

    /**
     * At a video key frame: closes the open file when its programme ended or the streams changed,
     * and opens the file of a programme that covers {@code wall}.
     */
    void onKeyFrame(long wall, StreamInfo video, StreamInfo audio, long lastVideoEnd) throws IOException {
        if (s.schedule().isEmpty()) {
            return;
        }
        if (file != null && (wall >= entry.endMicros() || !file.accepts(video, audio))) {
            boolean ended = wall >= entry.endMicros();
            close(ended ? entry.endMicros() : lastVideoEnd, ended);
        }
        if (file == null) {
            for (Programme p : s.schedule()) {
                if (p.covers(wall) && !done.contains(p)) {
                    open(p, wall, video, audio);
                    break;
                }
            }
        }
    }

    private void open(Programme p, long wall, StreamInfo video, StreamInfo audio) {
        if (entry != p) {
            part = 0;
        }
        part++;
        String base = p.baseName() + (part > 1 ? "-part" + part : "");
        Path path = OutputFile.unique(finishedDir, base, "." + s.extension());
        try {
            file = new OutputFile(path, s.container(), video, audio);
        } catch (MediaException e) {
            log.accept("cannot write programme file " + path.getFileName() + ": " + e.getMessage());
            done.add(p);
            return;
        }
        entry = p;
        start = wall;
        gaps = new ArrayList<>();
        shots.programmeOpened();
        if (wall - p.startMicros() > LATE_START_MICROS) {
            log.accept("programme '" + Names.sanitize(p.title()) + "' started " + Math.round((wall - p.startMicros()) / 1e6)
                    + " s late (recording began or resumed after its start)");
        }
    }

    /** A gap in the recording, listed in the open file's sidecar. */
    void gap(Manifest.Gap g) {
        if (file != null) {
            gaps.add(g);
        }
    }

    /** Writes a video packet into the open file, if any. */
    void writeVideo(Packet p) {
        if (file != null) {
            write(p, file.v);
        }
    }

    /** Writes an audio packet of wall time {@code w} into the open file, if it belongs there. */
    void writeAudio(Media m, long w) {
        if (file != null && w >= start && file.takesAudio(m.streams().audio())) {
            write(m.packet(), file.a);
        }
    }

    private void write(Packet p, int stream) {
        try {
            file.put(p, stream);
        } catch (MediaException e) {
            log.accept("programme file " + file.path.getFileName() + " failed: " + e.getMessage());
            file.mux.abort();
            file = null;
            done.add(entry);
        }
    }

    /** At the end of the recording: closes the open file, complete if its programme ended. */
    void finish(long lastVideoEnd) throws IOException {
        if (file != null) {
            close(lastVideoEnd, lastVideoEnd >= entry.endMicros());
        }
    }

    /** The recording stops early (disk full): closes the open file as incomplete. */
    void stop(long lastVideoEnd) throws IOException {
        if (file != null) {
            close(lastVideoEnd, false);
        }
    }

    /** Closes the open file and writes its sidecar; the file stays incomplete unless the programme ended. */
    private void close(long endWall, boolean reachedEnd) throws IOException {
        OutputFile o = file;
        Programme p = entry;
        file = null;
        if (reachedEnd) {
            done.add(p);
        }
        try {
            o.mux.finish();
        } catch (MediaException e) {
            log.accept("programme file " + o.path.getFileName() + " failed: " + e.getMessage());
            return;
        }
        String name = o.path.getFileName().toString();
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("title", p.title());
        side.put("file", name);
        side.put("scheduledStart", RecordClock.iso(p.startMicros()));
        side.put("scheduledEnd", RecordClock.iso(p.endMicros()));
        side.put("start", RecordClock.iso(start));
        side.put("end", RecordClock.iso(endWall));
        side.put("durationSeconds", Math.round((endWall - start) / 1000.0) / 1000.0);
        boolean complete = reachedEnd && part == 1 && start - p.startMicros() <= 2 * segMicros && gaps.isEmpty();
        side.put("complete", complete);
        side.put("gaps", gaps);
        side.put("source", s.source());
        Path sidePath = finishedDir.resolve(name.substring(0, name.lastIndexOf('.')) + ".json");
        if (s.shotDetector() != null) {
            List<Manifest.Shot> marks = shots.programmeShots(start, endWall);
            side.put("shotDetector", s.shotDetector());
            side.put("shots", marks);
            shots.sidecarWritten(sidePath, side, start, endWall, marks);
        }
        Manifest.writeAtomically(sidePath, Manifest.json(side));
        written++;
        log.accept("programme finished: " + name + (complete ? "" : " (incomplete)"));
        FinishedRetention.prune(finishedDir, s.keepFinishedSeconds(), System.currentTimeMillis(), log);
    }

    /** Deletes the open file's temporary (after a stop or failure). */
    void abort() {
        if (file != null) {
            file.mux.abort();
            file = null;
        }
    }
}
