package dev.reel.media.record;

import dev.reel.media.core.MediaException;
import dev.reel.media.ffmpeg.Demuxer;
import dev.reel.media.ffmpeg.Probe;
import dev.reel.media.frame.MediaType;
import dev.reel.media.frame.Packet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Crash recovery of a recording directory: makes the manifest agree with the files a killed
 * recorder left behind, before a new recording continues there.
 */
final class Recovery {
    /** Names of segment files: UTC start and sequence number. */
    static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{8}T\\d{6}Z)-(\\d{6,})\\.(ts|mp4)");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Recovery() {
    }

    /**
     * The manifest of DIR made consistent with the files after any crash: temporary files of
     * segments are deleted, those of programmes kept under a "-interrupted" name (they play),
     * segments renamed but not yet listed are adopted, listed but missing ones dropped.
     */
    static Manifest recover(Path dir, Consumer<String> log) throws IOException {
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
        Path fin = dir.resolve(ProgrammeRecorder.FINISHED);
        if (Files.isDirectory(fin)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(fin, ".*.part")) {
                for (Path p : ds) {
                    keepInterrupted(fin, p, log);
                }
            }
        }
        return m;
    }

    /** A programme file the recorder never closed: kept with a sidecar saying so, or deleted when nothing plays. */
    private static void keepInterrupted(Path fin, Path p, Consumer<String> log) throws IOException {
        if (!holdsAPicture(p)) {
            // Killed before anything was written: nothing plays, so nothing is kept.
            Files.delete(p);
            log.accept("dropped an empty interrupted programme file " + p.getFileName());
            return;
        }
        String n = p.getFileName().toString();
        String name = n.substring(1, n.length() - ".part".length());
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name) + "-interrupted";
        String ext = dot > 0 ? name.substring(dot) : "";
        Path target = OutputFile.unique(fin, base, ext);
        Files.move(p, target);
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("file", target.getFileName().toString());
        side.put("complete", false);
        side.put("note", "the recorder stopped without closing this file; it plays up to that moment");
        Manifest.writeAtomically(fin.resolve(target.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".json"),
                Manifest.json(side));
        log.accept("kept interrupted programme file " + target.getFileName());
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
            Instant start = LocalDateTime.parse(mm.group(1), NAME_TIME).toInstant(ZoneOffset.UTC);
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
}
