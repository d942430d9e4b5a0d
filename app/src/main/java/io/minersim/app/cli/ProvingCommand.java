package io.minersim.app.cli;

import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.MinerDeadline;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.ProvingDeadline;
import io.minersim.rpc.types.TipSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minersim proving ...}: lotus-miner's {@code proving info}, {@code deadlines}, {@code deadline N} and
 * {@code faults}, line for line, from the full node's JSON methods. Lotus's {@code info} and {@code faults} walk the
 * miner actor's deadlines through {@code ChainReadObj} (raw state blocks, which minersim does not serve); the same
 * numbers come from {@code StateMinerFaults}, {@code StateMinerRecoveries}, {@code StateMinerSectorCount} and
 * {@code StateMinerPartitions}, which read the same partitions.
 */
@Command(name = "proving", mixinStandardHelpOptions = true, description = "View proving information.",
        subcommands = {ProvingCommand.Info.class, ProvingCommand.Deadlines.class, ProvingCommand.DeadlineInfo.class,
            ProvingCommand.Faults.class})
public final class ProvingCommand extends CommandGroup {
    /** Lotus's {@code tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)}. */
    static GoTabWriter tabWriter() {
        return new GoTabWriter(2, 2);
    }

    /** A deadline's open time as Lotus's {@code deadlineOpenTime}: from the head's timestamp, local time of day. */
    static String deadlineOpenTime(TipSet head, long dlIdx, ProvingDeadline di, ChainConnection chain) {
        long delay = chain.blockDelay();
        long openHeight = di.open() + di.wPoStProvingPeriod() / di.wPoStPeriodDeadlines() * (dlIdx - di.index());
        long genesis = ChainConnection.minTimestamp(head) - head.height() * delay;
        return Formats.timeOnly(genesis + delay * openHeight, chain.zone());
    }

    /** {@code proving info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "View current state information.")
    static final class Info extends ChainCommand {
        @Override
        void run(ChainConnection chain, MinerConnection miner) {
            TipSet head = head(chain);
            chain.api().stateGetActor(chain.actor(), List.of());
            ProvingDeadline cd;
            try {
                cd = chain.api().stateMinerProvingDeadline(chain.actor(), List.of());
            } catch (RuntimeException e) {
                throw new CliException("getting miner info: " + describe(e, null), e);
            }
            long faults = chain.api().stateMinerFaults(chain.actor(), List.of()).count();
            long recovering = chain.api().stateMinerRecoveries(chain.actor(), List.of()).count();
            long proving = chain.api().stateMinerSectorCount(chain.actor(), List.of()).live();
            long deadlineSectors = 0;
            for (MinerPartition p : partitions(chain, cd.index())) {
                deadlineSectors += p.liveSectors().count();
            }
            double faultPerc = proving > 0 ? (double) (faults * 100 / proving) : 0;
            long delay = chain.blockDelay();
            long cur = cd.currentEpoch();
            long stamp = ChainConnection.minTimestamp(head);
            PrintWriter out = out();
            out.printf("Miner: %s%n", chain.actor());
            out.printf("Current Epoch:           %d%n", cur);
            out.printf("Proving Period Boundary: %d%n", cd.periodStart() % cd.wPoStProvingPeriod());
            out.printf("Proving Period Start:    %s%n", Formats.epochTimeTs(cur, cd.periodStart(), head.height(),
                    stamp, delay, chain.zone()));
            out.printf("Next Period Start:       %s%n%n", Formats.epochTimeTs(cur,
                    cd.periodStart() + cd.wPoStProvingPeriod(), head.height(), stamp, delay, chain.zone()));
            out.printf("Faults:      %d (%s%%)%n", faults, Formats.goF(faultPerc, 2));
            out.printf("Recovering:  %d%n", recovering);
            out.printf("Deadline Index:       %d%n", cd.index());
            out.printf("Deadline Sectors:     %d%n", deadlineSectors);
            out.printf("Deadline Open:        %s%n", Formats.epochTime(cur, cd.open(), delay));
            out.printf("Deadline Close:       %s%n", Formats.epochTime(cur, cd.close(), delay));
            out.printf("Deadline Challenge:   %s%n", Formats.epochTime(cur, cd.challenge(), delay));
            out.printf("Deadline FaultCutoff: %s%n", Formats.epochTime(cur, cd.faultCutoff(), delay));
        }
    }

    /** {@code proving deadlines}. */
    @Command(name = "deadlines", mixinStandardHelpOptions = true,
            description = "View the current proving period deadlines information.")
    static final class Deadlines extends ChainCommand {
        @Option(names = {"-a", "--all"}, description = "Count all sectors (only live sectors are counted by default).")
        boolean all;

