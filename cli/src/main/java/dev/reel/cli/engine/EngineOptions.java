package dev.reel.cli.engine;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import picocli.CommandLine.Option;

/** The options choosing where work runs; a picocli mixin shared by {@code batch} and {@code transcode --chunks}. */
public final class EngineOptions {
    @Option(names = "--engine", defaultValue = "local", description = "Where the work runs: local (this machine's "
            + "runtime) or flink (an embedded Apache Flink MiniCluster; with --flink-master, that cluster). Default: ${DEFAULT-VALUE}.")
    public String engine = "local";

    @Option(names = "--flink-master", paramLabel = "HOST:PORT", description = "Submit the work as a Flink job to this "
            + "cluster's REST endpoint (implies --engine flink). Inputs, outputs and work directories must be on a "
            + "file system every TaskManager sees.")
    public String flinkMaster;

    /** True when the work goes to Flink. */
    public boolean flink() {
        return flinkMaster != null || "flink".equals(engine);
    }

    public void validate() {
        if (!"local".equals(engine) && !"flink".equals(engine)) {
            throw new UserError(ExitCodes.USAGE, "--engine wants local or flink, got '" + engine + "'");
        }
        if (flinkMaster != null && !flinkMaster.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new UserError(ExitCodes.USAGE, "--flink-master wants HOST:PORT (the cluster's REST port), got '" + flinkMaster + "'");
        }
    }
}
