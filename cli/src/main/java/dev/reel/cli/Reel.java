package dev.reel.cli;

import dev.reel.cli.common.ErrorHandlers;
import dev.reel.cli.common.ExitCodes;
import dev.reel.cli.common.UserError;
import dev.reel.cli.demo.DemoCommand;
import dev.reel.cli.probe.ProbeCommand;
import dev.reel.cli.samples.SamplesCommand;
import dev.reel.cli.shots.ShotsCommand;
import dev.reel.cli.transcode.TranscodeCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reel} command: subcommands, one-line errors, documented exit codes. */
@Command(name = "reel", mixinStandardHelpOptions = true, versionProvider = Reel.Version.class,
        description = "Media processing on a multicore dataflow runtime: transcode, shots, crop, record.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error (a bug; please report the message)",
            "2:bad usage: unknown option, codec, component or value",
            "3:an input is missing or unreadable",
            "4:an input is not usable media (not media, no video, truncated)",
            "5:an output cannot be written (unwritable, exists without -y, same as input)",
            "6:a batch finished with some files failed",
            "7:a network source timed out or is unreachable",
            "130:interrupted (Ctrl-C); what was done so far is finalised"})
public final class Reel implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new UserError(ExitCodes.USAGE, "a subcommand is needed");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The subcommands by name, in the order help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("transcode", TranscodeCommand.class);
        SUBCOMMANDS.put("shots", ShotsCommand.class);
        SUBCOMMANDS.put("batch", dev.reel.cli.batch.BatchCommand.class);
        SUBCOMMANDS.put("demo", DemoCommand.class);
        SUBCOMMANDS.put("run", dev.reel.cli.run.RunCommand.class);
        SUBCOMMANDS.put("components", dev.reel.cli.components.ComponentsCommand.class);
        SUBCOMMANDS.put("probe", ProbeCommand.class);
        SUBCOMMANDS.put("samples", SamplesCommand.class);
        SUBCOMMANDS.put("record", dev.reel.cli.record.RecordCommand.class);
        SUBCOMMANDS.put("timeshift", dev.reel.cli.timeshift.TimeshiftCommand.class);
        SUBCOMMANDS.put("serve", dev.reel.cli.serve.ServeCommand.class);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class);
        SUBCOMMANDS.put("generate-completion", picocli.AutoComplete.GenerateCompletion.class);
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : null);
        return cl.execute(args);
    }

    /** The whole command tree (help, completion, tests). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command tree for a run whose first word is {@code first}: only that subcommand's model when
     * it names one that needs no others (building all of picocli's models costs about a third of a second
     * of start-up, on every invocation in a batch script), else all of them.
     */
    public static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Reel());
        Class<?> only = SUBCOMMANDS.get(first);
        if (only != null && only != CommandLine.HelpCommand.class && only != picocli.AutoComplete.GenerateCompletion.class) {
            cl.addSubcommand(first, only);
        } else {
            SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        return ErrorHandlers.install(cl);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Reel.class.getPackage().getImplementationVersion();
            return new String[] {"reel " + (v == null ? "dev" : v)};
        }
    }
}
