package dev.reel.media.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts each shot mark into the file of its time. Marks arrive later than the video they describe
 * (decoding and detector latency): a mark for an open segment or programme file waits in a list
 * here; one for a segment or programme file already closed goes into its manifest entry or sidecar,
 * which is then rewritten. Single-threaded: the segmenter's thread only.
 */
final class ShotAttribution {
    /** Programme files closed lately whose sidecars late marks may still go into. */
    static final int DEFAULT_RECENT_SIDECARS = 4;

    private record Sidecar(Path path, Map<String, Object> content, long start, long end, List<Manifest.Shot> shots) {
    }

    private final List<ShotMark> segmentMarks = new ArrayList<>();
    private List<ShotMark> programmeMarks = new ArrayList<>();
    private final ArrayDeque<Sidecar> recentSidecars = new ArrayDeque<>();

    /**
     * Attributes mark {@code m}.
     *
     * @param closed the segments listed in the manifest (a late mark is added to its entry)
     * @param openSegmentStart start of the segment being written, {@link Long#MIN_VALUE} when none is
     * @param programmeStart start of the programme file being written, {@link Long#MAX_VALUE} when none is
     * @return true when a listed segment took the mark: the manifest must be saved
     */
    boolean attribute(ShotMark m, List<Manifest.Segment> closed, long openSegmentStart, long programmeStart) throws IOException {
        long t = m.startMicros();
        if (t >= programmeStart) {
            programmeMarks.add(m);
        }
        for (Sidecar side : recentSidecars) {
            if (t >= side.start() && t < side.end()) {
                addSorted(side.shots(), new Manifest.Shot(m, side.start()));
                Manifest.writeAtomically(side.path(), Manifest.json(side.content()));
            }
        }
        for (Manifest.Segment x : closed) {
            long start = RecordClock.micros(x.startInstant());
            if (x.shots != null && t >= start && t < RecordClock.micros(x.endInstant())) {
                addSorted(x.shots, new Manifest.Shot(m, start));
                return true;
            }
        }
        if (t >= openSegmentStart) {
            segmentMarks.add(m);
        }
        return false;
    }

    private static void addSorted(List<Manifest.Shot> shots, Manifest.Shot s) {
        shots.add(s);
        shots.sort(Comparator.comparing(x -> x.time));
    }

    /** The marks of a segment closing over [start, end), times relative to its start; earlier marks fell into a gap. */
    List<Manifest.Shot> takeSegmentShots(long start, long end) {
        List<Manifest.Shot> shots = new ArrayList<>();
        for (ShotMark m : segmentMarks) {
            if (m.startMicros() >= start && m.startMicros() < end) {
                shots.add(new Manifest.Shot(m, start));
            }
        }
        segmentMarks.removeIf(m -> m.startMicros() < end);
        return shots;
    }

    /** A programme file was opened: its marks start afresh. */
    void programmeOpened() {
        programmeMarks = new ArrayList<>();
    }

    /** The marks of the programme file closing at {@code end}, times relative to {@code start}. */
    List<Manifest.Shot> programmeShots(long start, long end) {
        List<Manifest.Shot> shots = new ArrayList<>();
        for (ShotMark m : programmeMarks) {
            if (m.startMicros() < end) {
                shots.add(new Manifest.Shot(m, start));
            }
        }
        return shots;
    }

    /** A sidecar was written for a programme file over [start, end): late marks may still go into {@code shots}. */
    void sidecarWritten(Path path, Map<String, Object> content, long start, long end, List<Manifest.Shot> shots) {
        recentSidecars.addLast(new Sidecar(path, content, start, end, shots));
        if (recentSidecars.size() > DEFAULT_RECENT_SIDECARS) {
            recentSidecars.removeFirst();
        }
    }
}
