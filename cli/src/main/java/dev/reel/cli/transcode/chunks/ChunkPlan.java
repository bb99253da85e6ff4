package dev.reel.cli.transcode.chunks;

import dev.reel.cli.transcode.spec.TranscodeSpec;
import java.util.List;

/**
 * What a chunked transcode does: the input (with its size and modification time, so a resumed job
 * notices a changed file), the encode settings, and the chunks. Saved as {@code plan.json} in the
 * work directory; every worker (a thread here, a TaskManager on Flink) reads it from there.
 *
 * @param frames the input's frame count (from shot detection): the output must have exactly these
 * @param fps    the nominal frame rate, used for seek margins and for splitting very long shots
 * @param offset seconds from the input's start to its first video frame (audio often starts first,
 *               e.g. one frame early in an MP4 that ffmpeg joined): chunk times count from that frame,
 *               the decoder's from the input's start
 * @param quality the per-chunk quality target (null: the spec's CRF or bitrate for every chunk)
 */
public record ChunkPlan(String input, long inputBytes, long inputModified, String output, String chunkExt,
                        TranscodeSpec spec, long frames, double fps, double offset, double targetSeconds,
                        List<Chunk> chunks, QualityTarget quality) {

    /** Where chunk {@code c}'s decoder seeks to, from the input's start. */
    public double seekSeconds(Chunk c) {
        return c.index() == 0 ? 0 : Math.max(0, offset + c.seekSeconds(fps));
    }

    /** How long chunk {@code c} decodes from {@link #seekSeconds(Chunk)}: to the end for the last chunk. */
    public double decodeSeconds(Chunk c) {
        if (c.last()) {
            return 0;
        }
        // The first chunk decodes from the input's start, so it also covers the lead-in before the first frame.
        return c.index() == 0 ? offset + (c.frames() - 0.5) / fps : c.decodeSeconds(fps);
    }

    /**
     * Frames {@code startFrame .. startFrame+frames-1} of the input, starting at {@code start} seconds
     * (its first frame's time, 0 = the input's first frame).
     */
    public record Chunk(int index, long startFrame, long frames, double start, boolean last) {
        /** Where the decoder seeks to: half a frame early, so timestamp jitter never loses the first frame. */
        public double seekSeconds(double fps) {
            return index == 0 ? 0 : Math.max(0, start - 0.5 / fps);
        }

        /** How long to decode from {@link #seekSeconds}: to the end for the last chunk. */
        public double decodeSeconds(double fps) {
            return last ? 0 : frames / fps;
        }

        public String fileName(String ext) {
            return String.format("chunk-%05d.%s", index, ext);
        }
    }

    /** The chunks, longest first, so the last worker does not run alone at the end. */
    public List<Chunk> longestFirst() {
        return chunks.stream().sorted((a, b) -> a.frames() != b.frames() ? Long.compare(b.frames(), a.frames())
                : Integer.compare(a.index(), b.index())).toList();
    }
}
