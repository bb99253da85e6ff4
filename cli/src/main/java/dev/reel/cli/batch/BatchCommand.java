package dev.reel.cli.batch;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.cli.engine.Engine;
import dev.reel.cli.engine.EngineOptions;
import dev.reel.cli.engine.Engines;
import dev.reel.cli.engine.WorkItem;
import dev.reel.cli.engine.WorkItems;
import dev.reel.cli.engine.WorkResult;
import dev.reel.cli.options.JsonOption;
import dev.reel.cli.options.OverwriteOption;
import dev.reel.cli.options.QuietOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel batch}: the rows of a manifest run as work items on an engine, remembered in a ledger. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the transcode and shots jobs listed in MANIFEST.csv (header: command,input,output,options; "
                + "options: that command's options as one quoted field), several at once, on this machine (--engine local) "
                + "or on Apache Flink (--engine flink: an embedded cluster; --flink-master HOST:PORT: a running one).",
            "A failed row does not stop the others; they are listed at the end (exit code 6). Finished rows are kept "
                + "in a ledger (MANIFEST.csv.reel-ledger/), so running the same manifest again does only what is left."})
public final class BatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MANIFEST.csv", description = "The jobs, one a line after the header.")
    Path manifest;

    @Option(names = "--jobs", defaultValue = "2", description = "Rows run at once (local), or Flink slots and parallelism. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--ledger", paramLabel = "DIR", description = "Where finished rows are recorded. Default: MANIFEST.csv.reel-ledger next to the manifest.")
    Path ledger;

    @Option(names = "--fresh", description = "Ignore the ledger: run every row again.")
    boolean fresh;

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Mixin
    JsonOption json = new JsonOption();

    @Mixin
    QuietOption quiet = new QuietOption();

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new UserError(ExitCodes.USAGE, "--jobs must be at least 1");
        }
        engine.validate();
        List<Manifest.Row> rows = Manifest.read(manifest);
        Path led = (ledger != null ? ledger : manifest.toAbsolutePath().resolveSibling(manifest.getFileName() + ".reel-ledger"))
                .toAbsolutePath().normalize();
        if (fresh && Files.isDirectory(led)) {
            try (var files = Files.list(led)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        List<WorkItem> items = new ArrayList<>();
        Map<String, Manifest.Row> byId = new HashMap<>();
        for (Manifest.Row r : rows) {
            // shots replaces its output anyway (atomically); transcode wants -y for that
            String opts = r.options() + (overwrite.overwrite() && r.command().equals("transcode") ? " -y" : "");
            WorkItem item = new WorkItem(Integer.toString(r.line()), r.command(), r.input(), r.output(), opts, led.toString());
            WorkItems.splitOptions(opts); // a bad options field is a usage error before anything runs
            Path parent = Path.of(r.output()).getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            items.add(item);
            byId.put(item.id(), r);
        }
        long t0 = System.nanoTime();
        List<WorkResult> results;
        String where;
        try (Engine e = Engines.create(engine, jobs)) {
            where = e.describe();
            quiet.notice("reel: batch of " + items.size() + " on " + where);
            results = items.isEmpty() ? List.of() : e.run(items);
        }
        double seconds = Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
        results = new ArrayList<>(results);
        results.sort((a, b) -> Integer.compare(Integer.parseInt(a.id()), Integer.parseInt(b.id())));
        List<WorkResult> failed = results.stream().filter(r -> !r.ok()).toList();
        long skipped = results.stream().filter(r -> r.ok() && "done before".equals(r.message())).count();
        if (json.json()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("manifest", manifest.toString());
            s.put("engine", where);
            s.put("rows", rows.size());
            s.put("done", results.size() - failed.size() - skipped);
            s.put("skipped", skipped);
            s.put("failed", failed.size());
            s.put("seconds", seconds);
            List<Map<String, Object>> per = new ArrayList<>();
            for (WorkResult r : results) {
                Manifest.Row row = byId.get(r.id());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", row.line());
                m.put("command", row.command());
                m.put("input", row.input());
                m.put("output", row.output());
                m.put("ok", r.ok());
                m.put("exit_code", r.exitCode());
                m.put("message", r.message());
                m.put("seconds", r.seconds());
                m.put("worker", r.worker());
                per.add(m);
            }
            s.put("results", per);
            json.print(s);
        }
        quiet.notice(String.format(Locale.ROOT, "reel: batch: %d done, %d skipped (done before), %d failed, %.1f s on %s",
                results.size() - failed.size() - skipped, skipped, failed.size(), seconds, where));
        if (!failed.isEmpty()) {
            for (WorkResult r : failed) {
                Manifest.Row row = byId.get(r.id());
                System.err.println("  line " + row.line() + ": " + row.command() + " " + row.input() + ": " + r.message());
            }
            return ExitCodes.PARTIAL;
        }
        return 0;
    }
}
