package dev.reel.cli.transcode.chunks;

import dev.reel.cli.engine.WorkHandler;
import dev.reel.cli.engine.WorkItem;
import dev.reel.runtime.Scheduler;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/** Runs a chunk work item (input: the work directory, output: the chunk's index) with {@link ChunkWork}. */
public final class ChunkWorkHandler implements WorkHandler {
    @Override
    public Set<String> commands() {
        return Set.of(WorkItem.CHUNK);
    }

    @Override
    public Outcome run(WorkItem item, Supplier<Scheduler> scheduler) throws Exception {
        ChunkWork.encode(Path.of(item.input()), Integer.parseInt(item.output()), scheduler.get());
        return Outcome.done();
    }
}
