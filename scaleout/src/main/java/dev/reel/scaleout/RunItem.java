package dev.reel.scaleout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkItems;
import dev.reel.cli.engine.WorkResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The work operator: runs one item in this TaskManager (reel's runtime, one per JVM) and emits its
 * result. Errors become failure records, so one bad file does not use up the job's restarts; only a
 * lost TaskManager makes Flink restart (and re-offer) the items that were running there.
 */
public final class RunItem extends RichMapFunction<String, String> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String map(String json) throws Exception {
        WorkItem item = JSON.readValue(json, WorkItem.class);
        String worker = ManagementFactory.getRuntimeMXBean().getName() + "/slot-"
                + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        String unseen = unseenPath(item);
        WorkResult r = unseen != null
                ? new WorkResult(item.id(), false, ExitCodes.INPUT_MISSING, unseen, 0, worker)
                : WorkItems.execute(item, WorkItems::sharedScheduler, worker);
        return JSON.writeValueAsString(r);
    }

    /** A message when this TaskManager cannot see a path the item needs (no shared file system). */
    static String unseenPath(WorkItem item) {
        String host = ManagementFactory.getRuntimeMXBean().getName();
        String where = " is not visible on TaskManager " + host
                + ": inputs, outputs and work directories must be on a file system every TaskManager sees";
        if (WorkItem.CHUNK.equals(item.command())) {
            return Files.isDirectory(Path.of(item.input())) ? null : "work directory " + item.input() + where;
        }
        if (!item.input().contains("://") && !Files.isReadable(Path.of(item.input()))) {
            return "input " + item.input() + where;
        }
        Path parent = Path.of(item.output()).toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return "output directory " + parent + where;
        }
        return null;
    }
}
