package dev.reel.cli.common;

import picocli.CommandLine;

/**
 * How every reel command line reports failures: one line on stderr and the documented exit code
 * ({@link ExitCodes}); a stack trace only for an internal error with {@code -Dreel.debug=true}.
 */
public final class ErrorHandlers {
    private ErrorHandlers() {
    }

    /** Installs the handlers on {@code cl} and returns it. */
    public static CommandLine install(CommandLine cl) {
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
}
