package dev.reel.cli.engine;

import dev.reel.cli.ExitCodes;
import dev.reel.cli.Reel;
import dev.reel.cli.transcode.chunks.ChunkWork;
import dev.reel.runtime.Scheduler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one {@link WorkItem} in this JVM: the same code on every engine and every worker. */
public final class WorkItems {
    private static Scheduler shared;

    private WorkItems() {
    }

    /** One runtime per JVM for workers that have none of their own (Flink TaskManagers). */
    public static synchronized Scheduler sharedScheduler() {
        if (shared == null) {
            shared = Scheduler.create();
        }
        return shared;
    }

    public static WorkResult execute(WorkItem item, java.util.function.Supplier<Scheduler> scheduler, String worker) {
        long t0 = System.nanoTime();
        int code;
        String message = "";
        try {
            switch (item.command()) {
                case WorkItem.CHUNK -> {
                    ChunkWork.encode(Path.of(item.input()), Integer.parseInt(item.output()), scheduler.get());
                    code = 0;
                }
                case "transcode", "shots" -> {
                    if (Ledger.done(item)) {
                        return new WorkResult(item.id(), true, 0, "done before", 0, worker);
                    }
                    List<String> args = new ArrayList<>();
                    args.add(item.command());
                    args.add(item.input());
                    if (item.command().equals("shots")) {
                        args.add("-o");
                    }
                    args.add(item.output());
                    args.addAll(splitOptions(item.options()));
                    args.add("-q");
                    StringWriter err = new StringWriter();
                    var cl = Reel.commandLine(item.command());
                    cl.setErr(new PrintWriter(err, true));
                    cl.setOut(new PrintWriter(new StringWriter(), true));
                    code = cl.execute(args.toArray(String[]::new));
                    message = lastLine(err.toString()).replaceFirst("^reel: ", "");
                    if (code == 0) {
                        Ledger.markDone(item);
                    }
                }
                default -> {
                    code = ExitCodes.USAGE;
                    message = "unknown command '" + item.command() + "' (transcode or shots)";
                }
            }
        } catch (Exception | LinkageError e) {
            code = ExitCodes.of(e);
            message = ExitCodes.message(e);
        }
        double s = Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
        return new WorkResult(item.id(), code == 0, code, code == 0 ? "" : message, s, worker);
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
