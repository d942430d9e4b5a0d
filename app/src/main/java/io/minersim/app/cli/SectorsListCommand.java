package io.minersim.app.cli;

import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorLog;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.SectorPiece;
import io.minersim.rpc.types.TipSet;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minersim sectors list}: lotus-miner's sector table, one SectorsStatus per listed sector (in
 * parallel). As lotus-miner does, OnChain and Active come from the full node at its head: OnChain is YES for a
 * sector in {@code StateMinerSectors} (every sector the actor holds, faulty, unproven and terminated ones included),
 * Active for one in {@code StateMinerActiveSectors} (neither faulty, unproven nor terminated: a sector proven-committed
 * but not yet in a Window PoSt is OnChain YES, Active NO, as is a faulty one). Without {@code --fast} each status
 * carries on-chain info, which fills Expiration and the deal weights.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List sectors.")
final class SectorsListCommand extends ChainCommand {
    private static final int VERIFIED_POWER_GAIN = 9;

    @Option(names = {"-r", "--show-removed"}, description = "Show removed sectors.")
    boolean showRemoved;

    @Option(names = {"-f", "--fast"}, description = "Don't show on-chain info, for better performance.")
    boolean fast;

    @Option(names = {"-e", "--events"}, description = "Display the number of events each sector has received.")
    boolean events;

    @Option(names = {"-p", "--initial-pledge"}, description = "Display the initial pledge.")
    boolean initialPledge;

    @Option(names = {"-t", "--seal-time"}, description = "Display how long it took each sector to be sealed.")
    boolean sealTime;

    @Option(names = "--states", paramLabel = "S,...",
            description = "Filter sectors by a comma-separated list of states (implies --show-removed).")
    String states;

    @Option(names = {"-u", "--unproven"}, description = "Only show sectors which aren't in the 'Proving' state.")
    boolean unproven;

    @Option(names = "--check-parallelism", paramLabel = "N", defaultValue = "16",
            description = "Number of parallel SectorsStatus calls (default: ${DEFAULT-VALUE}).")
    int parallelism;

    /** {@code --states} as parsed by {@link #check()}; empty without the flag. */
    private List<String> stateFilter = List.of();

    @Override
    void check() {
        if (states != null && unproven) {
            throw refuse("only one of --states or --unproven can be specified at once");
        }
        if (parallelism <= 0) {
            throw refuse("--check-parallelism must be positive, got " + parallelism);
        }
        if (states != null) {
            stateFilter = SectorsCommand.states(states);
        }
    }

    @Override
    boolean needsMiner() {
        return true;
    }

    @Override
    void run(ChainConnection chain, MinerConnection miner) throws Exception {
        boolean removed = showRemoved;
        List<String> filter = new ArrayList<>();
        if (states != null) {
            removed = true;
            filter.addAll(stateFilter);
        }
        if (unproven) {
            for (SectorState s : SectorState.values()) {
                if (s != SectorState.Proving && s != SectorState.Available) {
                    filter.add(s.name());
                }
            }
        }
        List<Long> numbers = filter.isEmpty() ? miner.api().sectorsList() : miner.api().sectorsListInStates(filter);
        List<Long> sorted = numbers == null ? new ArrayList<>() : new ArrayList<>(numbers);
        TipSet head = head(chain);
        List<CidLink> key = head.cids();
        Set<Long> activeIds = new HashSet<>();
        for (SectorOnChainInfo s : orEmpty(chain.api().stateMinerActiveSectors(chain.actor(), key))) {
            activeIds.add(s.sectorNumber());
        }
        Map<Long, Long> powerBaseEpochs = new HashMap<>();
        for (SectorOnChainInfo s : orEmpty(chain.api().stateMinerSectors(chain.actor(), null, key))) {
            powerBaseEpochs.put(s.sectorNumber(), s.powerBaseEpoch());
        }
        sorted.sort(null);

        List<Object> statuses = fetch(miner, sorted);
        if (json()) {
            List<SectorInfo> shown = new ArrayList<>();
            for (Object o : statuses) {
                if (o instanceof SectorInfo s && (removed || !s.state().equals(SectorState.Removed.name()))) {
                    shown.add(s);
                }
            }
            printJson(shown);
            return;
        }
        long blockDelay = fast ? 0 : chain.blockDelay();

        TextTable table = new TextTable().column("ID").column("State").column("OnChain").column("Active")
                .column("Expiration").column("SealTime").column("Events").column("Deals").column("DealWeight")
                .column("VerifiedPower").column("Pledge").lineColumn("Error").lineColumn("RecoveryTimeout");
        for (int i = 0; i < sorted.size(); i++) {
            Object o = statuses.get(i);
            if (o instanceof String error) {
                table.row(Map.of("ID", Long.toString(sorted.get(i)), "Error", error));
                continue;
            }
            SectorInfo st = (SectorInfo) o;
            if (!removed && st.state().equals(SectorState.Removed.name())) {
                continue;
            }
            table.row(row(st, head.height(), blockDelay, powerBaseEpochs, activeIds));
        }
        table.print(out());
    }

