package dev.reel.cli.common;

import dev.reel.runtime.RunningGraph;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a run: asks the source to end, so what was read flows on and outputs are
 * finished (playable), and stops the graph if that takes longer than {@link #DEFAULT_FINISH_SECONDS}.
 * Installed for the length of a run (try-with-resources).
 */
public final class FinishOnInterrupt implements AutoCloseable {
    /** How long a Ctrl-C waits for the source to end and the sinks to finish before stopping. */
    public static final long DEFAULT_FINISH_SECONDS = 20;

    private final Thread hook;

    private FinishOnInterrupt(Thread hook) {
        this.hook = hook;
    }

    /** Installs the shutdown hook for {@code running}; {@code requestEnd} asks its source to end. */
    public static FinishOnInterrupt install(RunningGraph running, Runnable requestEnd) {
        Thread hook = new Thread(() -> {
            requestEnd.run();
            if (running.await(DEFAULT_FINISH_SECONDS, TimeUnit.SECONDS) == null) {
                running.stop();
                running.await(5, TimeUnit.SECONDS);
            }
        }, "reel-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new FinishOnInterrupt(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it finishes the job
        }
    }
}