        @Override
        void run(ChainConnection chain, MinerConnection miner) {
            List<MinerDeadline> deadlines = deadlines(chain);
            ProvingDeadline di = provingDeadline(chain);
            TipSet head = head(chain);
            out().printf("Miner: %s%n", chain.actor());
            GoTabWriter tw = tabWriter();
            tw.printf("deadline\topen\tpartitions\tsectors (faults)\tproven partitions%n");
            for (int dl = 0; dl < deadlines.size(); dl++) {
                List<MinerPartition> partitions;
                try {
                    partitions = chain.api().stateMinerPartitions(chain.actor(), dl, List.of());
                } catch (RuntimeException e) {
                    throw new CliException("getting partitions for deadline " + dl + ": " + describe(e, null), e);
                }
                long proven = deadlines.get(dl).postSubmissions().count();
                long sectors = 0;
                long faults = 0;
                int count = 0;
                for (MinerPartition p : partitions == null ? List.<MinerPartition>of() : partitions) {
                    long sc = all ? p.allSectors().count() : p.liveSectors().count();
                    if (all || sc > 0) {
                        count++;
                    }
                    sectors += sc;
                    faults += p.faultySectors().count();
                }
                tw.printf("%d\t%s\t%d\t%d (%d)\t%d%s%n", dl, deadlineOpenTime(head, dl, di, chain), count, sectors,
                        faults, proven, di.index() == dl ? "\t(current)" : "");
            }
            tw.flush(out());
        }
    }

    /** {@code proving deadline N}. */
    @Command(name = "deadline", mixinStandardHelpOptions = true,
            description = "View the current proving period deadline information by its index.")
    static final class DeadlineInfo extends ChainCommand {
        @Parameters(paramLabel = "<deadlineIdx>", arity = "0..*", description = "The deadline's index, 0 to 47.")
        List<String> args = List.of();

        @Option(names = {"-n", "--sector-nums"}, description = "Print sector/fault numbers belonging to this deadline.")
        boolean sectorNums;

        @Option(names = {"-b", "--bitfield"}, description = "Print partition bitfield stats.")
        boolean bitfield;

        private long dlIdx;

        @Override
        void check() {
            if (args.size() != 1) {
                throw refuse("incorrect number of arguments, got " + args.size());
            }
            String a = args.get(0);
            try {
                dlIdx = Long.parseUnsignedLong(a);
            } catch (NumberFormatException e) {
                boolean digits = !a.isEmpty() && a.chars().allMatch(c -> c >= '0' && c <= '9');
                throw refuse("could not parse deadline index: strconv.ParseUint: parsing \"" + a + "\": "
                        + (digits ? "value out of range" : "invalid syntax"));
            }
        }

