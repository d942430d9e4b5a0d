package io.minersim.app.cli;

import io.minersim.rpc.types.ActorState;
import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerInfo;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerPower;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.TipSet;
import io.minersim.sealing.workers.TaskType;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minersim info}: lotus-miner's {@code info} ({@code cli/miner/info.go}), reading the miner (subsystems,
 * start time, actor address, sectors per state) and the full node (sync and base fee, power, sector counts,
 * balances) as lotus-miner does.
 *
 * <p>Where minersim's full node serves less than Lotus's: the actor's locked funds, which Lotus reads from the
 * actor's state blocks ({@code ChainReadObj}), come from the JSON methods (Pledge is the live sectors' initial
 * pledge, PreCommit the rest of what {@code StateGetActor}'s balance holds beyond {@code StateMinerAvailableBalance};
 * no block rewards are simulated, so nothing vests). The market lines are {@code StateMarketBalance}'s; the last line
 * counts the miner's workers ({@code WorkerStats}) as Lotus's does.
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print miner info.")
public final class InfoCommand extends ChainCommand {
    /** Lotus's {@code buildconstants.BlocksPerEpoch}: the expected leaders per epoch. */
    private static final int BLOCKS_PER_EPOCH = 5;
    /** specs-actors' {@code builtin.EpochDurationSeconds} and {@code EpochsInDay}, as info.go uses them. */
    private static final int EPOCH_SECONDS = 30;
    private static final int EPOCHS_IN_DAY = 2880;

    @Option(names = "--hide-sectors-info", description = "Hide sectors info.")
    boolean hideSectorsInfo;

    @Override
    boolean needsMiner() {
        return actor == null;
    }

