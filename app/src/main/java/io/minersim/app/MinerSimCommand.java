package io.minersim.app;

import io.minersim.app.cli.AuthCommand;
import io.minersim.app.cli.CliEnvironment;
import io.minersim.app.cli.CliErrors;
import io.minersim.app.cli.SectorsCommand;
import io.minersim.app.cli.SimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command tree. */
@Command(name = "minersim", mixinStandardHelpOptions = true, versionProvider = MinerSimCommand.Version.class,
        description = "A simulator of a Lotus storage miner's sector API.",
        subcommands = {RunCommand.class, io.minersim.app.cli.InfoCommand.class, SectorsCommand.class,
            io.minersim.app.cli.ProvingCommand.class, AuthCommand.class, SimCommand.class,
            io.minersim.app.stats.StatsCommand.class, io.minersim.app.cli.BackupCommand.class,
            io.minersim.app.cli.StorageCommand.class, io.minersim.app.cli.SealingCommand.class,
            CommandLine.HelpCommand.class})
public final class MinerSimCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with minersim's error handling: one line on stderr, never a stack trace. */
    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** The command line whose commands read {@code env} instead of this process's environment and stdin. */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cl = new CommandLine(new MinerSimCommand(), env.factory());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ERROR: " + ex.getMessage());
            return 1;
        });
        cl.setParameterExceptionHandler(CliErrors.oneLine(cl.getParameterExceptionHandler()));
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MinerSimCommand.class.getPackage().getImplementationVersion();
            return new String[] {"minersim " + (v == null ? "dev" : v)};
        }
    }
}
