package dev.reel.cli.engine;

/**
 * One unit of work an {@link Engine} runs: a {@code reel transcode} or {@code reel shots} of one
 * file (a batch row), or one chunk of a chunked transcode ({@code command = "chunk"}, {@code input}
 * = the work directory, {@code output} = the chunk's index). Plain strings, so it travels as JSON
 * to any worker.
 *
 * @param id      unique within a job; results carry it back
 * @param options the command's options as one string, split like a shell would (quotes group)
 * @param ledger  directory where a finished item leaves a record (null: none); an item with a record
 *                and its output in place is not run again (a restarted or repeated job skips it)
 */
public record WorkItem(String id, String command, String input, String output, String options, String ledger) {
    public static final String CHUNK = "chunk";
}
