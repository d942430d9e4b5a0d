package io.minersim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Guards {@link MinerSimCommand#commandLine(String[])}, the command line {@code main} runs: it builds only the
 * subcommand its first argument names (a start no longer pays for picocli's model of every command), and that
 * command behaves exactly as in the whole tree: same usage at every level, same errors, same exit codes.
 */
class NamedSubcommandOnlyTest {

    @Test
    void aCommandLineForASubcommandHoldsOnlyThatOne() {
        assertThat(MinerSimCommand.commandLine(new String[] {"run", "--repo", "x"}).getSubcommands())
                .containsOnlyKeys("run");
        assertThat(MinerSimCommand.commandLine(new String[] {"sectors", "list"}).getSubcommands())
                .containsOnlyKeys("sectors");
    }

    @Test
    void helpAnUnknownCommandAndNoCommandGetTheWholeTree() {
        int all = MinerSimCommand.SUBCOMMANDS.size();
        for (String[] args : List.of(new String[] {"help", "run"}, new String[] {"--help"}, new String[] {"rum"},
                new String[] {})) {
            assertThat(MinerSimCommand.commandLine(args).getSubcommands()).hasSize(all);
        }
    }

    @Test
    void everyCommandsUsageAtEveryLevelIsTheSameAsInTheWholeTree() {
        Map<String, CommandLine> whole = MinerSimCommand.commandLine().getSubcommands();
        int compared = 0;
        for (Map.Entry<String, CommandLine> e : whole.entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            CommandLine alone = MinerSimCommand.commandLine(new String[] {e.getKey()}).getSubcommands()
                    .get(e.getKey());
            compared += compare(e.getValue(), alone);
        }
        assertThat(compared).isGreaterThan(whole.size()); // nested commands were compared too
    }

    private static int compare(CommandLine whole, CommandLine alone) {
        assertThat(alone.getUsageMessage()).isEqualTo(whole.getUsageMessage());
        assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo(whole.getCommandSpec().qualifiedName());
        assertThat(alone.getSubcommands().keySet()).isEqualTo(whole.getSubcommands().keySet());
        int n = 1;
        for (Map.Entry<String, CommandLine> e : whole.getSubcommands().entrySet()) {
            n += compare(e.getValue(), alone.getSubcommands().get(e.getKey()));
        }
        return n;
    }

    @Test
    void badArgumentsGiveTheSameErrorAndExitCode() {
        List<String[]> cases = new ArrayList<>();
        for (String name : MinerSimCommand.commandLine().getSubcommands().keySet()) {
            cases.add(new String[] {name, "--no-such-option"});
        }
        cases.add(new String[] {"run", "--listen", "nonsense", "--repo", "/nonexistent/minersim-test"});
        cases.add(new String[] {"sectors", "status"});
        cases.add(new String[] {"run", "--version"});
        for (String[] args : cases) {
            assertThat(execute(MinerSimCommand.commandLine(args), args))
                    .as(String.join(" ", args)).isEqualTo(execute(MinerSimCommand.commandLine(), args));
        }
    }

    private static String execute(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return code + "\n" + out + "\n" + err;
    }
}
