package dev.reel.scaleout;

import dev.reel.cli.engine.Engine;
import dev.reel.cli.engine.EngineProvider;

/** Found by the CLI with {@link java.util.ServiceLoader} for {@code --engine flink} / {@code --flink-master}. */
public final class FlinkEngineProvider implements EngineProvider {
    @Override
    public Engine create(String master, int parallelism) {
        quietLogging();
        return new FlinkEngine(master, parallelism);
    }

    /**
     * Flink logs through SLF4J 1.x; with no binding on the class path (reel's CLI brings none) SLF4J
     * prints six lines of warnings on first use. Initialise it once with stderr muted; a binding on
     * the class path (a cluster's log4j) is used as usual.
     */
    private static synchronized void quietLogging() {
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
            org.slf4j.MDC.getMDCAdapter();
        } finally {
            System.setErr(err);
        }
    }
}
