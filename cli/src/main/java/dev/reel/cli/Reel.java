package dev.reel.cli;

import dev.reel.cli.demo.DemoCommand;
import dev.reel.cli.probe.ProbeCommand;
import dev.reel.cli.samples.SamplesCommand;
import dev.reel.cli.shots.ShotsCommand;
import dev.reel.cli.transcode.TranscodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reel} command: subcommands, one-line errors, documented exit codes. */
@Command(name = "reel", mixinStandardHelpOptions = true, versionProvider = Reel.Version.class,
        description = "Media processing on a multicore dataflow runtime: transcode, shots, crop, record.",
        subcommands = {TranscodeCommand.class, ShotsCommand.class, DemoCommand.class, dev.reel.cli.run.RunCommand.class,
            dev.reel.cli.components.ComponentsCommand.class, ProbeCommand.class, SamplesCommand.class,
            dev.reel.cli.record.RecordCommand.class, dev.reel.cli.timeshift.TimeshiftCommand.class,
            CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
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

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Reel());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ExitCodes.of(ex);
            cmd.getErr().println("reel: " + ExitCodes.message(ex));
            if (code == ExitCodes.INTERNAL && Boolean.getBoolean("reel.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return code;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("reel: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Reel.class.getPackage().getImplementationVersion();
            return new String[] {"reel " + (v == null ? "dev" : v)};
        }
    }
}
