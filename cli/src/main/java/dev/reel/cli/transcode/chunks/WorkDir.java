package dev.reel.cli.transcode.chunks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A chunked job's work directory: {@code plan.json}, the chunk files, and the ledger: one
 * {@code done/chunk-NNNNN.json} per finished, verified chunk. One small file per chunk (not one
 * shared file) so workers on several machines never race on it; every file is written under a
 * temporary name and renamed, so a kill -9 leaves either the old state or the new, never half.
 */
public final class WorkDir {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * What the ledger keeps for a finished chunk.
     *
     * @param crf    with a quality target: the CRF chosen for the chunk (null without one)
     * @param score  with a quality target: the chunk's score on the target's metric
     * @param probes with a quality target: the encodes it took to choose the CRF
     */
    public record Done(int index, long frames, long bytes, double seconds, int attempts, Integer crf, Double score,
                       int probes) {
    }

    private final Path dir;

    public WorkDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path path() {
        return dir;
    }

    public Path planFile() {
        return dir.resolve("plan.json");
    }

    public Path chunkFile(ChunkPlan plan, ChunkPlan.Chunk c) {
        return dir.resolve(c.fileName(plan.chunkExt()));
    }

    Path doneFile(int index) {
        return dir.resolve("done").resolve(String.format("chunk-%05d.json", index));
    }

    public Optional<ChunkPlan> readPlan() {
        Path f = planFile();
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), ChunkPlan.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable plan " + f + ": " + e.getMessage(), e);
        }
    }

    public void writePlan(ChunkPlan plan) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(planFile(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(plan));
    }

    /** The ledger record of a chunk, if it is finished and its file is still there with the size recorded. */
    public Optional<Done> done(ChunkPlan plan, ChunkPlan.Chunk c) {
        Path f = doneFile(c.index());
        Path chunk = chunkFile(plan, c);
        try {
            if (!Files.isRegularFile(f) || !Files.isRegularFile(chunk)) {
                return Optional.empty();
            }
            Done d = JSON.readValue(f.toFile(), Done.class);
            return d.frames() == c.frames() && d.bytes() == Files.size(chunk) ? Optional.of(d) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a damaged record: the chunk is simply encoded again
        }
    }

    public void markDone(Done d) throws IOException {
        Path f = doneFile(d.index());
        Files.createDirectories(f.getParent());
        writeAtomically(f, JSON.writeValueAsBytes(d));
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the directory and what reel put in it (after a successful join). */
    public void delete() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
