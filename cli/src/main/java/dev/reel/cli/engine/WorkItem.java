package dev.reel.cli.engine;

/**
 * One unit of work an {@link Engine} runs: a {@code reel transcode} or {@code reel shots} of one
 * file (a batch row), or one chunk of a chunked transcode ({@code command = "chunk"}, {@code input}
 * = the work directory, {@code output} = the chunk's index). Plain strings, so it travels as JSON
 * to any worker.
 *
 * @param id      unique within a job; results carry it back
 * @param options the command's options as one string, split like a shell would (quotes group)
 */
public record WorkItem(String id, String command, String input, String output, String options) {
    public static final String CHUNK = "chunk";
}