        @Override
        void run(ChainConnection chain, MinerConnection miner) {
            List<MinerDeadline> deadlines = deadlines(chain);
            ProvingDeadline di = provingDeadline(chain);
            List<MinerPartition> partitions;
            try {
                partitions = chain.api().stateMinerPartitions(chain.actor(), dlIdx, List.of());
            } catch (RuntimeException e) {
                throw new CliException("getting partitions for deadline " + Long.toUnsignedString(dlIdx) + ": "
                        + describe(e, null), e);
            }
            if (partitions == null) {
                partitions = List.of();
            }
            TipSet head = head(chain);
            long proven = deadlines.get((int) dlIdx).postSubmissions().count();
            PrintWriter out = out();
            out.printf("Deadline Index:           %d%n", dlIdx);
            out.printf("Deadline Open:            %s%n", deadlineOpenTime(head, dlIdx, di, chain));
            out.printf("Partitions:               %d%n", partitions.size());
            out.printf("Proven Partitions:        %d%n", proven);
            out.printf("Current:                  %s%n%n", di.index() == dlIdx);
            for (int p = 0; p < partitions.size(); p++) {
                MinerPartition part = partitions.get(p);
                out.printf("Partition Index:          %d%n", p);
                stats(out, part.allSectors(), "All");
                stats(out, part.liveSectors(), "Live");
                stats(out, part.activeSectors(), "Active");
                stats(out, part.faultySectors(), "Faulty");
                stats(out, part.recoveringSectors(), "Recovering");
            }
        }

        private void stats(PrintWriter out, BitFieldRuns bf, String name) {
            if (bitfield) {
                RlePlus.Runs runs = RlePlus.runs(bf);
                long zeroRuns = runs.count(false);
                long oneRuns = runs.count(true);
                int size = RlePlus.cborSize(bf);
                out.printf("\t%s Sectors:%s%d (bitfield - runs %d+%d=%d - %d 0s %d 1s - %d inv - %s %dB)%n", name,
                        " ".repeat(18 - name.length()), bf.count(), zeroRuns, oneRuns, zeroRuns + oneRuns,
                        runs.bits(false), runs.bits(true), 0, Formats.sizeStr(java.math.BigInteger.valueOf(size)),
                        size);
            } else {
                out.printf("\t%s Sectors:%s%d%n", name, " ".repeat(18 - name.length()), bf.count());
            }
            if (sectorNums) {
                out.printf("\t%s Sector Numbers:%s%s%n", name, " ".repeat(12 - name.length()),
                        Formats.goList(bf.numbers().boxed().toList()));
            }
        }
    }

    /** {@code proving faults}. */
    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "View the currently known proving faulty sectors information.")
    static final class Faults extends ChainCommand {
        @Override
        void run(ChainConnection chain, MinerConnection miner) {
            chain.api().stateGetActor(chain.actor(), List.of());
            out().printf("Miner: %s%n", chain.actor());
            GoTabWriter tw = tabWriter();
            tw.printf("deadline\tpartition\tsectors%n");
            if (!chain.api().stateMinerFaults(chain.actor(), List.of()).isEmpty()) {
                ProvingDeadline di = provingDeadline(chain);
                for (long dl = 0; dl < di.wPoStPeriodDeadlines(); dl++) {
                    List<MinerPartition> parts = partitions(chain, dl);
                    for (int p = 0; p < parts.size(); p++) {
                        final long d = dl;
                        final int pi = p;
                        parts.get(p).faultySectors().numbers().forEach(n -> tw.printf("%d\t%d\t%d%n", d, pi, n));
                    }
                }
            }
            tw.flush(out());
        }
    }

    static List<MinerDeadline> deadlines(ChainConnection chain) {
        return wrap("getting deadlines: ", c -> c.api().stateMinerDeadlines(c.actor(), List.of()), chain);
    }

    static ProvingDeadline provingDeadline(ChainConnection chain) {
        return wrap("getting deadlines: ", c -> c.api().stateMinerProvingDeadline(c.actor(), List.of()), chain);
    }

    static List<MinerPartition> partitions(ChainConnection chain, long deadline) {
        List<MinerPartition> parts = chain.api().stateMinerPartitions(chain.actor(), deadline, List.of());
        return parts == null ? List.of() : parts;
    }

    private static <T> T wrap(String prefix, Function<ChainConnection, T> call, ChainConnection chain) {
        try {
            return call.apply(chain);
        } catch (RuntimeException e) {
            throw new CliException(prefix + MinerCommand.describe(e, null), e);
        }
    }
}
