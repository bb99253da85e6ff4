package dev.reel.cli.run;

import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.FinishOnInterrupt;
import dev.reel.cli.common.UserError;
import dev.reel.cli.options.OverwriteOption;
import dev.reel.cli.options.RuntimeOptions;
import dev.reel.cli.top.MetricsWriter;
import dev.reel.cli.top.TopView;
import dev.reel.media.registry.ComponentRegistry;
import dev.reel.media.annotation.Prop;
import dev.reel.runtime.Component;
import dev.reel.runtime.GraphFailedException;
import dev.reel.runtime.RunResult;
import dev.reel.runtime.RunningGraph;
import dev.reel.runtime.Scheduler;
import dev.reel.runtime.stats.GraphSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reel run}: a graph written like gst-launch, checked, then run with Ctrl-C finishing its outputs. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a graph of components written like gst-launch:",
            "  reel run 'decode in.mp4 ! crop auto ! encode crf=20 ! mux out.mp4'",
            "Components are joined by '!'; properties are key=value, and one bare value right after a component "
                + "sets its main property (decode/mux location, crop geometry, scale size, fps rate).",
            "name=N names a component; N. or N.BOX starts or ends another chain (branches of a tee, decode.audio ! mux.audio).",
            "A link's limits go between two '!': a ! [capacity=64 leaky=oldest] ! b (leaky: none, oldest, newest).",
            "-f FILE reads the graph from a file ('-': stdin); '#' starts a comment. 'reel components' lists components.",
            "Ctrl-C ends the inputs early so muxers finish playable files; a second Ctrl-C (or 20 s) stops at once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the graph ran to its end", "2:graph syntax error (the token is shown), unknown component or property",
            "3:an input is missing", "4:an input is not usable media", "5:an output cannot be written or exists (without -y)",
            "130:interrupted; outputs were finished with what was done"})
public final class RunCommand implements Callable<Integer> {
    /** How long a Ctrl-C waits for sources to end and sinks to finish before stopping. */
    static final long FINISH_SECONDS = FinishOnInterrupt.DEFAULT_FINISH_SECONDS;

    @Parameters(paramLabel = "GRAPH", arity = "0..*", description = "The graph (several words are joined with spaces).")
    List<String> words;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the graph from FILE ('-': stdin).")
    String file;

    @Mixin
    OverwriteOption overwrite = new OverwriteOption();

    @Option(names = "--top", description = "Live view of components (core, state, messages/s, CPU) and link fill while running.")
    boolean top;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Write the live figures as JSON lines to FILE, one per second.")
    Path metrics;

    @Option(names = "--metrics-interval", paramLabel = "MS", defaultValue = "1000", hidden = true)
    long metricsInterval;

    @Option(names = "--dry-run", description = "Check the graph and print it with every property and link capacity; run nothing.")
    boolean dryRun;

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Override
    public Integer call() throws Exception {
        GraphText text = text();
        Assembler.Assembled a;
        try {
            a = Assembler.assemble(text, ComponentRegistry.standard(), graphName());
            checkPaths(a);
        } catch (GraphSyntaxError e) {
            System.err.print("reel: " + e.render());
            return e.exitCode();
        }
        if (dryRun) {
            System.out.print(a.describe());
            return ExitCodes.OK;
        }
        return run(a);
    }

    private String graphName() {
        if (file == null || file.equals("-")) {
            return "run";
        }
        String n = Path.of(file).getFileName().toString().replaceAll("\\.reel$", "").replaceAll("[./]", "_");
        return n.isEmpty() ? "run" : n;
    }

    private GraphText text() throws IOException {
        boolean inline = words != null && !words.isEmpty();
        if (inline == (file != null)) {
            throw new UserError(ExitCodes.USAGE, "give the graph as text or with -f FILE (one of them)");
        }
        if (inline) {
            return GraphText.inline(String.join(" ", words));
        }
        if (file.equals("-")) {
            return new GraphText(new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
        }
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new UserError(ExitCodes.INPUT_MISSING, "cannot read graph file " + file);
        }
        return new GraphText(Files.readString(p), file);
    }

