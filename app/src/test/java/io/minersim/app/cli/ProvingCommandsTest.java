package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.ProvingDeadline;
import io.minersim.rpc.types.SectorDeadlinePartition;
import io.minersim.rpc.types.TipSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code info} and {@code proving ...} against a miner whose chain state holds faults (declared by skipping them in a
 * Window PoSt), a whole deadline detected faulty (a missed PoSt) and a declared recovery not yet proven: each printed
 * line is checked against the full node's own answers and Lotus's layouts.
 */
class ProvingCommandsTest {
    private static final FilAddress ACTOR = new FilAddress("f01000");

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    /** Sectors 0..5 proven; a, b skipped in their PoSt; c's deadline missed; b declared recovered. */
    private record World(long a, long b, long c, long cPartner) {
    }

    private World faultsRecoveriesAndAMissedPoSt(FullNodeApi full) {
        MinerClient client = sim.client();
        sim.provingSectors(6);
        client.sim().advance(3000);
        List<Long> sectors = new ArrayList<>(client.miner().sectorsList());
        sectors.sort(null);
        Map<Long, List<Long>> byDeadline = new TreeMap<>();
        for (long n : sectors) {
            byDeadline.computeIfAbsent(full.stateSectorPartition(ACTOR, n, List.of()).deadline(), k -> new ArrayList<>())
                    .add(n);
        }
        assertThat(byDeadline).as("six sectors, two a deadline").hasSize(3);
        List<List<Long>> dls = new ArrayList<>(byDeadline.values());
        long a = dls.get(0).get(0);
        long b = dls.get(1).get(0);
        long c = dls.get(2).get(0);
        long cPartner = dls.get(2).get(1);
        client.sim().declareFaults(List.of(a, b));
        client.sim().missPoSt(full.stateSectorPartition(ACTOR, c, List.of()).deadline(), null);
        client.sim().advance(2880);
        assertThat(full.stateMinerFaults(ACTOR, List.of()).numbers().boxed().toList())
                .containsExactlyInAnyOrder(a, b, c, cPartner);
        client.sim().recover(List.of(b));
        for (int i = 0; i < 600 && full.stateMinerRecoveries(ACTOR, List.of()).isEmpty(); i++) {
            client.sim().advance(5);
        }
        assertThat(full.stateMinerRecoveries(ACTOR, List.of()).numbers().boxed().toList()).containsExactly(b);
        return new World(a, b, c, cPartner);
    }

