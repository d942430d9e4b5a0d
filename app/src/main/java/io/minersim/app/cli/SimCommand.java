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
        subcommands = {SimCommand.Head.class, SimCommand.Advance.class, SimCommand.Fail.class, SimCommand.Fault.class,
                SimCommand.Recover.class, SimCommand.MissPoSt.class})
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

    /** A control over some sectors: checks their numbers, makes one call, prints one line. */
    abstract static class SectorsControl extends MinerCommand {
        @Parameters(paramLabel = "<sectorNum>", arity = "1..*", description = "The sector numbers.")
        List<Long> sectors;

        abstract void call(MinerConnection miner);

        abstract String done();

        @Override
        void check() {
            sectors.forEach(SectorsCommand::sectorNumber);
        }

        @Override
        void run(MinerConnection miner) {
            call(miner);
            if (json()) {
                printJson(null);
                return;
            }
            out().println(done() + ": " + sectors.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        }
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "The miner can no longer read these sectors (Sim.DeclareFaults): its next Window PoSt of "
                    + "their deadline skips them and the chain marks them faulty; they stay Proving, as in Lotus.")
    static final class Fault extends SectorsControl {
        @Override
        void call(MinerConnection miner) {
            miner.sim().declareFaults(sectors);
        }

        @Override
        String done() {
            return "unreadable, faulty at their deadline's next Window PoSt";
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = "The miner can read these sectors again (Sim.Recover): it declares the faulty ones recovered "
                    + "before their deadline, whose next Window PoSt proves them.")
    static final class Recover extends SectorsControl {
        @Override
        void call(MinerConnection miner) {
            miner.sim().recover(sectors);
        }

        @Override
        String done() {
            return "readable again, recovered at their deadline's next Window PoSt";
        }
    }

    @Command(name = "miss-post", mixinStandardHelpOptions = true,
            description = "The miner misses the next Window PoSt of a deadline (Sim.MissPoSt): the chain detects the "
                    + "sectors of its partitions faulty when the deadline closes.")
    static final class MissPoSt extends MinerCommand {
        @Parameters(index = "0", paramLabel = "<deadline>", description = "The deadline index, 0 to 47.")
        long deadline;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "<partition>",
                description = "The partitions to miss (all of the deadline's when none is given).")
        List<Long> partitions;

        @Override
        void run(MinerConnection miner) {
            List<Long> chosen = partitions == null ? List.of() : partitions;
            miner.sim().missPoSt(deadline, chosen);
            if (json()) {
                printJson(null);
                return;
            }
            out().println("deadline " + deadline + " will miss its next Window PoSt"
                    + (chosen.isEmpty() ? "" : " for partitions " + chosen.stream()
                            .map(String::valueOf).collect(Collectors.joining(" "))));
        }
    }
}