    /** Each sector's status, or the one-line error its call gave, in the order of {@code numbers}. */
    private List<Object> fetch(MinerConnection miner, List<Long> numbers) throws InterruptedException {
        List<Object> out = new ArrayList<>(numbers.size());
        if (numbers.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, numbers.size()), r -> {
            Thread t = new Thread(r, "sectors-list");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SectorInfo>> futures = new ArrayList<>(numbers.size());
            for (long n : numbers) {
                futures.add(pool.submit(() -> miner.api().sectorsStatus(n, !fast)));
            }
            for (Future<SectorInfo> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(describe(e, miner.endpoint()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private Map<String, String> row(SectorInfo st, long head, long blockDelay, Map<Long, Long> powerBaseEpochs,
            Set<Long> activeIds) {
        Map<String, String> m = new HashMap<>();
        m.put("ID", Long.toString(st.sectorId()));
        m.put("State", st.state());
        boolean onChain = powerBaseEpochs.containsKey(st.sectorId());
        m.put("OnChain", onChain ? "YES" : "NO");
        m.put("Active", activeIds.contains(st.sectorId()) ? "YES" : "NO");
        long deals = st.deals().stream().filter(d -> d != 0).count();
        if (deals > 0) {
            m.put("Deals", Long.toString(deals));
        } else {
            m.put("Deals", st.toUpgrade() ? "CC(upgrade)" : "CC");
        }
        if (!fast) {
            long exp = st.expiration();
            if (st.onTime() > 0 && st.onTime() < exp) {
                exp = st.onTime();
            }
            if (!onChain) {
                m.put("Expiration", "n/a");
            } else {
                m.put("Expiration", Formats.epochTime(head, exp, blockDelay));
                if (st.early() > 0) {
                    m.put("RecoveryTimeout", Formats.epochTime(head, st.early(), blockDelay));
                }
            }
            if (onChain && initialPledge) {
                m.put("Pledge", Formats.filShort(st.initialPledge()));
            }
            if (deals > 0) {
                weights(st, powerBaseEpochs.getOrDefault(st.sectorId(), 0L), m);
            }
        }
        if (events) {
            long n = st.log().stream().filter(l -> l.kind().startsWith("event")
                    && !l.kind().equals("event;sealing.SectorRestart")).count();
            m.put("Events", Long.toString(n));
        }
        if (sealTime && st.log().size() > 1) {
            long start = st.log().get(0).timestamp();
            for (SectorLog l : st.log()) {
                if (l.kind().equals("event;sealing.SectorProving")) {
                    m.put("SealTime", Formats.goDuration(l.timestamp() - start));
                    break;
                }
            }
        }
        return m;
    }

    /**
     * DealWeight and VerifiedPower: from the on-chain weights (the deal weight over the life since the power base
     * epoch, as Lotus divides it), or estimated from the pieces ([...]).
     */
    private static void weights(SectorInfo st, long powerBaseEpoch, Map<String, String> m) {
        long life = st.expiration() - st.activation();
        boolean estimate = life <= 0 || SectorState.byName(st.state()).map(SectorState::isUpgradeState).orElse(false);
        double dw = 0;
        double vp = 0;
        if (!estimate) {
            BigInteger l = BigInteger.valueOf(life);
            long sincePowerBase = st.expiration() - powerBaseEpoch;
            dw = st.dealWeight().add(st.verifiedDealWeight()).divide(sincePowerBase > 0
                    ? BigInteger.valueOf(sincePowerBase) : l).doubleValue();
            vp = st.verifiedDealWeight().multiply(BigInteger.valueOf(VERIFIED_POWER_GAIN)).divide(l).doubleValue();
        } else {
            for (SectorPiece p : st.pieces()) {
                if (p.dealInfo() != null) {
                    dw += p.piece().size();
                    if (p.dealInfo().dealProposal() != null && p.dealInfo().dealProposal().verifiedDeal()) {
                        vp += (double) p.piece().size() * VERIFIED_POWER_GAIN;
                    }
                }
            }
        }
        m.put("DealWeight", wrap(Formats.bytesSize(dw), estimate));
        if (vp > 0) {
            m.put("VerifiedPower", wrap(Formats.bytesSize(vp), estimate));
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String wrap(String s, boolean estimate) {
        return estimate ? "[" + s + "]" : s;
    }
}
