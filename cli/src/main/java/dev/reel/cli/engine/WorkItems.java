package dev.reel.cli.engine;

import dev.reel.cli.common.ExitCodes;
import dev.reel.runtime.Scheduler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** Runs one {@link WorkItem} in this JVM: the same code on every engine and every worker. */
public final class WorkItems {
    private static Scheduler shared;

    private WorkItems() {
    }

    /** The handlers on the class path by command, loaded once (a lazy holder: safe from any thread). */
    private static final class Handlers {
        static final Map<String, WorkHandler> BY_COMMAND = load();

        private static Map<String, WorkHandler> load() {
            Map<String, WorkHandler> m = new HashMap<>();
            for (WorkHandler h : ServiceLoader.load(WorkHandler.class, WorkHandler.class.getClassLoader())) {
                h.commands().forEach(c -> m.put(c, h));
            }
            return Map.copyOf(m);
        }
    }

    /** One runtime per JVM for workers that have none of their own (Flink TaskManagers). */
    public static synchronized Scheduler sharedScheduler() {
        if (shared == null) {
            shared = Scheduler.create();
        }
        return shared;
    }

    /** Runs {@code item} with the handler for its command; a failure is a result, never an exception. */
    public static WorkResult execute(WorkItem item, Supplier<Scheduler> scheduler, String worker) {
        long t0 = System.nanoTime();
        WorkHandler.Outcome outcome;
        try {
            WorkHandler h = Handlers.BY_COMMAND.get(item.command());
            outcome = h == null
                    ? WorkHandler.Outcome.of(ExitCodes.USAGE, "unknown command '" + item.command() + "' (transcode or shots)")
                    : h.run(item, scheduler);
        } catch (Exception | LinkageError e) {
            outcome = WorkHandler.Outcome.of(ExitCodes.of(e), ExitCodes.message(e));
        }
        double s = outcome.ran() ? Math.round((System.nanoTime() - t0) / 1e6) / 1000.0 : 0;
        return new WorkResult(item.id(), outcome.code() == 0, outcome.code(), outcome.message(), s, worker);
    }

    /** Splits an options string as a shell would: whitespace separates, single or double quotes group. */
    public static List<String> splitOptions(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in options: " + s);
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