    @Override
    void run(ChainConnection chain, MinerConnection miner) {
        PrintWriter out = out();
        if (miner != null) {
            out.println("Enabled subsystems: " + Formats.goList(miner.api().runtimeSubsystems()));
            String start = miner.api().startTime();
            out.printf("StartTime: %s (started at %s)%n", since(start), startedAt(start));
        }
        TipSet head = head(chain);
        out.print("Chain: ");
        out.print(syncStatus(head, chain.blockDelay()));
        out.printf(" [basefee %s]%n", Formats.filShort(ChainConnection.minTicketBlock(head).parentBaseFee()));

        FilAddress maddr = chain.actor();
        ActorState mact = chain.api().stateGetActor(maddr, List.of());
        MinerInfo mi = chain.api().stateMinerInfo(maddr, List.of());
        BigInteger ssize = BigInteger.valueOf(mi.sectorSize());
        out.printf("Miner: %s (%s sectors)%n", maddr, Formats.sizeStr(ssize));
        MinerPower pow = chain.api().stateMinerPower(maddr, List.of());
        BigInteger qap = pow.minerPower().qualityAdjPower();
        BigInteger totalQap = pow.totalPower().qualityAdjPower();
        BigInteger raw = pow.minerPower().rawBytePower();
        BigInteger totalRaw = pow.totalPower().rawBytePower();
        out.printf("Power: %s / %s (%s%%)%n", Formats.deciStr(qap), Formats.deciStr(totalQap), percent(qap, totalQap));
        out.printf("\tRaw: %s / %s (%s%%)%n", Formats.sizeStr(raw), Formats.sizeStr(totalRaw), percent(raw, totalRaw));
        MinerSectorCount counts = chain.api().stateMinerSectorCount(maddr, List.of());
        long proving = counts.active() + counts.faulty();
        out.printf("\tCommitted: %s%n", Formats.sizeStr(BigInteger.valueOf(counts.live()).multiply(ssize)));
        String provingSize = Formats.sizeStr(BigInteger.valueOf(proving).multiply(ssize));
        if (counts.faulty() == 0) {
            out.printf("\tProving: %s%n", provingSize);
        } else {
            double pct = counts.live() != 0 ? (double) (100 * counts.faulty()) / counts.live() : 0;
            out.printf("\tProving: %s (%s Faulty, %s%%)%n", provingSize,
                    Formats.sizeStr(BigInteger.valueOf(counts.faulty()).multiply(ssize)), Formats.goF(pct, 2));
        }
        if (!pow.hasMinPower()) {
            out.print("Below minimum power threshold, no blocks will be won");
        } else {
            winProjections(out, qap, totalQap);
        }
        out.println();

        BigInteger available = chain.api().stateMinerAvailableBalance(maddr, List.of()).value();
        BigInteger pledge = livePledge(chain);
        BigInteger vesting = BigInteger.ZERO;
        BigInteger preCommit = mact.balance().subtract(available).subtract(pledge).subtract(vesting);
        BigInteger spendable = available.signum() > 0 ? available : BigInteger.ZERO;
        out.printf("Miner Balance:    %s%n", Formats.filShort(mact.balance()));
        out.printf("      PreCommit:  %s%n", Formats.filShort(preCommit));
        out.printf("      Pledge:     %s%n", Formats.filShort(pledge));
        out.printf("      Vesting:    %s%n", Formats.filShort(vesting));
        out.printf("      Available:  %s%n", Formats.filShort(available));
        io.minersim.rpc.types.MarketBalance market = chain.api().stateMarketBalance(maddr, List.of());
        BigInteger marketAvailable = market.escrow().subtract(market.locked());
        spendable = spendable.add(marketAvailable);
        out.printf("Market Balance:   %s%n", Formats.filShort(market.escrow()));
        out.printf("       Locked:    %s%n", Formats.filShort(market.locked()));
        out.printf("       Available: %s%n", Formats.filShort(marketAvailable));
        BigInteger worker = chain.api().walletBalance(new FilAddress(mi.worker())).value();
        spendable = spendable.add(worker);
        out.printf("Worker Balance:   %s%n", Formats.filShort(worker));
        if (mi.controlAddresses() != null && !mi.controlAddresses().isEmpty()) {
            BigInteger control = BigInteger.ZERO;
            for (String a : mi.controlAddresses()) {
                control = control.add(chain.api().walletBalance(new FilAddress(a)).value());
            }
            spendable = spendable.add(control);
            out.printf("       Control:   %s%n", Formats.filShort(control));
        }
        out.printf("Total Spendable:  %s%n", Formats.filShort(spendable));
        if (mi.beneficiary() != null && !mi.beneficiary().isEmpty()) {
            out.println();
            out.printf("Beneficiary:\t%s%n", mi.beneficiary());
            if (!mi.beneficiary().equals(mi.owner())) {
                out.printf("Beneficiary Quota:\t%s%n", mi.beneficiaryTerm().quota());
                out.printf("Beneficiary Used Quota:\t%s%n", mi.beneficiaryTerm().usedQuota());
                out.printf("Beneficiary Expiration:\t%s%n", mi.beneficiaryTerm().expiration());
            }
        }
        out.println();
        if (miner != null && !hideSectorsInfo) {
            out.println("Sectors:");
            Map<String, Long> summary = miner.api().sectorsSummary();
            long total = summary.values().stream().mapToLong(Long::longValue).sum();
            out.printf("\tTotal: %d%n", total);
            summary.keySet().stream().sorted(StateOrder.BY_NAME)
                    .forEach(s -> out.printf("\t%s: %d%n", s, summary.get(s)));
        }
        out.println();
        if (miner != null) {
            workers(out, miner);
        }
    }

    /**
     * {@code Workers: Seal(n) WdPoSt(n) WinPoSt(n)}: the enabled workers by type, a worker counted by its first task
     * that is not a sealing one (Lotus's {@code TaskType.WorkerType}), else as a sealing worker.
     */
    private static void workers(PrintWriter out, MinerConnection miner) {
        int seal = 0;
        int windowPoSt = 0;
        int winningPoSt = 0;
        for (io.minersim.rpc.types.WorkerStats w : miner.workers().workerStats().values()) {
            if (!w.enabled()) {
                continue;
            }
            TaskType postTask = null;
            for (String task : w.tasks()) {
                TaskType t = TaskType.ofWire(task);
                if (t != null && t.isPoSt()) {
                    postTask = t;
                    break;
                }
            }
            if (postTask == TaskType.GENERATE_WINDOW_POST) {
                windowPoSt++;
            } else if (postTask == TaskType.GENERATE_WINNING_POST) {
                winningPoSt++;
            } else {
                seal++;
            }
        }
        out.printf("Workers: Seal(%d) WdPoSt(%d) WinPoSt(%d)%n", seal, windowPoSt, winningPoSt);
    }