    /** Inputs must exist; outputs must not (without -y), must not be an input, and need a writable folder. */
    private void checkPaths(Assembler.Assembled a) throws IOException {
        for (Assembler.PathUse u : a.paths()) {
            if (u.path().equals("-") || u.path().contains("://") || u.path().startsWith("pipe:")) {
                continue;
            }
            Path p = Path.of(u.path()).toAbsolutePath().normalize();
            if (u.role() == Prop.Role.INPUT && !Files.isReadable(p)) {
                throw new GraphSyntaxError(a.text(), u.start(), u.end(), "input not found or unreadable: " + u.path(),
                        ExitCodes.INPUT_MISSING);
            }
            if (u.role() == Prop.Role.OUTPUT) {
                for (Assembler.PathUse in : a.paths()) {
                    if (in.role() == Prop.Role.INPUT && !in.path().contains("://") && !in.path().equals("-")
                            && Path.of(in.path()).toAbsolutePath().normalize().equals(p)) {
                        throw new GraphSyntaxError(a.text(), u.start(), u.end(), "output is the same file as an input: "
                                + u.path(), ExitCodes.OUTPUT);
                    }
                }
                if (Files.exists(p) && !overwrite.overwrite()) {
                    throw new GraphSyntaxError(a.text(), u.start(), u.end(), "output exists: " + u.path()
                            + " (use -y to overwrite)", ExitCodes.OUTPUT);
                }
                Path dir = p.getParent();
                if (dir != null && (!Files.isDirectory(dir) || !Files.isWritable(dir))) {
                    throw new GraphSyntaxError(a.text(), u.start(), u.end(), "cannot write to " + dir
                            + ": not a writable directory", ExitCodes.OUTPUT);
                }
            }
        }
    }

    private int run(Assembler.Assembled a) throws Exception {
        PrintStream out = System.out;
        boolean live = top && TopView.terminal();
        if (top && !live) {
            System.err.println("reel: --top needs a terminal; the table is printed at the end instead");
        }
        try (Scheduler scheduler = runtime.scheduler()) {
            RunningGraph running = scheduler.start(a.graph());
            Interrupts interrupts = new Interrupts(running, a);
            interrupts.install();
            RunResult r;
            TopView view = null;
            MetricsWriter mw = null;
            try {
                mw = metrics == null ? null : MetricsWriter.start(running::snapshot, metrics, metricsInterval);
                view = live ? TopView.start(running::snapshot, out, 250, "reel run") : null;
                r = running.await();
            } finally {
                interrupts.uninstall();
                if (view != null) {
                    view.close();
                }
                if (mw != null) {
                    mw.close();
                }
            }
            GraphSnapshot snap = running.snapshot();
            runtime.stats(top && !live);
            runtime.report(snap);
            if (!r.ok() && !(interrupts.count() > 0 && r.stopped())) {
                throw new GraphFailedException(r.graph(), r.failedComponent(), r.cause());
            }
            return interrupts.count() > 0 ? ExitCodes.INTERRUPTED : ExitCodes.OK;
        }
    }

    /**
     * Ctrl-C as the runtime means it: the first asks every source that can end early (a public
     * {@code requestEnd()}, like Decode's) to end, so what was read flows on and muxers finish
     * playable files; the second, or {@link #FINISH_SECONDS} later, stops the graph. SIGTERM does
     * the same from a shutdown hook.
     */
    static final class Interrupts {
        private final RunningGraph running;
        private final List<Component> components;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private Object previous;
        private Thread hook;

        Interrupts(RunningGraph running, Assembler.Assembled a) {
            this.running = running;
            this.components = a.nodes().stream().map(Assembler.Node::component).toList();
        }

        int count() {
            return count.get();
        }

        void install() {
            try {
                previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> interrupt());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                previous = null; // no SIGINT here: the shutdown hook still finishes outputs
            }
            hook = new Thread(() -> {
                if (!done.get()) {
                    interrupt();
                    if (running.await(FINISH_SECONDS, TimeUnit.SECONDS) == null) {
                        running.stop();
                        running.await(5, TimeUnit.SECONDS);
                    }
                }
            }, "reel-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void uninstall() {
            done.set(true);
            if (previous != null) {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), (sun.misc.SignalHandler) previous);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it finishes the job
            }
        }

        void interrupt() {
            int n = count.incrementAndGet();
            if (n > 1 || !requestEnd()) {
                running.stop();
                return;
            }
            Thread timer = new Thread(() -> {
                if (running.await(FINISH_SECONDS, TimeUnit.SECONDS) == null) {
                    running.stop();
                }
            }, "reel-finish-timeout");
            timer.setDaemon(true);
            timer.start();
        }

        /** True if some source was asked to end (else only a stop can end the graph). */
        private boolean requestEnd() {
            boolean any = false;
            for (Component c : components) {
                try {
                    Method m = c.getClass().getMethod("requestEnd");
                    m.invoke(c);
                    any = true;
                } catch (NoSuchMethodException e) {
                    // not a source that can end early
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return any;
        }
    }
}
