package dev.reel.cli;

import dev.reel.cli.engine.Ledger;
import dev.reel.cli.engine.WorkHandler;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkItems;
import dev.reel.runtime.Scheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a batch row (a whole {@code reel transcode} or {@code reel shots}) as a work item: quietly, in
 * this JVM, skipped when the ledger has it, its last error line kept as the message.
 */
public final class CommandWork implements WorkHandler {
    @Override
    public Set<String> commands() {
        return Set.of("transcode", "shots");
    }

    @Override
    public Outcome run(WorkItem item, Supplier<Scheduler> scheduler) throws Exception {
        if (Ledger.done(item)) {
            return Outcome.doneBefore();
        }
        List<String> args = new ArrayList<>();
        args.add(item.command());
        args.add(item.input());
        if (item.command().equals("shots")) {
            args.add("-o");
        }
        args.add(item.output());
        args.addAll(WorkItems.splitOptions(item.options()));
        args.add("-q");
        StringWriter err = new StringWriter();
        var cl = Reel.commandLine(item.command());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args.toArray(String[]::new));
        if (code == 0) {
            Ledger.markDone(item);
        }
        return Outcome.of(code, lastLine(err.toString()).replaceFirst("^reel: ", ""));
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        String line = nl >= 0 ? t.substring(nl + 1) : t;
        // picocli's usage hint follows the error line: report the error itself.
        if (line.startsWith("Try '") && nl > 0) {
            return lastLine(t.substring(0, nl));
        }
        return line;
    }
}