    /** The initial pledge of the live sectors (the partitions' LiveSectors), from StateMinerSectors. */
    private static BigInteger livePledge(ChainConnection chain) {
        int deadlines = (int) chain.api().stateMinerProvingDeadline(chain.actor(), List.of()).wPoStPeriodDeadlines();
        List<Long> live = new ArrayList<>();
        for (int dl = 0; dl < deadlines; dl++) {
            for (MinerPartition p : ProvingCommand.partitions(chain, dl)) {
                p.liveSectors().numbers().forEach(live::add);
            }
        }
        if (live.isEmpty()) {
            return BigInteger.ZERO;
        }
        BigInteger sum = BigInteger.ZERO;
        List<SectorOnChainInfo> sectors = chain.api().stateMinerSectors(chain.actor(),
                BitFieldRuns.of(live.stream().mapToLong(Long::longValue).toArray()), List.of());
        for (SectorOnChainInfo s : sectors) {
            sum = sum.add(s.initialPledge());
        }
        return sum;
    }

    /** Lotus's win-rate lines for a miner with the minimum power. */
    private static void winProjections(PrintWriter out, BigInteger qap, BigInteger totalQap) {
        if (totalQap.signum() == 0) {
            return;
        }
        double winRatio = new BigDecimal(qap.multiply(BigInteger.valueOf(BLOCKS_PER_EPOCH)))
                .divide(new BigDecimal(totalQap), MathContext.DECIMAL64).doubleValue();
        if (winRatio <= 0) {
            return;
        }
        double withPoisson = -Math.expm1(-winRatio);
        if (Double.isFinite(withPoisson)) {
            winRatio = withPoisson;
        }
        double weekly = winRatio * 7 * EPOCHS_IN_DAY;
        double avgDuration = EPOCH_SECONDS / winRatio;
        out.printf("Projected average block win rate: %s/week (every %s)%n", Formats.goF(weekly, 2),
                Formats.goDuration((long) avgDuration));
        out.printf("Projected block win with 99.9%% probability every %s%n",
                Formats.goDuration((long) (EPOCH_SECONDS * Math.log(1 - 0.999) / Math.log(1 - winRatio))));
        out.println("(projections DO NOT account for future network and miner growth)");
    }

    /** {@code %0.4f} of a×100/b; a zero total (where Lotus's big.Rat would panic) shows 0. */
    private static String percent(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            return Formats.goF(0, 4);
        }
        double v = new BigDecimal(a.multiply(BigInteger.valueOf(100))).divide(new BigDecimal(b), MathContext.DECIMAL64)
                .doubleValue();
        return Formats.goF(v, 4);
    }

    /** Lotus's {@code SyncBasefeeCheck} status: how far the head's timestamp is behind the wall clock. */
    private static String syncStatus(TipSet head, long blockDelay) {
        long behind = Instant.now().getEpochSecond() - ChainConnection.minTimestamp(head);
        if (behind < blockDelay * 3 / 2) {
            return "[sync ok]";
        }
        String d = Formats.goDuration(behind);
        return behind < blockDelay * 5 ? "[sync slow (" + d + " behind)]" : "[sync behind! (" + d + " behind)]";
    }

    private static String since(String startTime) {
        Duration d = Duration.between(OffsetDateTime.parse(startTime).toInstant(), Instant.now());
        return Formats.goDuration(d.getSeconds());
    }

    /** The start time truncated to the second, as Go prints a {@code time.Time}. */
    private static String startedAt(String startTime) {
        OffsetDateTime t = OffsetDateTime.parse(startTime);
        if (t.getOffset().equals(ZoneOffset.UTC)) {
            return Formats.goTime(t.toEpochSecond());
        }
        String off = t.getOffset().getId().replace(":", "");
        return t.toLocalDateTime().withNano(0).toString().replace('T', ' ') + " " + off + " " + off;
    }
}
