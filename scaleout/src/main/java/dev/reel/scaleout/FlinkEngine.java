package dev.reel.scaleout;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.cli.engine.Engine;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs work items as one Flink DataStream job in BATCH mode: a {@link WorkSource} (one split per
 * item, pulled by idle slots) chained to {@link RunItem} at an explicit parallelism (in BATCH mode
 * Flink would otherwise size the operator from its input's bytes, and a list of paths looks tiny),
 * results collected back here. A fixed-delay restart strategy re-runs what a lost TaskManager held.
 * Embedded (a MiniCluster in this JVM with {@code parallelism} slots) or on a running cluster.
 */
public final class FlinkEngine implements Engine {
    public static final int DEFAULT_RESTARTS = 3;
    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String master;
    private final int parallelism;

    public FlinkEngine(String master, int parallelism) {
        this.master = master;
        this.parallelism = Math.max(1, parallelism);
    }

    /** The job's configuration (also what scripts/flink-cluster writes for its TaskManagers). */
    static Configuration configuration(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, DEFAULT_RESTARTS);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, DEFAULT_RESTART_DELAY);
        // A JNI library loads in one classloader per JVM: FFmpeg's bindings must never be loaded by a
        // job's own (child-first) classloader, which a failover replaces.
        conf.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL, List.of("org.bytedeco", "dev.reel"));
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        return conf;
    }

    @Override
    public List<WorkResult> run(List<WorkItem> items) throws Exception {
        for (WorkItem i : items) {
            for (String p : List.of(i.input(), i.output())) {
                if (!WorkItem.CHUNK.equals(i.command()) && !p.contains("://") && !Path.of(p).isAbsolute()) {
                    throw new UserError(ExitCodes.USAGE, "a Flink job needs absolute paths (on a file system every "
                            + "TaskManager sees), got " + p);
                }
            }
        }
        List<String> json = new ArrayList<>(items.size());
        for (WorkItem i : items) {
            json.add(JSON.writeValueAsString(i));
        }
        StreamExecutionEnvironment env = environment();
        DataStream<String> results = env.fromSource(new WorkSource(json), WatermarkStrategy.noWatermarks(), "reel work items")
                .setParallelism(parallelism)
                .map(new RunItem()).name("reel work").setParallelism(parallelism);
        List<WorkResult> out = new ArrayList<>(items.size());
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<String> it = results.executeAndCollect("reel (" + items.size() + " items)")) {
            while (it.hasNext()) {
                WorkResult r = JSON.readValue(it.next(), WorkResult.class);
                if (!seen.contains(r.id())) { // a restarted region may report an item twice
                    seen.add(r.id());
                    out.add(r);
                }
            }
        }
        return out;
    }

    private StreamExecutionEnvironment environment() throws Exception {
        Configuration conf = configuration(parallelism);
        if (master == null) {
            return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        int colon = master.lastIndexOf(':');
        // The job jar is this module's; reel itself and FFmpeg's bindings must be on the cluster's own
        // class path (parent-first), so from a class directory (tests) nothing needs shipping.
        Path jar = Path.of(FlinkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String[] jars = Files.isRegularFile(jar) ? new String[] {jar.toString()} : new String[0];
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(master.substring(0, colon),
                Integer.parseInt(master.substring(colon + 1)), conf, jars);
        env.setParallelism(parallelism);
        return env;
    }

    @Override
    public String describe() {
        return master == null ? "flink (embedded, " + parallelism + " slots)" : "flink (" + master + ", parallelism " + parallelism + ")";
    }
}
