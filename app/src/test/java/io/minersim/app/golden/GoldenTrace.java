package io.minersim.app.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.stats.StatsEndpoint;
import io.minersim.app.stats.StatsKeys;
import io.minersim.app.stats.StatsMiner;
import io.minersim.app.stats.StatsRendering;
import io.minersim.app.stats.StatsServer;
import io.minersim.app.stats.StatsService;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The golden trace: one simulated miner (devnet, 2 KiB sectors, seed 42, manual clock) seeded from a scenario with
 * a sector in each of the 46 seedable states and a few with roles, then driven over JSON-RPC for 4,000 epochs through
 * every path the engine has (see {@link GoldenTraceTest} for the list). The trace holds the exact bytes of every
 * request and answer; at each checkpoint the history since the last one, the lists, the batchers' pending sectors
 * and every sector's {@code SectorsStatus(n, true)} (one batch request; an answer unchanged since an earlier
 * checkpoint names it instead of repeating it); at the end the statistics API's rows for every endpoint and complete
 * day (rendered in process by the API's handler, plus a few requests over HTTP), the {@code Sim.Snapshot} and a
 * {@code Sim.Restore} of it with one knob changed.
 *
 * <p>Everything goes through the node's HTTP endpoint (an admin token) and the statistics server, so the trace pins
 * the wire bytes. The few reads the drive needs and does not show (the head, a sector's expiration, the sector
 * list before a checkpoint's batch) change nothing. Nothing in the trace depends on wall time, the ports or the
 * tokens; one line or block per item, each under a header naming it, so that a diff is reviewable.
 */
final class GoldenTrace {

    /** What a run produced: the trace and, for the coverage checks, what its history and calls showed. */
    record Result(String text, Set<String> eventKinds, Set<String> statesEntered, Map<String, Integer> nonNullFlushes,
            int errorAnswers, int calls, Map<String, Double> statisticsSums) {
    }

    static final long SEED = 42;
    /**
     * The chain starts late enough that seeded sectors can have lived a whole minimum sector life, 2,000 epochs
     * before a midnight (UTC) of the devnet chain, so that the drive's first half and second half fall on two days.
     */
    static final long START = 626_200;
    /** Epochs the drive covers. */
    static final long RUN = 4_000;
    /** The end: the midnight after the drive, so that the statistics have every day the drive touched. */
    static final long END = 649_800;
    /** devnet: 4 s epochs, FaultMaxAge 42 × 2880 epochs. */
    static final long FAULT_MAX_AGE = 42 * 2880;
    /** The first generated deal ID of the counted sectors. */
    static final long DEAL_ID_START = 3000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS_KEY = "mss_goldentrace000000000000000000";

    // ------------------------------------------------------------------------------------------------ scenario

    /** A group of counted sectors: count in state, with k generated deals each. */
    private record Group(String state, int count, int deals, String extra) {
    }

    /** Counted sectors, in file order: they take the numbers 0, 1, ... in this order. */
    private static final List<Group> GROUPS = List.of(
            new Group("Proving", 14, 0, "age: 3000, ageSpread: 500"),
            new Group("Proving", 2, 2, "verified: true, age: 2500"),
            new Group("Available", 1, 0, "age: 200"),
            new Group("WaitDeals", 1, 3, "verified: true"),
            new Group("AddPiece", 1, 1, ""),
            new Group("WaitDeals", 1, 1, ""), // was AddPieceFailed, now a state passed through at once
            new Group("Packing", 1, 0, ""),
            new Group("GetTicket", 1, 0, ""),
            new Group("PreCommit1", 1, 0, ""),
            new Group("PreCommit2", 1, 1, ""),
            new Group("SubmitPreCommitBatch", 2, 0, ""),
            new Group("PreCommitBatchWait", 1, 0, ""),
            new Group("WaitSeed", 1, 0, ""),
            new Group("Committing", 1, 0, ""),
            new Group("SubmitCommitAggregate", 2, 0, ""),
            new Group("CommitAggregateWait", 1, 0, ""),
            new Group("FinalizeSector", 1, 0, ""),
            new Group("SealPreCommit1Failed", 1, 0,
                    "error: \"seal pre commit(1) failed: storage call error 0: no space left on device\""),
            new Group("SealPreCommit2Failed", 1, 0, ""),
            new Group("PreCommitFailed", 1, 0, ""),
            new Group("ComputeProofFailed", 1, 0, ""),
            new Group("RemoteCommitFailed", 1, 0, ""),
            new Group("CommitFailed", 1, 0, ""),
            new Group("FinalizeFailed", 1, 0, ""),
            new Group("SnapDealsWaitDeals", 1, 3, ""),
            new Group("SnapDealsAddPiece", 1, 1, ""),
            new Group("SnapDealsPacking", 1, 1, ""),
            new Group("UpdateReplica", 1, 1, ""),
            new Group("ProveReplicaUpdate", 1, 1, ""),
            new Group("FinalizeReplicaUpdate", 1, 1, ""),
            new Group("ReplicaUpdateWait", 1, 1, ""),
            new Group("UpdateActivating", 1, 1, ""),
            new Group("ReleaseSectorKey", 1, 1, ""),
            new Group("SnapDealsWaitDeals", 1, 1, ""), // was SnapDealsAddPieceFailed, likewise
            new Group("ReplicaUpdateFailed", 1, 1, ""),
            new Group("FinalizeReplicaUpdateFailed", 1, 1, ""),
            new Group("ReleaseSectorKeyFailed", 1, 1, ""),
            new Group("Proving", 1, 0, "age: 2000, faulty: true"),
            new Group("Proving", 1, 0, "age: 100, faulty: true"),
            new Group("Proving", 1, 0, "faulty: true"),
            new Group("Terminating", 1, 0, ""),
            new Group("TerminateWait", 1, 0, ""),
            new Group("TerminateFinality", 1, 0, ""),
            new Group("TerminateFailed", 1, 0, ""),
            new Group("Removing", 1, 0, ""),
            new Group("RemoveFailed", 1, 0, ""),
            new Group("Removed", 1, 0, "age: 1000"));

    /** The first sector number of the {@code index}-th group of {@code state}. */
    private static long counted(String state, int index) {
        long n = 0;
        int seen = 0;
        for (Group g : GROUPS) {
            if (g.state.equals(state) && seen++ == index) {
                return n;
            }
            n += g.count;
        }
        throw new IllegalArgumentException("no group " + index + " of " + state);
    }

    /** The first sector of the first group in {@code state}. */
    private static long counted(String state) {
        return counted(state, 0);
    }

    /** The generated deal IDs of a counted sector, as Scenario#seeds hands them out. */
    private static List<Long> generatedDeals(long sector) {
        long n = 0;
        long deal = DEAL_ID_START;
        for (Group g : GROUPS) {
            for (int i = 0; i < g.count; i++, n++) {
                if (n == sector) {
                    List<Long> out = new ArrayList<>();
                    for (int k = 0; k < g.deals; k++) {
                        out.add(deal + k);
                    }
                    return out;
                }
                deal += g.deals;
            }
        }
        throw new IllegalArgumentException("no counted sector " + sector);
    }

    // named sectors: their roles
    /** Proving CC sectors old enough to expire during the run, at about START + 200, 400, 600 and 800. */
    static final long EXPIRES = 900;
    static final long EXTENDED = 901;
    static final long EXPIRES_FAULTY = 902;
    static final long EXPIRES_THEN_TERMINATED = 903;
    /** Faulty on chain for FaultMaxAge − 1000 epochs: the network terminates it at its deadline's close after START + 1000. */
    static final long PASSIVE = 904;
    /** Proving with a verified legacy deal that the chain expires (the sector keeps its weight). */
    static final long PROVEN_DEAL = 905;
    /** Waiting in the pre-commit batch with a deal the chain expires: it gives up at once. */
    static final long BATCHED_DEAL = 906;
    /** SealPreCommit1Failed with a deal starting 3 epochs in: at its retry the deal's start has passed. */
    static final long LATE_DEAL = 907;
    /** WaitDeals with a verified DDO piece and room for more. */
    static final long OPEN_DDO = 908;
    /** PreCommit2 with a deal the chain expires: it gives up at the pre-commit batcher. */
    static final long PC2_DEAL = 909;

    /** The age (epochs in Proving) that makes a seeded minimum-life CC sector expire {@code in} epochs after START. */
    private static long ageExpiringIn(long in) {
        // measured: a Proving CC sector seeded with age A was activated at START - A - 6 and expires 607,807 epochs
        // later (its ticket's age limit plus the longest prove-commit plus the minimum sector life)
        return 607_801 - in;
    }

    private static void named(StringBuilder y, long number, String state, long age) {
        y.append("    - {number: ").append(number).append(", state: ").append(state).append(", age: ").append(age)
                .append("}\n");
    }

    /** The scenario file (YAML) the miner starts from. */
    static String scenario() {
        long s = START;
        StringBuilder y = new StringBuilder();
        y.append("description: minersim golden trace\n");
        y.append("profile: devnet\n");
        y.append("seed: ").append(SEED).append('\n');
        y.append("clock: {mode: manual, startEpoch: ").append(s).append("}\n");
        y.append("miner:\n");
        y.append("  actor: f01000\n");
        y.append("  sectorSize: 2KiB\n");
        y.append("  dealIdStart: ").append(DEAL_ID_START).append('\n');
        y.append("  sealing:\n");
        y.append("    MaxWaitDealsSectors: 0\n");
        y.append("    MaxSealingSectorsForDeals: 0\n");
        y.append("    WaitDealsDelay: 10m\n");
        y.append("    CommittedCapacitySectorLifetime: 1h\n");
        y.append("    MaxPreCommitBatch: 4\n");
        y.append("    PreCommitBatchWait: 1h\n");
        y.append("    PreCommitBatchSlack: 10m\n");
        y.append("    MinCommitBatch: 1\n");
        y.append("    MaxCommitBatch: 6\n");
        y.append("    CommitBatchWait: 1h\n");
        y.append("    CommitBatchSlack: 10m\n");
        y.append("    TerminateBatchMin: 2\n");
        y.append("    TerminateBatchMax: 3\n");
        y.append("    TerminateBatchWait: 10m\n");
        y.append("    MinRetryTime: 8s\n");
        y.append("  counts:\n");
        for (Group g : GROUPS) {
            y.append("    - {state: ").append(g.state).append(", count: ").append(g.count);
            if (g.deals > 0) {
                y.append(", deals: ").append(g.deals);
            }
            if (!g.extra.isEmpty()) {
                y.append(", ").append(g.extra);
            }
            y.append("}\n");
        }
        y.append("  sectors:\n");
        named(y, EXPIRES, "Proving", ageExpiringIn(200));
        named(y, EXTENDED, "Proving", ageExpiringIn(400));
        named(y, EXPIRES_FAULTY, "Proving", ageExpiringIn(600));
        named(y, EXPIRES_THEN_TERMINATED, "Proving", ageExpiringIn(800));
        y.append("    - {number: ").append(PASSIVE).append(", state: Proving, age: ").append(FAULT_MAX_AGE - 1000)
                .append(", faulty: true}\n");
        y.append("    - number: ").append(PROVEN_DEAL)
                .append("\n      state: Proving\n      age: 1000\n      pieces:\n");
        y.append("        - {size: 1024, dealId: 7001, client: f01500, verified: true, label: golden, startEpoch: ")
                .append(s - 500).append(", endEpoch: ").append(s + 700_000).append("}\n");
        y.append("    - number: ").append(BATCHED_DEAL).append("\n      state: SubmitPreCommitBatch\n      pieces:\n");
        y.append("        - {size: 2048, dealId: 7002, startEpoch: ").append(s + 20_000).append(", endEpoch: ")
                .append(s + 600_000).append("}\n");
        y.append("    - number: ").append(LATE_DEAL).append("\n      state: SealPreCommit1Failed\n      pieces:\n");
        y.append("        - {size: 1024, dealId: 7003, startEpoch: ").append(s + 3).append(", endEpoch: ")
                .append(s + 600_000).append("}\n");
        y.append("    - number: ").append(OPEN_DDO).append("\n      state: WaitDeals\n      pieces:\n");
        y.append("        - {size: 512, client: f01500, allocationId: 77, verified: true, startEpoch: ")
                .append(s + 20_000).append(", endEpoch: ").append(s + 600_000).append("}\n");
        y.append("    - number: ").append(PC2_DEAL).append("\n      state: PreCommit2\n      pieces:\n");
        y.append("        - {size: 1024, dealId: 7004, startEpoch: ").append(s + 20_000).append(", endEpoch: ")
                .append(s + 600_000).append("}\n");
        y.append("  events:\n");
        y.append("    - {kind: failure, state: AddPiece, count: 1, error: \"add piece: golden disk full\"}\n");
        y.append("    - {kind: pledge, epoch: ").append(s + 40).append(", count: 2}\n");
        y.append("    - {kind: fault, epoch: ").append(s + 50).append(", sectors: [").append(counted("Proving") + 3)
                .append("], declared: false}\n");
        y.append("    - {kind: fault, epoch: ").append(s + 55).append(", state: Proving, count: 1}\n");
        y.append("    - {kind: recover, epoch: ").append(s + 80).append(", state: Proving, count: 1}\n");
        y.append("    - {kind: missPoSt, epoch: ").append(s + 85).append(", deadline: 20}\n");
        y.append("    - {kind: terminate, epoch: ").append(s + 120).append(", sectors: [")
                .append(counted("Proving") + 4).append("]}\n");
        y.append("    - {kind: expireDeals, epoch: ").append(s + 8).append(", deals: [")
                .append(generatedDeals(counted("AddPiece")).get(0)).append("]}\n");
        y.append("    - {kind: failure, epoch: ").append(s + 1000)
                .append(", state: Committing, count: 1, error: \"computing seal proof failed: golden GPU lost\"}\n");
        return y.toString();
    }

    // ------------------------------------------------------------------------------------------------ the run

    private final MinerSimulator sim;
    private int messagesSeen;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuilder out = new StringBuilder();
    private final Set<String> kinds = new TreeSet<>();
    private final Set<String> states = new TreeSet<>();
    private final Map<String, Integer> nonNullFlushes = new TreeMap<>();
    /** "endpoint.field" → the field summed over every day's row, for the coverage checks. */
    private final Map<String, Double> statisticsSums = new TreeMap<>();
    private long eventsSeen;
    /** Each sector's status answer as last written, and the checkpoint it was written at. */
    private final Map<Long, String> lastStatus = new TreeMap<>();
    private final Map<Long, Integer> lastStatusAt = new TreeMap<>();
    private int checkpoint;
    private int errors;
    private int calls;

    private GoldenTrace(MinerSimulator sim) {
        this.sim = sim;
    }

    /** Runs the whole drive on a fresh simulator and returns the trace. */
    static Result run() throws Exception {
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario()).start()) {
            GoldenTrace t = new GoldenTrace(sim);
            t.drive();
            return new Result(t.out.toString(), Collections.unmodifiableSet(t.kinds),
                    Collections.unmodifiableSet(t.states), Collections.unmodifiableMap(t.nonNullFlushes), t.errors,
                    t.calls, Collections.unmodifiableMap(t.statisticsSums));
        }
    }

    private void drive() throws Exception {
        long s = START;
        line("# minersim golden trace: see app/src/test/java/io/minersim/app/golden/GoldenTraceTest.java");
        line("# regenerate: mvn -o -B -pl app -am test -Dtest=GoldenTraceTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dgolden.update=true");
        line("# scenario:");
        for (String l : scenario().split("\n")) {
            line("#   " + l);
        }
        checkpoint();

        // ---- t = 0: the node, empty and non-empty flushes, numbers, knobs
        step("the node");
        call("Filecoin.Version", "[]");
        call("Filecoin.ActorAddress", "[]");
        call("Filecoin.ActorSectorSize", "[\"f01000\"]");
        call("Filecoin.ActorSectorSize", "[\"f09999\"]");
        call("Filecoin.ActorAddressConfig", "[]");
        call("Filecoin.RuntimeSubsystems", "[]");
        call("Sim.Head", "[]");

        step("batchers holding the seeded sectors; flushing the commit batcher twice (the second has nothing)");
        call("Filecoin.SectorPreCommitPending", "[]");
        call("Filecoin.SectorCommitPending", "[]");
        call("Filecoin.SectorTerminatePending", "[]");
        flush("Filecoin.SectorCommitFlush");
        flush("Filecoin.SectorCommitFlush");

        step("sector number reservations");
        call("Filecoin.SectorNumAssignerMeta", "[]");
        call("Filecoin.SectorNumReserve", "[\"golden-a\",[200,5],false]");
        call("Filecoin.SectorNumReserveCount", "[\"golden-b\",3]");
        call("Filecoin.SectorNumReserve", "[\"golden-c\",[0,3],false]");
        call("Filecoin.SectorNumReserve", "[\"golden-c\",[2000,2],false]");
        call("Filecoin.SectorNumReserve", "[\"golden-a\",[300,1],false]");
        call("Filecoin.SectorNumReserve", "[\"golden-a\",[300,1],true]");
        call("Filecoin.SectorNumReservations", "[]");
        call("Filecoin.SectorNumFree", "[\"golden-c\"]");
        call("Filecoin.SectorNumFree", "[\"golden-missing\"]");
        call("Filecoin.SectorNumReserveCount", "[\"golden-d\",0]");
        call("Filecoin.SectorNumReservations", "[]");
        call("Filecoin.SectorNumAssignerMeta", "[]");

        step("knobs: seal delay and expected seal duration");
        call("Filecoin.SectorGetSealDelay", "[]");
        call("Filecoin.SectorSetSealDelay", "[" + Duration.ofMinutes(20).toNanos() + "]");
        call("Filecoin.SectorGetSealDelay", "[]");
        call("Filecoin.SectorSetSealDelay", "[-1]");
        call("Filecoin.SectorGetExpectedSealDuration", "[]");
        call("Filecoin.SectorSetExpectedSealDuration", "[" + Duration.ofHours(2).toNanos() + "]");
        call("Filecoin.SectorGetExpectedSealDuration", "[]");

        step("the chain expires deals: of a snap upgrade under way, of sectors in PreCommit2, in the pre-commit batch"
                + " and waiting for deals; an unknown deal");
        long updateReplica = counted("UpdateReplica");
        call("Sim.ExpireDeals", "[[" + generatedDeals(updateReplica).get(0) + "]]");
        call("Sim.ExpireDeals", "[[7004]]");
        call("Sim.ExpireDeals", "[[7002]]");
        call("Sim.ExpireDeals", "[[" + generatedDeals(counted("WaitDeals", 1)).get(0) + "]]");
        call("Sim.ExpireDeals", "[[99999]]");
        call("Sim.ExpireDeals", "[[]]");

        step("failures armed on seeded sectors, for the state each enters next");
        armSeededFailures();
        step("bad failure rules");
        call("Sim.InjectFailure", "[{\"State\":\"Provin\",\"Sector\":1,\"Count\":1}]");
        call("Sim.InjectFailure", "[{\"State\":\"PreCommit1\",\"Sector\":4242,\"Count\":1}]");
        call("Sim.InjectFailure", "[{\"State\":\"PreCommit1\",\"Count\":0}]");

        step("CC sectors pledged, with failures on most of them");
        List<Long> p = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            p.add(call("Filecoin.PledgeSector", "[]").path("result").path("Number").asLong());
        }
        armPledgedFailures(p);
        call("Sim.InjectFailure", "[{\"State\":\"PreCommit1\",\"Sector\":" + p.get(13) + ",\"Count\":1}]");
        step("every rule cleared (the one on sector " + p.get(13) + " stays cleared), the others armed again");
        call("Sim.ClearFailures", "[]");
        armPledgedFailures(p);
        armSeededFailures();

        step("deal pieces: a legacy deal (its AddPiece fails once, by the scenario's rule), a DDO piece, a small one");
        addPiece(1016, legacyDeal(7101, 1016, false, s + 20_000, s + 600_000));
        long d2 = addPiece(508, ddoDeal(508, s + 20_000, s + 600_000));
        long d3 = addPiece(254, legacyDeal(7102, 254, true, s + 20_000, s + 600_000));
        step("bad pieces");
        call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},"
                + legacyDeal(7103, 1016, false, s + 100, s + 600_000) + "]");
        call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1000\"},"
                + legacyDeal(7104, 1016, false, s + 20_000, s + 600_000) + "]");
        call("Filecoin.SectorAddPieceToAny", "[4064,{\"Type\":\"null\",\"Info\":\"4064\"},"
                + legacyDeal(7105, 4064, false, s + 20_000, s + 600_000) + "]");

        step("starting sectors: the open DDO sector, a Proving one (ignored), an unknown one");
        call("Filecoin.SectorStartSealing", "[" + OPEN_DDO + "]");
        call("Filecoin.SectorStartSealing", "[" + counted("Proving") + "]");
        call("Filecoin.SectorStartSealing", "[4242]");

        step("the seeded Available sector goes back to Proving; a seeded snap upgrade is aborted");
        call("Filecoin.SectorAbortUpgrade", "[" + counted("Available") + "]");
        call("Filecoin.SectorAbortUpgrade", "[" + counted("SnapDealsWaitDeals") + "]");
        call("Filecoin.SectorAbortUpgrade", "[" + counted("Proving") + "]");

        step("a piece whose data is not its deal's: assigned, its AddPiece fails the piece-CID check");
        call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},"
                + legacyDeal(7106, 1016, false, s + 20_000, s + 600_000).replace(zeroPieceCid(1016), zeroPieceCid(508))
                + "]");

        step("sectors sealed elsewhere, received");
        call("Filecoin.SectorReceive", "[" + remoteSector(950, "Proving") + "]");
        call("Filecoin.SectorReceive", "[" + remoteSector(951, "Available") + "]");
        call("Filecoin.SectorReceive", "[" + remoteSector(952, "Packing") + "]");
        call("Filecoin.SectorReceive", "[" + remoteSector(953, "SubmitCommit") + "]");
        call("Filecoin.SectorReceive", "[" + remoteSector(950, "Proving") + "]");
        call("Filecoin.SectorReceive", "[" + remoteSector(954, "WaitSeed") + "]");

        // ---- the first wave moves, flushed by hand
        advanceTo(s + 4, "the pledged sectors reach the pre-commit batcher (every fourth leaves at once)");
        call("Filecoin.SectorPreCommitPending", "[]");
        advanceTo(s + 5, "the rest wait");
        call("Filecoin.SectorPreCommitPending", "[]");
        flush("Filecoin.SectorPreCommitFlush");
        flush("Filecoin.SectorPreCommitFlush");
        for (long e = s + 10; e <= s + 40; e += 5) {
            advanceTo(e, "the first wave on its way");
            call("Filecoin.SectorPreCommitPending", "[]");
            call("Filecoin.SectorCommitPending", "[]");
            if (e == s + 25 || e == s + 35) {
                flush("Filecoin.SectorPreCommitFlush");
                flush("Filecoin.SectorCommitFlush");
            }
        }
        advanceTo(s + 60, "the scenario's pledges, faults at 50 (detected) and 55 (declared)");
        step("faults declared over the API; refused on sectors not Proving");
        long proving = counted("Proving");
        call("Sim.DeclareFaults", "[[" + (proving + 5) + "," + (proving + 6) + "]]");
        call("Sim.DeclareFaults", "[[" + (proving + 7) + "," + p.get(0) + "]]");
        call("Sim.DeclareFaults", "[[4242]]");
        call("Filecoin.SectorsListInStates", "[[\"Faulty\",\"FaultReported\"]]");
        advanceTo(s + 90, "the scenario's recovery at 80");
        call("Sim.Recover", "[[" + (proving + 5) + "]]");
        call("Sim.Recover", "[[" + (proving + 8) + "]]");
        call("Sim.Recover", "[[" + counted("Proving", 2) + "]]"); // faulty on chain: declared, then proven
        advanceTo(s + 100, "");
        step("extensions: refused (shorter, the same, too far, one of two shorter, not on chain), then two at once");
        call("Sim.ExtendSectors", "[[" + EXTENDED + "]," + (expiration(EXTENDED) + 50_000) + "]");
        call("Sim.ExtendSectors", "[[" + EXPIRES + "]," + (expiration(EXPIRES) - 1) + "]");
        call("Sim.ExtendSectors", "[[" + EXPIRES + "]," + expiration(EXPIRES) + "]");
        call("Sim.ExtendSectors", "[[" + EXPIRES + "]," + (s + 100 + 3_680_641) + "]");
        call("Sim.ExtendSectors", "[[" + (proving + 10) + "]," + (expiration(proving + 10) + 5_000_000) + "]");
        call("Sim.ExtendSectors", "[[" + (proving + 10) + "," + p.get(11) + "]," + (expiration(proving + 10) + 1_000)
                + "]");
        call("Sim.ExtendSectors", "[[" + (proving + 10) + "," + (proving + 11) + "],"
                + (expiration(proving + 10) + 1_000) + "]");
        call("Sim.ExtendSectors", "[[" + p.get(0) + "]," + (expiration(proving + 10) + 1_000) + "]");
        advanceTo(s + 150, "the scenario's termination at 120");
        call("Sim.DeclareFaults", "[[" + EXPIRES_FAULTY + "]]");
        advanceTo(s + 200, "");
        checkpoint();

        // ---- snap deals, terminations, removals, forced states
        step("snap deals: marking refused (deals, not Proving, non-snap), then a CC sector marked and filled");
        call("Filecoin.SectorMarkForUpgrade", "[" + counted("Proving", 1) + ",true]");
        call("Filecoin.SectorMarkForUpgrade", "[" + (proving + 6) + ",true]");
        call("Filecoin.SectorMarkForUpgrade", "[" + (proving + 11) + ",false]");
        call("Filecoin.SectorMarkForUpgrade", "[" + EXPIRES + ",true]");
        long snap = p.get(11);
        inject("ReplicaUpdateWait", snap, 1, "replica update message failed: golden");
        call("Filecoin.SectorMarkForUpgrade", "[" + snap + ",true]");
        call("Filecoin.SectorsListInStates", "[[\"Available\"]]");
        long snapped = addPiece(1016, legacyDeal(7201, 1016, true, s + 3_000, s + 400_000));
        line("# the snap deal went to sector " + snapped + (snapped == snap ? " (the Available one)" : ""));
        call("Filecoin.SectorStartSealing", "[" + snap + "]");
        long aborted = p.get(12);
        call("Filecoin.SectorMarkForUpgrade", "[" + aborted + ",true]");
        call("Filecoin.SectorAbortUpgrade", "[" + aborted + "]");

        step("terminations: one waits for a second (TerminateBatchMin 2); one fails first; a flush");
        call("Filecoin.SectorTerminate", "[" + (proving + 7) + "]");
        call("Filecoin.SectorTerminatePending", "[]");
        call("Filecoin.SectorTerminate", "[" + (proving + 8) + "]");
        call("Filecoin.SectorTerminate", "[" + (proving + 9) + "]");
        call("Filecoin.SectorTerminatePending", "[]");
        call("Filecoin.SectorTerminate", "[4242]");
        advanceTo(s + 210, "");
        call("Filecoin.SectorTerminatePending", "[]");
        call("Filecoin.SectorTerminate", "[" + (proving + 12) + "]");
        call("Filecoin.SectorTerminatePending", "[]");
        flush("Filecoin.SectorTerminateFlush");
        flush("Filecoin.SectorTerminateFlush");
        call("Filecoin.SectorTerminate", "[" + p.get(13) + "]");

        step("removals: a Proving sector, one whose Removing fails once, a sealing one, an unknown one");
        call("Filecoin.SectorRemove", "[" + (proving + 10) + "]");
        call("Filecoin.SectorRemove", "[" + (proving + 1) + "]");
        call("Filecoin.SectorRemove", "[" + d3 + "]");
        call("Filecoin.SectorRemove", "[4242]");

        step("forced states");
        call("Filecoin.SectorsUpdate", "[" + (proving + 13) + ",\"FailedUnrecoverable\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("CommitFailed") + ",\"PreCommitting\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Proving", 2) + ",\"Faulty\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Proving", 3) + ",\"FaultReported\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Proving", 4) + ",\"FaultedFinal\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Proving", 4) + ",\"Removing\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Removed") + ",\"Proving\"]");
        call("Filecoin.SectorsUpdate", "[" + (counted("Proving", 1) + 1) + ",\"CommitFailed\"]");
        call("Filecoin.SectorsUpdate", "[" + (proving + 2) + ",\"PreCommit1\"]");
        inject("CommitFinalize", counted("Proving", 1), 1, "finalize sector: golden, early");
        call("Filecoin.SectorsUpdate", "[" + counted("Proving", 1) + ",\"CommitFinalize\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("GetTicket") + ",\"Empty\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("PreCommit1") + ",\"SnapDealsRecoverDealIDs\"]");
        call("Filecoin.SectorsUpdate", "[951,\"WaitMutable\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Available") + ",\"RecoverDealIDs\"]");
        call("Filecoin.SectorsUpdate", "[" + counted("Packing") + ",\"PackingFailed\"]");
        call("Filecoin.SectorsUpdate", "[" + d2 + ",\"NotAState\"]");
        call("Filecoin.SectorsUpdate", "[4242,\"Proving\"]");

        step("deal refs and unsealing");
        call("Filecoin.SectorsRefs", "[]");
        call("Filecoin.SectorUnseal", "[" + PROVEN_DEAL + "]");
        call("Filecoin.SectorMatchPendingPiecesToOpenSectors", "[]");

        step("a deal the chain expires on a proven sector (it keeps its weight)");
        call("Sim.ExpireDeals", "[[7001]]");
        call("Filecoin.SectorsStatus", "[" + PROVEN_DEAL + ",true]");

        for (long e = s + 250; e <= s + 400; e += 50) {
            advanceTo(e, "snaps, terminations and removals going on");
            call("Filecoin.SectorTerminatePending", "[]");
        }
        advanceTo(s + 700, "past the expirations at about 200, 400 (extended), 600 (faulty)");
        call("Sim.Recover", "[[" + EXPIRES_FAULTY + "]]");
        call("Sim.ExtendSectors", "[[" + EXPIRES + "]," + (expiration(EXPIRES) + 60_000) + "]");
        call("Sim.DeclareFaults", "[[" + EXPIRES + "]]");
        call("Filecoin.SectorMarkForUpgrade", "[" + EXPIRES + ",true]");
        advanceTo(s + 900, "past the expiration at about 800");
        step("terminating an expired sector sends no message");
        call("Filecoin.SectorTerminate", "[" + EXPIRES_THEN_TERMINATED + "]");
        call("Filecoin.SectorTerminatePending", "[]");
        advanceTo(s + 1_000, "the passive termination at about 1000");
        checkpoint();

        // ---- a second wave, left to the batchers' timers; a deal sector left to its seal delay
        step("a second wave of CC sectors and a deal sector, no flushes");
        call("Filecoin.SectorSetSealDelay", "[" + Duration.ofMinutes(5).toNanos() + "]");
        List<Long> q = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            q.add(call("Filecoin.PledgeSector", "[]").path("result").path("Number").asLong());
        }
        long d4 = addPiece(1016, legacyDeal(7301, 1016, false, s + 20_000, s + 600_000));
        line("# the second wave's deal went to sector " + d4);
        call("Sim.InjectFailure", "[{\"State\":\"PreCommit1\",\"Sector\":" + q.get(5)
                + ",\"Count\":1,\"Error\":\"seal pre commit(1) failed: golden\"}]");
        advanceTo(s + 1_005, "the first four in PreCommitBatchWait");
        call("Filecoin.SectorPreCommitPending", "[]");
        call("Filecoin.SectorsUpdate", "[" + q.get(0) + ",\"PreCommitFailed\"]");
        for (long e = s + 1_010; e <= s + 1_100; e += 30) {
            advanceTo(e, "the second wave in the batchers");
            call("Filecoin.SectorPreCommitPending", "[]");
            call("Filecoin.SectorCommitPending", "[]");
        }
        call("Filecoin.SectorsUpdate", "[" + q.get(5) + ",\"PreCommit1\"]");
        advanceTo(s + 2_000, "the pre-commit batch left on its timer");
        call("Filecoin.SectorPreCommitPending", "[]");
        call("Filecoin.SectorCommitPending", "[]");
        checkpoint();
        advanceTo(s + 3_000, "the commit batch left on its timer");
        call("Filecoin.SectorCommitPending", "[]");
        call("Filecoin.SectorTerminatePending", "[]");
        checkpoint();

        // ---- a deal starting soon: its start is the batchers' cutoff
        step("a deal starting 600 epochs from now, alone in the batchers: its start, less the slack, sends them");
        long soon = addPiece(2032, legacyDeal(7302, 2032, true, s + 3_600, s + 600_000));
        line("# the deal went to sector " + soon);
        for (long e = s + 3_100; e <= s + 3_500; e += 100) {
            advanceTo(e, "");
            call("Filecoin.SectorPreCommitPending", "[]");
            call("Filecoin.SectorCommitPending", "[]");
        }
        step("the end of the run");
        call("Filecoin.SectorsRefs", "[]");
        call("Filecoin.SectorNumAssignerMeta", "[]");
        advanceTo(s + RUN, "");
        checkpoint();
        advanceTo(END, "the midnight after the drive: its days are complete");
        checkpoint();
        statistics();
        step("the snapshot");
        JsonNode snapshot = call("Sim.Snapshot", "[]").path("result");
        restoreWithSectorsAvailable(snapshot);
        line("# end");
    }

    /**
     * Sim.Restore: refused for a malformed snapshot; then the final snapshot restored with one knob changed,
     * MakeCCSectorsAvailable (a snapshot carries the sealing knobs), the one path only a knob opens: sealed CC
     * sectors end Available, and a deal piece goes to one of them.
     */
    private void restoreWithSectorsAvailable(JsonNode snapshot) throws Exception {
        step("Sim.Restore: refused (not an object, another actor), then the snapshot with MakeCCSectorsAvailable");
        call("Sim.Restore", "[[]]");
        ObjectNode other = snapshot.deepCopy();
        ((ObjectNode) other.path("Miner")).put("Actor", "f01001");
        call("Sim.Restore", "[" + JSON.writeValueAsString(other) + "]",
                "[⟨the snapshot above, Miner.Actor f01001⟩]");
        ObjectNode changed = snapshot.deepCopy();
        ((ObjectNode) changed.path("Sealing")).put("MakeCCSectorsAvailable", true);
        call("Sim.Restore", "[" + JSON.writeValueAsString(changed) + "]",
                "[⟨the snapshot above, Sealing.MakeCCSectorsAvailable true⟩]");
        call("Sim.Head", "[]");
        call("Filecoin.SectorsSummary", "[]");
        step("sealed CC sectors end Available; a deal piece goes to one of them");
        call("Filecoin.PledgeSector", "[]");
        call("Filecoin.PledgeSector", "[]");
        advanceTo(END + 5, "");
        flush("Filecoin.SectorPreCommitFlush");
        advanceTo(END + 30, "");
        flush("Filecoin.SectorCommitFlush");
        advanceTo(END + 40, "");
        call("Filecoin.SectorsListInStates", "[[\"Available\"]]");
        line("# a piece whose data is not its deal's starts a snap upgrade, whose SnapDealsAddPiece fails the check");
        call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},"
                + legacyDeal(8002, 1016, false, END + 5_000, END + 400_000).replace(zeroPieceCid(1016),
                        zeroPieceCid(508)) + "]");
        long at = addPiece(1016, legacyDeal(8001, 1016, false, END + 5_000, END + 400_000));
        line("# the piece went to sector " + at);
        advanceTo(END + 100, "");
        checkpoint();
    }

    private void armSeededFailures() throws Exception {
        inject("UpdateReplica", counted("SnapDealsPacking"), 4, "replica update failed: golden");
        inject("ProveReplicaUpdate", counted("SnapDealsAddPiece"), 1, null);
        inject("FinalizeReplicaUpdate", counted("ProveReplicaUpdate"), 1, "finalize replica update: golden");
        inject("SubmitReplicaUpdate", counted("FinalizeReplicaUpdate"), 1, null);
        inject("ReleaseSectorKey", counted("UpdateActivating"), 1, null);
        inject("WaitSeed", counted("PreCommitBatchWait"), 1, "precommit not found: golden reorg");
        inject("FinalizeSector", counted("CommitAggregateWait"), 1, null);
    }

    /** Failures on the first wave's sectors, by position; and for the next two sectors entering PreCommit2. */
    private void armPledgedFailures(List<Long> p) throws Exception {
        inject("PreCommit1", p.get(0), 4, "seal pre commit(1) failed: golden, every time");
        inject("PreCommit1", p.get(1), 1, null);
        inject("PreCommit2", p.get(2), 5, "seal pre commit(2) failed: golden, again and again");
        inject("Committing", p.get(3), 1, null);
        inject("Committing", p.get(4), 3, "computing seal proof failed: golden, consecutive");
        inject("SubmitPreCommitBatch", p.get(5), 1, null);
        inject("PreCommitBatchWait", p.get(6), 1, "precommit message failed: golden");
        inject("WaitSeed", p.get(7), 1, null);
        inject("SubmitCommitAggregate", p.get(8), 1, null);
        inject("CommitAggregateWait", p.get(9), 1, "commit message failed: golden");
        inject("FinalizeSector", p.get(10), 1, "finalize sector: golden");
        call("Sim.InjectFailure", "[{\"State\":\"PreCommit2\",\"Sector\":null,\"Count\":2,\"Error\":\"GPU lost\"}]");
        call("Sim.InjectFailure", "[{\"State\":\"Removing\",\"Sector\":" + (counted("Proving") + 1) + "}]");
        call("Sim.InjectFailure", "[{\"State\":\"Terminating\",\"Sector\":" + (counted("Proving") + 9)
                + ",\"Count\":1,\"Error\":\"terminate sector: golden\"}]");
    }

    // ------------------------------------------------------------------------------------------------ checkpoints

    private void checkpoint() throws Exception {
        long head = head();
        line("");
        line("==== checkpoint " + checkpoint++ + " at epoch " + head);
        line("== history from seq " + eventsSeen);
        String req = request("Sim.Events", "[" + eventsSeen + ",1000000]");
        HttpResponse<String> r = post(req);
        line("> " + req);
        JsonNode env = JSON.readTree(r.body());
        for (JsonNode e : env.path("result")) {
            kinds.add(e.path("Kind").asText());
            states.add(e.path("To").asText());
            eventsSeen = e.path("Seq").asLong() + 1;
        }
        writeArrayAnswer(r);
        line("== lists");
        call("Filecoin.SectorsList", "[]");
        call("Filecoin.SectorsSummary", "[]");
        call("Filecoin.SectorsListInStates", "[[\"Proving\",\"Available\",\"Faulty\",\"FaultReported\",\"Removed\"]]");
        call("Filecoin.SectorPreCommitPending", "[]");
        call("Filecoin.SectorCommitPending", "[]");
        call("Filecoin.SectorTerminatePending", "[]");
        call("Filecoin.SectorNumReservations", "[]");
        chain();
        statuses();
        line("==== end of checkpoint");
        line("");
    }

    /** The miner actor's proving state as the simulated chain holds it (what the full node's State* calls read). */
    private void chain() {
        io.minersim.sealing.ChainView c = sim.miner().chain();
        line("== chain");
        line("deadline " + c.provingDeadline());
        line("counts " + c.sectorCounts() + " power " + c.power());
        line("faults " + c.faults() + " recoveries " + c.recoveries() + " unreadable " + c.unreadable());
        line("active " + c.activeSectors() + " live " + c.liveSectors() + " on chain " + c.onChainSectors());
        for (int d = 0; d < io.minersim.sealing.proving.DeadlineInfo.PERIOD_DEADLINES; d++) {
            java.util.List<io.minersim.sealing.proving.PartitionSectors> parts = c.partitions(d);
            if (!parts.isEmpty()) {
                line("deadline " + d + " proven " + c.postSubmissions().get(d) + " partitions " + parts);
            }
        }
        java.util.List<io.minersim.sealing.ChainMessage> messages = c.messages();
        line("messages " + messages.size() + "; the proving ones since the last checkpoint:");
        for (io.minersim.sealing.ChainMessage m : messages.subList(messagesSeen, messages.size())) {
            if (m.method() == 5 || m.method() == 11) {
                line("  " + m + " " + java.util.Arrays.toString(m.sectors()));
            }
        }
        messagesSeen = messages.size();
    }

    /**
     * {@code SectorsStatus(n, true)} of every sector, in one batch request (id n for sector n). Each answer is
     * written, one a line, unless it is byte for byte the one written at an earlier checkpoint, which is named.
     */
    private void statuses() throws Exception {
        List<Long> numbers = new ArrayList<>();
        for (JsonNode n : peek("Filecoin.SectorsList", "[]").path("result")) {
            numbers.add(n.asLong());
        }
        StringBuilder req = new StringBuilder("[");
        for (long n : numbers) {
            req.append(req.length() > 1 ? "," : "").append("{\"jsonrpc\":\"2.0\",\"id\":").append(n)
                    .append(",\"method\":\"Filecoin.SectorsStatus\",\"params\":[").append(n).append(",true]}");
        }
        req.append(']');
        HttpResponse<String> r = post(req.toString());
        line("== every sector's status: one batch of " + numbers.size() + " requests {\"jsonrpc\":\"2.0\",\"id\":N,"
                + "\"method\":\"Filecoin.SectorsStatus\",\"params\":[N,true]}, N in " + numbers);
        String b = r.body();
        if (!b.startsWith("[")) {
            line("< " + r.statusCode() + " " + body(b));
            return;
        }
        List<int[]> items = new ArrayList<>();
        int end = splitArray(b, 1, items);
        line("< " + r.statusCode() + " [ ⟨" + items.size() + " answers, one a line⟩");
        for (int i = 0; i < items.size(); i++) {
            String answer = b.substring(items.get(i)[0], items.get(i)[1]);
            long n = i < numbers.size() ? numbers.get(i) : -1;
            Integer at = n >= 0 && answer.equals(lastStatus.get(n)) ? lastStatusAt.get(n) : null;
            if (at != null) {
                line("  #" + n + " = as at checkpoint " + at);
            } else {
                line("  #" + n + " " + body(answer));
                lastStatus.put(n, answer);
                lastStatusAt.put(n, checkpoint - 1);
            }
            calls++;
            if (answer.contains("\"error\":")) {
                errors++;
            }
        }
        line("< " + body(b.substring(end)));
    }

    /**
     * The statistics API's rows for every endpoint and complete day, rendered in process by its handler's code
     * (request_id "golden"), then a few answers over HTTP (the envelope, the request ids, the refusals).
     */
    private void statistics() throws Exception {
        line("");
        line("==== statistics: every endpoint for every complete day, as StatsHttpHandler renders GET"
                + " /storage_provider/sector/<endpoint>?state_date=<day> (in process, request_id \"golden\")");
        StatsService service = new StatsService(List.of(StatsMiner.of(sim.miner())));
        LocalDate first = service.firstDate();
        LocalDate last = service.lastCompleteDate();
        for (StatsEndpoint endpoint : StatsEndpoint.values()) {
            line("== " + endpoint.endpointName());
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                String body = new String(StatsRendering.success(service, SEED, endpoint, d.toString(), "golden"),
                        StandardCharsets.UTF_8);
                line(d + " " + body);
                for (JsonNode row : JSON.readTree(body).path("data")) {
                    row.properties().forEach(f -> {
                        if (f.getValue().isNumber()) {
                            statisticsSums.merge(endpoint.endpointName() + "." + f.getKey(), f.getValue().doubleValue(),
                                    Double::sum);
                        }
                    });
                }
            }
        }
        line("== over HTTP: the default day, a day and miner, refusals");
        try (StatsServer server = StatsServer.start(service, StatsKeys.of(List.of(STATS_KEY)), SEED, "127.0.0.1", 0,
                null)) {
            stats(server.uri(), StatsEndpoint.TOTAL.path(), STATS_KEY);
            stats(server.uri(), StatsEndpoint.COMMIT_SECTOR_COUNT.path() + "?miner_id=f01000&state_date=" + last,
                    STATS_KEY);
            stats(server.uri(), StatsEndpoint.TOTAL.path() + "?miner_id=f09999", STATS_KEY);
            stats(server.uri(), StatsEndpoint.TOTAL.path() + "?state_date=" + last.plusDays(1), STATS_KEY);
            stats(server.uri(), StatsEndpoint.TOTAL.path() + "?state_date=2020-13-01", STATS_KEY);
            stats(server.uri(), StatsEndpoint.TOTAL.path() + "?miner_id=t1abc", STATS_KEY);
            stats(server.uri(), StatsEndpoint.PREFIX + "nothing", STATS_KEY);
            stats(server.uri(), StatsEndpoint.TOTAL.path(), "mss_wrong");
        }
        line("==== end of statistics");
        line("");
    }

    private void stats(URI base, String pathQuery, String key) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(pathQuery))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        line("> GET " + pathQuery);
        line("< " + r.statusCode() + " " + body(r.body()));
    }

    // ------------------------------------------------------------------------------------------------ calls

    private void step(String what) {
        line("== " + what);
    }

    private void advanceTo(long epoch, String why) throws Exception {
        step("advance to " + epoch + (why.isEmpty() ? "" : ": " + why));
        call("Sim.AdvanceTo", "[" + epoch + "]");
    }

    private void inject(String state, long sector, int count, String error) throws Exception {
        call("Sim.InjectFailure", "[{\"State\":\"" + state + "\",\"Sector\":" + sector + ",\"Count\":" + count
                + (error == null ? "" : ",\"Error\":" + JSON.writeValueAsString(error)) + "}]");
    }

    private void flush(String method) throws Exception {
        JsonNode env = call(method, "[]");
        if (env.has("result") && !env.get("result").isNull()) {
            nonNullFlushes.merge(method, 1, Integer::sum);
        }
    }

    private long addPiece(long unpadded, String deal) throws Exception {
        JsonNode env = call("Filecoin.SectorAddPieceToAny", "[" + unpadded + ",{\"Type\":\"null\",\"Info\":\""
                + unpadded + "\"}," + deal + "]");
        if (!env.has("result")) {
            throw new AssertionError("the drive's piece was refused: " + env);
        }
        return env.path("result").path("Sector").asLong();
    }

    /** A sector's on-chain expiration, as SectorsStatus shows it. */
    private long expiration(long sector) throws Exception {
        return peek("Filecoin.SectorsStatus", "[" + sector + ",true]").path("result").path("Expiration").asLong();
    }

    private long head() throws Exception {
        return peek("Sim.Head", "[]").path("result").path("Epoch").asLong();
    }

    /** Calls and records a method: the request line, then the answer's status and body. */
    private JsonNode call(String method, String params) throws Exception {
        return call(method, params, null);
    }

    /** As {@link #call(String, String)}; a long request derived from the trace above is shown as {@code shown}. */
    private JsonNode call(String method, String params, String shown) throws Exception {
        String req = request(method, params);
        HttpResponse<String> r = post(req);
        line("> " + (shown == null ? req : request(method, shown)));
        line("< " + r.statusCode() + " " + body(r.body()));
        JsonNode env = JSON.readTree(r.body());
        calls++;
        if (env.has("error")) {
            errors++;
        }
        return env;
    }

    /** A read the drive needs but the trace does not show (the same answer is recorded elsewhere). */
    private JsonNode peek(String method, String params) throws Exception {
        return JSON.readTree(post(request(method, params)).body());
    }

    private static String request(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private HttpResponse<String> post(String request) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(sim.url()).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + sim.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * A body as one trace line: its final newline dropped (a body without one is marked), any other line break
     * shown as ⏎ (compact JSON has none).
     */
    private static String body(String b) {
        String text = b.endsWith("\n") ? b.substring(0, b.length() - 1) : b + " ⟨no final newline⟩";
        return text.replace("\r", "␍").replace("\n", "⏎");
    }

    /**
     * An answer whose result is a long array (the history), one element a line: the text before the first
     * element, each element as served (the separating commas dropped), and the text after the last.
     */
    private void writeArrayAnswer(HttpResponse<String> r) {
        String b = r.body();
        int open = b.indexOf("\"result\":[");
        if (open < 0) {
            line("< " + r.statusCode() + " " + body(b));
            return;
        }
        int start = open + "\"result\":[".length();
        List<int[]> items = new ArrayList<>();
        int end = splitArray(b, start, items);
        line("< " + r.statusCode() + " " + b.substring(0, start) + " ⟨" + items.size() + " elements, one a line⟩");
        for (int[] it : items) {
            line("  " + b.substring(it[0], it[1]));
        }
        line("< " + body(b.substring(end)));
    }

    /**
     * Splits the JSON array whose elements start at {@code start} (just after its '['): adds each element's
     * [from, to) to {@code items} and returns the index of the closing ']'.
     */
    private static int splitArray(String b, int start, List<int[]> items) {
        int depth = 0;
        boolean inString = false;
        int itemStart = start;
        int i = start;
        for (; i < b.length(); i++) {
            char c = b.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(new int[] {itemStart, i});
                itemStart = i + 1;
            }
        }
        if (i > itemStart) {
            items.add(new int[] {itemStart, i});
        }
        return i;
    }

    private void line(String l) {
        out.append(l).append('\n');
    }

    // ------------------------------------------------------------------------------------------------ params

    /** The piece CID of {@code unpadded} zero bytes: what a {"Type":"null"} reader of that size yields. */
    private static String zeroPieceCid(long unpadded) {
        return Cid.unsealedCommitment(PieceCommitments.zeroCommitment(PieceCommitments.paddedSize(unpadded)))
                .toString();
    }

    private static String legacyDeal(long id, long unpadded, boolean verified, long start, long end) {
        long padded = PieceCommitments.paddedSize(unpadded);
        String publish = Cid.dagCborBlake2b256(("golden publish " + id).getBytes(StandardCharsets.UTF_8)).toString();
        return "{\"PublishCid\":{\"/\":\"" + publish + "\"},\"DealID\":" + id
                + ",\"DealProposal\":{\"PieceCID\":{\"/\":\"" + zeroPieceCid(unpadded) + "\"},\"PieceSize\":" + padded
                + ",\"VerifiedDeal\":" + verified
                + ",\"Client\":\"f01234\",\"Provider\":\"f01000\",\"Label\":\"golden deal " + id + "\",\"StartEpoch\":"
                + start + ",\"EndEpoch\":" + end + ",\"StoragePricePerEpoch\":\"1000\",\"ProviderCollateral\":\"0\","
                + "\"ClientCollateral\":\"0\"},\"DealSchedule\":{\"StartEpoch\":" + start + ",\"EndEpoch\":" + end
                + "},\"PieceActivationManifest\":null,\"KeepUnsealed\":true}";
    }

    private static String ddoDeal(long unpadded, long start, long end) {
        return "{\"PublishCid\":null,\"DealID\":0,\"DealProposal\":null,\"DealSchedule\":{\"StartEpoch\":" + start
                + ",\"EndEpoch\":" + end + "},\"PieceActivationManifest\":{\"CID\":{\"/\":\"" + zeroPieceCid(unpadded)
                + "\"},\"Size\":" + PieceCommitments.paddedSize(unpadded)
                + ",\"VerifiedAllocationKey\":{\"Client\":1234,\"ID\":7},"
                + "\"Notify\":[{\"Address\":\"f05\",\"Payload\":\"AQID\"}]},\"KeepUnsealed\":false}";
    }

    /** A RemoteSectorMeta for a CC sector of this miner, sealed elsewhere, to continue in {@code state}. */
    private static String remoteSector(long number, String state) {
        return "{\"State\":\"" + state + "\",\"Sector\":{\"Miner\":1000,\"Number\":" + number + "},\"Type\":5,"
                + "\"Pieces\":[{\"Piece\":{\"Size\":2048,\"PieceCID\":{\"/\":\"" + zeroPieceCid(2032) + "\"}},"
                + "\"DealInfo\":null}]}";
    }
}
