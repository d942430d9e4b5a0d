package io.minersim.app;

import io.minersim.app.cli.AuthCommand;
import io.minersim.app.cli.CliEnvironment;
import io.minersim.app.cli.CliErrors;
import io.minersim.app.cli.SectorsCommand;
import io.minersim.app.cli.SimCommand;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of the command tree. Its subcommands are {@link #SUBCOMMANDS}, added in that order; a command line whose
 * first argument names one of them ({@link #commandLine(String[])}, what {@code main} runs) has only that one: picocli
 * builds the model of every command it is given (each class's options read by reflection, each command made), which
 * took a good part of a start for commands the run never uses.
 */
@Command(name = "minersim", mixinStandardHelpOptions = true, versionProvider = MinerSimCommand.Version.class,
        description = "A simulator of a Lotus storage miner's sector API.")
public final class MinerSimCommand implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, io.minersim.app.cli.InfoCommand.class,
            SectorsCommand.class, io.minersim.app.cli.ProvingCommand.class, AuthCommand.class, SimCommand.class,
            io.minersim.app.stats.StatsCommand.class, io.minersim.app.cli.BackupCommand.class,
            io.minersim.app.cli.StorageCommand.class, io.minersim.app.cli.SealingCommand.class,
            CommandLine.HelpCommand.class);

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

    /**
     * The command line to run {@code args} with: only the subcommand {@code args[0]} names (by name or alias, help
     * excepted, which lists the others), else the whole tree. Either runs {@code args} alike.
     */
    public static CommandLine commandLine(String[] args) {
        Class<?> named = args.length == 0 ? null : named(args[0]);
        return commandLine(CliEnvironment.system(), named == null ? SUBCOMMANDS : List.of(named));
    }

    /** The command line whose commands read {@code env} instead of this process's environment and stdin. */
    public static CommandLine commandLine(CliEnvironment env) {
        return commandLine(env, SUBCOMMANDS);
    }

    /** The subcommand (not help) of that name or alias, or null. */
    private static Class<?> named(String arg) {
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && command != null && (command.name().equals(arg)
                    || Arrays.asList(command.aliases()).contains(arg))) {
                return c;
            }
        }
        return null;
    }

    private static CommandLine commandLine(CliEnvironment env, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new MinerSimCommand(), env.factory());
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c); // before the handlers below, which apply to the commands present
        }
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
