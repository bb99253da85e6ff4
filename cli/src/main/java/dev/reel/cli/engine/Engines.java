package dev.reel.cli.engine;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import java.util.ServiceLoader;

/** Chooses the engine for a command's {@link EngineOptions}. */
public final class Engines {
    private Engines() {
    }

    public static Engine create(EngineOptions o, int parallelism) throws Exception {
        o.validate();
        if (!o.flink()) {
            return new LocalEngine(parallelism);
        }
        EngineProvider p = ServiceLoader.load(EngineProvider.class).findFirst().orElseThrow(() -> new UserError(ExitCodes.USAGE,
                "the Flink engine is not installed: scripts/reel adds the scaleout module for --engine flink; "
                        + "elsewhere put reel-scaleout.jar and its lib/ on the class path"));
        return p.create(o.flinkMaster, parallelism);
    }
}