    @Test
    void provingFaultsListsEveryFaultySectorWithItsDeadlineAndPartition() {
        FullNodeApi full = sim.fullNode();
        World w = faultsRecoveriesAndAMissedPoSt(full);
        List<String> expected = new ArrayList<>(List.of("Miner: f01000", "deadline  partition  sectors"));
        List<long[]> rows = new ArrayList<>();
        for (long n : List.of(w.a(), w.b(), w.c(), w.cPartner())) {
            SectorDeadlinePartition p = full.stateSectorPartition(ACTOR, n, List.of());
            rows.add(new long[] {p.deadline(), p.partition(), n});
        }
        rows.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : x[1] != y[1] ? Long.compare(x[1], y[1])
                : Long.compare(x[2], y[2]));
        for (long[] r : rows) {
            expected.add(String.format("%-10d%-11d%d", r[0], r[1], r[2]));
        }
        assertThat(sim.run("proving", "faults").ok().out().lines().toList()).isEqualTo(expected);
    }

    @Test
    void provingInfoCountsFaultsAndRecoveriesAsTheChainDoes() {
        FullNodeApi full = sim.fullNode();
        faultsRecoveriesAndAMissedPoSt(full);
        ProvingDeadline cd = full.stateMinerProvingDeadline(ACTOR, List.of());
        TipSet head = full.chainHead();
        long live = 0;
        for (MinerPartition p : parts(full, cd.index())) {
            live += p.liveSectors().count();
        }
        long stamp = head.blocks().get(0).timestamp();
        long e = cd.currentEpoch();
        assertThat(sim.run("proving", "info").ok().out().lines().toList()).containsExactly(
                "Miner: f01000",
                "Current Epoch:           " + head.height(),
                "Proving Period Boundary: " + cd.periodStart() % 2880,
                "Proving Period Start:    " + Formats.epochTimeTs(e, cd.periodStart(), e, stamp, 4, java.time.ZoneOffset.UTC),
                "Next Period Start:       " + Formats.epochTimeTs(e, cd.periodStart() + 2880, e, stamp, 4,
                        java.time.ZoneOffset.UTC),
                "",
                "Faults:      4 (66.00%)", // 4 × 100 / 6, in integers as Lotus divides
                "Recovering:  1",
                "Deadline Index:       " + cd.index(),
                "Deadline Sectors:     " + live,
                "Deadline Open:        " + Formats.epochTime(e, cd.open(), 4),
                "Deadline Close:       " + Formats.epochTime(e, cd.close(), 4),
                "Deadline Challenge:   " + Formats.epochTime(e, cd.challenge(), 4),
                "Deadline FaultCutoff: " + Formats.epochTime(e, cd.faultCutoff(), 4));
        assertThat(e).isEqualTo(sim.client().sim().head().epoch());
    }

    @Test
    void provingDeadlinesShowsEachDeadlinesPartitionsFaultsAndTheCurrentOne() {
        FullNodeApi full = sim.fullNode();
        World w = faultsRecoveriesAndAMissedPoSt(full);
        ProvingDeadline di = full.stateMinerProvingDeadline(ACTOR, List.of());
        List<String> lines = sim.run("proving", "deadlines").ok().out().lines().toList();
        assertThat(lines).hasSize(2 + 48);
        assertThat(lines.get(0)).isEqualTo("Miner: f01000");
        assertThat(lines.get(1)).isEqualTo("deadline  open      partitions  sectors (faults)  proven partitions");
        long cDeadline = full.stateSectorPartition(ACTOR, w.c(), List.of()).deadline();
        long aDeadline = full.stateSectorPartition(ACTOR, w.a(), List.of()).deadline();
        long genesis = full.chainHead().blocks().get(0).timestamp() - full.chainHead().height() * 4;
        for (int dl = 0; dl < 48; dl++) {
            String row = lines.get(2 + dl);
            String open = Formats.timeOnly(genesis + 4 * (di.open() + 60L * (dl - di.index())),
                    java.time.ZoneOffset.UTC);
            long proven = full.stateMinerDeadlines(ACTOR, List.of()).get(dl).postSubmissions().count();
            String cells = dl == cDeadline ? "1           2 (2)" : dl == aDeadline ? "1           2 (1)"
                    : parts(full, dl).isEmpty() ? "0           0 (0)" : "1           2 (" + faults(full, dl) + ")";
            String expected = String.format("%-10d%-10s%-30s%d", dl, open, cells, proven);
            if (dl == di.index()) {
                expected = String.format("%-10d%-10s%-30s%-3d(current)", dl, open, cells, proven);
            }
            assertThat(row).as("deadline %d", dl).isEqualTo(expected);
        }
    }

    @Test
    void provingDeadlineShowsAPartitionsSectorsByKind() {
        FullNodeApi full = sim.fullNode();
        World w = faultsRecoveriesAndAMissedPoSt(full);
        SectorDeadlinePartition b = full.stateSectorPartition(ACTOR, w.b(), List.of());
        ProvingDeadline di = full.stateMinerProvingDeadline(ACTOR, List.of());
        MinerPartition p = parts(full, b.deadline()).get(0);
        List<Long> all = p.allSectors().numbers().boxed().toList();
        long other = all.get(0) == w.b() ? all.get(1) : all.get(0);
        List<String> out = sim.run("proving", "deadline", "-n", Long.toString(b.deadline())).ok().out().lines().toList();
        assertThat(out.subList(2, out.size())).containsExactly(
                "Partitions:               1",
                "Proven Partitions:        " + full.stateMinerDeadlines(ACTOR, List.of()).get((int) b.deadline())
                        .postSubmissions().count(),
                "Current:                  " + (di.index() == b.deadline()),
                "",
                "Partition Index:          0",
                "\tAll Sectors:               2",
                "\tAll Sector Numbers:         " + Formats.goList(all),
                "\tLive Sectors:              2",
                "\tLive Sector Numbers:        " + Formats.goList(all),
                "\tActive Sectors:            1",
                "\tActive Sector Numbers:      [" + other + "]",
                "\tFaulty Sectors:            1",
                "\tFaulty Sector Numbers:      [" + w.b() + "]",
                "\tRecovering Sectors:        1",
                "\tRecovering Sector Numbers:  [" + w.b() + "]");
        assertThat(out.get(0)).isEqualTo("Deadline Index:           " + b.deadline());
        List<String> bits = sim.run("proving", "deadline", "-b", Long.toString(b.deadline())).ok().out().lines()
                .toList();
        // two sectors in a row from N > 0: a run of N unset and one of 2 set bits, 15 bits of RLE+ (2 bytes, 3 in
        // CBOR) for N from 2 to 15
        assertThat(all.get(0)).isBetween(2L, 15L);
        assertThat(bits).contains("\tAll Sectors:               2 (bitfield - runs 1+1=2 - " + all.get(0) + " 0s 2 1s"
                + " - 0 inv - 3 B 3B)");
        assertThat(bits).filteredOn(l -> l.startsWith("\tRecovering Sectors:")).singleElement().asString()
                .matches("\tRecovering Sectors:        1 \\(bitfield - runs [01]\\+1=[12] - \\d+ 0s 1 1s - 0 inv - \\d B \\dB\\)");
        assertThat(out.get(1)).startsWith("Deadline Open:            ").matches(".*\\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void infoShowsPowerCommittedProvingAndFaultyAsTheFullNodeCountsThem() {
        FullNodeApi full = sim.fullNode();
        faultsRecoveriesAndAMissedPoSt(full);
        List<String> out = sim.run("info").ok().out().lines().toList();
        assertThat(out.get(0)).isEqualTo("Enabled subsystems: [Mining Sealing SectorStorage]");
        assertThat(out.get(1)).matches("StartTime: \\d+s|StartTime: (\\d+h)?(\\d+m)?\\d+s \\(started at "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC\\)");
        // the manual clock's head is in 2020: far behind the wall clock, as Lotus says of a stalled chain
        assertThat(out.get(2)).matches("Chain: \\[sync behind! \\(\\d+h\\d+m\\d+s behind\\)\\] \\[basefee \\d+ aFIL\\]");
        int i = out.indexOf("Miner: f01000 (2 KiB sectors)");
        assertThat(i).isEqualTo(3);
        // 2 of 6 sectors active (4 faulty): 4 KiB of power, the whole (devnet) network's
        assertThat(out.subList(4, 8)).containsExactly(
                "Power: 4 Ki / 4 Ki (100.0000%)",
                "\tRaw: 4 KiB / 4 KiB (100.0000%)",
                "\tCommitted: 12 KiB",
                "\tProving: 12 KiB (8 KiB Faulty, 66.67%)");
        assertThat(out.subList(8, 11)).containsExactly(
                "Projected average block win rate: 20024.16/week (every 30s)",
                "Projected block win with 99.9% probability every 41s",
                "(projections DO NOT account for future network and miner growth)");
        int balance = out.indexOf("");
        assertThat(out.get(balance + 1)).startsWith("Miner Balance:    ");
        assertThat(out).contains("      Available:  100 FIL", "      Vesting:    0", "Beneficiary:\tf0100",
                "Sectors:", "\tTotal: 6", "\tProving: 6");
        String pledge = out.stream().filter(l -> l.startsWith("      Pledge:")).findFirst().orElseThrow();
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (var s : full.stateMinerSectors(ACTOR, null, List.of())) {
            sum = sum.add(s.initialPledge());
        }
        assertThat(pledge).isEqualTo("      Pledge:     " + Formats.filShort(sum));
        assertThat(out.stream().filter(l -> l.startsWith("      PreCommit:")).findFirst().orElseThrow())
                .isEqualTo("      PreCommit:  0");
        int market = out.indexOf("      Available:  100 FIL") + 1;
        io.minersim.rpc.types.MarketBalance mb = full.stateMarketBalance(ACTOR, List.of());
        assertThat(out.subList(market, market + 3)).containsExactly(
                "Market Balance:   " + Formats.filShort(mb.escrow()),
                "       Locked:    " + Formats.filShort(mb.locked()),
                "       Available: " + Formats.filShort(mb.escrow().subtract(mb.locked())));
        assertThat(out.get(market + 3)).startsWith("Worker Balance:   ");
        assertThat(out.subList(out.size() - 3, out.size())).containsExactly("\tProving: 6", "",
                "Workers: Seal(1) WdPoSt(0) WinPoSt(0)");
        sim.client().sim().workerOffline("minersim"); // a disabled worker is not counted, as Lotus's info.go
        assertThat(sim.run("info").ok().out().lines().toList()).endsWith("Workers: Seal(0) WdPoSt(0) WinPoSt(0)");
    }

    @Test
    void infoBeforeAnyWindowPoStHasNoPowerAndSaysNoBlocksWillBeWon() {
        sim.fullNode();
        sim.provingSectors(2); // proven-committed, not yet in a Window PoSt: committed, not proving, no power
        List<String> out = sim.run("info", "--hide-sectors-info").ok().out().lines().toList();
        assertThat(out.subList(3, 10)).containsExactly(
                "Miner: f01000 (2 KiB sectors)",
                "Power: 0  / 0  (0.0000%)", // Lotus's DeciStr leaves the space of the empty unit
                "\tRaw: 0 B / 0 B (0.0000%)",
                "\tCommitted: 4 KiB",
                "\tProving: 0 B",
                "Below minimum power threshold, no blocks will be won",
                "Miner Balance:    100 FIL");
        assertThat(out).doesNotContain("Sectors:");
    }

    @Test
    void provingCommandsNeedOnlyTheFullNodeWithActor() {
        sim.fullNode();
        sim.env.remove(CliEnvironment.MINER_API_INFO);
        assertThat(sim.run("proving", "faults", "--actor", "f01000").ok().out())
                .isEqualTo("Miner: f01000\ndeadline  partition  sectors\n");
    }

    @Test
    void badDeadlineArgumentsGetLotusErrors() {
        sim.fullNode();
        sim.provingSectors(2);
        sim.run("proving", "deadline", "48").refused(
                "ERROR: getting partitions for deadline 48: failed to load the deadline: invalid deadline 48");
        sim.run("proving", "deadline", "abc").refused(
                "ERROR: could not parse deadline index: strconv.ParseUint: parsing \"abc\": invalid syntax");
        sim.run("proving", "deadline", "-1").refused("ERROR: ");
        sim.run("proving", "deadline", "99999999999999999999").refused(
                "could not parse deadline index: strconv.ParseUint: parsing \"99999999999999999999\": value out of range");
        sim.run("proving", "deadline").refused("ERROR: incorrect number of arguments, got 0");
        sim.run("proving", "deadline", "1", "2").refused("ERROR: incorrect number of arguments, got 2");
        sim.run("proving", "info", "--actor", "f09999").refused("ERROR: actor not found");
        sim.run("proving", "info", "--actor", "x123").refused("ERROR: parsing address x123: unknown address network");
        sim.env.remove(FullNodeEndpoint.FULLNODE_API_INFO);
        sim.run("proving", "info").refused("could not get full node API info: set FULLNODE_API_INFO");
    }

    @Test
    void theFullNodeIsFoundInTheReposFullDirectoryAsLotusMinerFindsItsDaemon() throws Exception {
        sim.fullNode();
        String info = sim.env.remove(FullNodeEndpoint.FULLNODE_API_INFO);
        java.nio.file.Path full = sim.home().resolve(".minersim").resolve("full");
        java.nio.file.Files.createDirectories(full);
        java.nio.file.Files.writeString(full.resolve("api"), info.substring(info.indexOf(':') + 1));
        java.nio.file.Files.writeString(full.resolve("token"), info.substring(0, info.indexOf(':')));
        assertThat(sim.run("proving", "faults").ok().out()).isEqualTo("Miner: f01000\ndeadline  partition  sectors\n");
    }

    @Test
    void aFullNodeThatCannotBeReachedIsNamedAsTheFullNode() {
        sim.env.put(FullNodeEndpoint.FULLNODE_API_INFO, "x:/ip4/127.0.0.1/tcp/1/http");
        sim.run("proving", "info").refused(
                "ERROR: could not connect to the full node at http://127.0.0.1:1/rpc/v1: connection refused");
        sim.run("proving", "deadlines").refused("ERROR: getting deadlines: could not connect to the full node at "
                + "http://127.0.0.1:1/rpc/v1");
    }

    private static List<MinerPartition> parts(FullNodeApi full, long dl) {
        List<MinerPartition> p = full.stateMinerPartitions(ACTOR, dl, List.of());
        return p == null ? List.of() : p;
    }

    private static long faults(FullNodeApi full, long dl) {
        return parts(full, dl).stream().mapToLong(p -> p.faultySectors().count()).sum();
    }
}
