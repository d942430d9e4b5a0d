package io.minersim.app.cli;

import io.minersim.rpc.types.ChainHead;
import io.minersim.rpc.types.FailureSpec;
import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minersim sim}: the simulator's own controls (the chain clock, failures, faults); admin only. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Drive the simulation: the chain clock, injected failures and faults.",
        subcommands = {SimCommand.Head.class, SimCommand.Advance.class, SimCommand.Fail.class, SimCommand.Fault.class})
public final class SimCommand extends CommandGroup {

    static String head(ChainHead h) {
        return "epoch " + h.epoch() + " (" + Formats.goTime(h.timestamp()) + ")";
    }

    @Command(name = "head", mixinStandardHelpOptions = true, description = "The simulated chain head (Sim.Head).")
    static final class Head extends MinerCommand {
        @Override
        void run(MinerConnection miner) {
            ChainHead h = miner.sim().head();
            if (json()) {
                printJson(h);
                return;
            }
            out().println(head(h));
        }
    }

    @Command(name = "advance", mixinStandardHelpOptions = true,
            description = "Move a manual chain clock forward by N epochs and wait until everything due has "
                    + "happened (Sim.Advance).")
    static final class Advance extends MinerCommand {
        @Parameters(paramLabel = "<epochs>", description = "How many epochs to advance.")
        long epochs;

        @Override
        void check() {
            if (epochs < 0) {
                throw refuse("cannot advance by a negative number of epochs: " + epochs);
            }
        }

        @Override
        void run(MinerConnection miner) {
            ChainHead h = miner.sim().advance(epochs);
            if (json()) {
                printJson(h);
                return;
            }
            out().println(head(h));
        }
    }

    @Command(name = "fail", mixinStandardHelpOptions = true,
            description = "Make a sector (or the next sectors) fail on entering a state, so that it follows "
                    + "Lotus's failure path for that state (Sim.InjectFailure).")
    static final class Fail extends MinerCommand {
        @Parameters(paramLabel = "<state>", description = "The sealing state whose work fails, e.g. PreCommit1.")
        String state;

        @Option(names = "--sector", paramLabel = "N", description = "Only this sector (default: any sector).")
        Long sector;

        @Option(names = "--count", paramLabel = "K", defaultValue = "1",
                description = "How many entries into the state fail (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--error", paramLabel = "TEXT", description = "The error text (default: names the state).")
        String error;

        @Override
        void check() {
            if (SectorState.byName(state).isEmpty()) {
                throw refuse("\"" + state + "\" is not a valid sector state");
            }
            if (sector != null) {
                SectorsCommand.sectorNumber(sector);
            }
            if (count <= 0) {
                throw refuse("--count must be positive, got " + count);
            }
        }

        @Override
        void run(MinerConnection miner) {
            miner.sim().injectFailure(new FailureSpec(state, sector, count, error));
            if (json()) {
                printJson(null);
                return;
            }
            String times = count == 1 ? "the next time" : "the next " + count + " times";
            out().println(sector != null
                    ? "sector " + sector + " will fail " + times + " it enters " + state
                    : "sectors will fail " + times + " one enters " + state);
        }
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "The chain marks these Proving sectors faulty (Sim.DeclareFaults): they move to "
                    + "FaultReported.")
    static final class Fault extends MinerCommand {
        @Parameters(paramLabel = "<sectorNum>", arity = "1..*", description = "The sector numbers.")
        List<Long> sectors;

        @Override
        void check() {
            sectors.forEach(SectorsCommand::sectorNumber);
        }

        @Override
        void run(MinerConnection miner) {
            miner.sim().declareFaults(sectors);
            if (json()) {
                printJson(null);
                return;
            }
            out().println("declared faulty: " + sectors.stream().map(String::valueOf)
                    .collect(Collectors.joining(" ")));
        }
    }
}
