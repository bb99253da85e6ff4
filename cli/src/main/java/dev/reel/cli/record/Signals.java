package dev.reel.cli.record;

/**
 * SIGINT and SIGTERM as a request to end cleanly, not as JVM shutdown: the recorder finishes its
 * files and main returns, so the exit status is 0 (a shutdown hook could only exit with 130/143).
 * Falls back to a shutdown hook where sun.misc.Signal is missing.
 */
final class Signals {
    private Signals() {
    }

    static void onTerminate(Runnable r) {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> r.run());
            }
        } catch (Throwable e) {
            Runtime.getRuntime().addShutdownHook(new Thread(r, "reel-record-stop"));
        }
    }
}
