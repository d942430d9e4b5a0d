package io.minersim.app.cli;

import picocli.CommandLine;

/** How the command tree reports bad arguments to the miner commands: one line on stderr, no usage dump. */
public final class CliErrors {
    private CliErrors() {
    }

    /**
     * A parameter-exception handler that prints {@code ERROR: <message>} for the commands of this package
     * and leaves every other command to {@code others}.
     */
    public static CommandLine.IParameterExceptionHandler oneLine(CommandLine.IParameterExceptionHandler others) {
        return (ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            Object command = cl.getCommand();
            if (command == null || !command.getClass().getPackageName().equals(CliErrors.class.getPackageName())) {
                return others.handleParseException(ex, args);
            }
            cl.getErr().println("ERROR: " + ex.getMessage().replace('\n', ' ').replace('\r', ' ')
                    + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
            cl.getErr().flush();
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        };
    }
}
