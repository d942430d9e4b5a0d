package io.minersim.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.FailureRule;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Drives one simulated miner (2 KiB sectors, manual clock) so that its sectors pass through, and come to
 * rest in, as many pipeline states as possible, and records every JSON-RPC call it makes on the way.
 *
 * <p>The drive uses the API where Lotus has a method (PledgeSector, SectorAddPieceToAny, SectorStartSealing,
 * the flushes, SectorMarkForUpgrade, SectorAbortUpgrade, SectorTerminate, SectorRemove, SectorReceive,
 * SectorsUpdate) and the engine where only the chain could act (the clock, faults, injected failures).
 * After every step it looks at every sector, and the first time a sector of a kind (committed capacity,
 * or with deal pieces) is seen in a state it records {@code SectorsStatus} of it, with and without on-chain
 * info: the <em>journey</em> snapshots, which cover the transient states. At the end the sectors rest in
 * the states listed by {@link #restingStates()}, and no more epochs pass, so tests can query them live.
 *
 * <p>Batch waits and WaitDealsDelay are 24 h of chain time, so nothing leaves a batch or WaitDeals unless
 * flushed or started; the drive flushes as it goes, except for the sectors it parks in a batch at the end.
 */
final class PipelineScenario implements AutoCloseable {

    /** One JSON-RPC call the drive made, with its answer. */
    record RecordedCall(String method, String context, List<JsonNode> params, JsonNode result, JsonNode error,
            String state) {
    }

    static final long DEAL_START = 5_000;
    static final long DEAL_END = DEAL_START + 600_000;

    final MinerNode node;
    /** The directory CreateBackup may write into ({@code LOTUS_BACKUP_BASE_PATH}). */
    final String backupBase;
    final RawRpc rpc;
    final Miner miner;
    final String actor;
    final long actorId;
    /** Role → sector number, in the order the roles were assigned. */
    final Map<String, Long> roles = new LinkedHashMap<>();
    final List<RecordedCall> calls = new ArrayList<>();
    final List<RecordedCall> journey = new ArrayList<>();
    final Set<SectorState> observed = EnumSet.noneOf(SectorState.class);
    final Set<SectorState> forced = EnumSet.noneOf(SectorState.class);
    /** States that SectorsUpdate was asked for but the sector did not rest in (it moved on at once). */
    final Map<SectorState, SectorState> forcedButMoved = new TreeMap<>();
    private final Set<String> snapshotKeys = new LinkedHashSet<>();
    private boolean autoFlush = true;
    private long nextDealId = 101;

    private PipelineScenario(MinerNode node, String backupBase) {
        this.node = node;
        this.backupBase = backupBase;
        this.rpc = new RawRpc(node.httpUri(), node.adminToken());
        this.miner = node.miner();
        this.actor = rpc.result("Filecoin.ActorAddress").asText();
        this.actorId = miner.config().actorId();
    }

    static MinerConfig config() {
        SealingConfig sealing = SealingConfig.devnet()
                .withWaitDealsDelay(Duration.ofHours(24))
                .withPreCommitBatching(256, Duration.ofHours(24), Duration.ofHours(1))
                .withCommitBatching(1, 819, Duration.ofHours(24), Duration.ofHours(1))
                .withTerminateBatching(1, 100, Duration.ofHours(24));
        return MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSealing(sealing);
    }

    static PipelineScenario run() throws Exception {
        java.nio.file.Path backups = java.nio.file.Files.createTempDirectory("minersim-backups");
        backups.toFile().deleteOnExit();
        MinerNode node = MinerNode.builder().config(config()).manualClock(true).listen("127.0.0.1", 0)
                .backupBase(backups.toString()).start();
        PipelineScenario s = new PipelineScenario(node, backups.toString());
        try {
            s.drive();
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public void close() {
        node.close();
    }

    // ---------------------------------------------------------------------------------------------
    // The drive

    private void drive() {
        // an empty miner: the empty and null shapes of the list, map and flush results
        for (String m : List.of("Filecoin.SectorsList", "Filecoin.SectorsSummary", "Filecoin.SectorsRefs",
                "Filecoin.SectorPreCommitPending", "Filecoin.SectorCommitPending", "Filecoin.SectorTerminatePending",
                "Filecoin.SectorPreCommitFlush", "Filecoin.SectorCommitFlush", "Filecoin.SectorTerminateFlush",
                "Filecoin.SectorNumAssignerMeta", "Filecoin.SectorNumReservations")) {
            call("empty miner", m);
        }
        call("empty miner, no match", "Filecoin.SectorsListInStates", strings("Proving"));

        // a sector with a legacy deal and a DDO piece, started at once
        long dealSealed = addPiece("legacy deal into a new sector", 508, legacyDeal(508));
        roles.put("deals-sealed", dealSealed);
        long same = addPiece("DDO piece into the open sector", 508, ddoDeal(508));
        check(same == dealSealed, "the DDO piece went to sector " + same + ", not to open sector " + dealSealed);
        observe();
        advanceUntil("the deal sector waiting for deals", 10, () -> state(dealSealed) == SectorState.WaitDeals);
        call("start the deal sector", "Filecoin.SectorStartSealing", num(dealSealed));

        for (String role : List.of("cc-snap", "cc-available", "cc-abort-upgrade", "cc-faulty", "cc-fault-reported",
                "cc-terminated", "cc-terminating", "cc-removed", "cc-fail-pc1", "cc-fail-pc2", "cc-fail-proof",
                "cc-fail-finalize", "cc-fail-commit")) {
            roles.put(role, pledge(role));
        }
        miner.injectFailure(new FailureRule(SectorState.PreCommit1, roles.get("cc-fail-pc1"), 1, null));
        miner.injectFailure(new FailureRule(SectorState.PreCommit2, roles.get("cc-fail-pc2"), 1, null));
        miner.injectFailure(new FailureRule(SectorState.Committing, roles.get("cc-fail-proof"), 1, null));
        miner.injectFailure(new FailureRule(SectorState.FinalizeSector, roles.get("cc-fail-finalize"), 1, null));
        miner.injectFailure(new FailureRule(SectorState.CommitAggregateWait, roles.get("cc-fail-commit"), 1, null));
        observe();

        advanceUntil("every sector proving", 400, () -> allIn(roles.values(), SectorState.Proving));

        // snap deal: a CC sector marked for upgrade takes the next deal piece
        long snap = roles.get("cc-snap");
        call("mark for upgrade", "Filecoin.SectorMarkForUpgrade", num(snap), true);
        observe();
        long snapped = addPiece("legacy deal into an Available sector (snap)", 1016, legacyDeal(1016));
        check(snapped == snap, "the snap piece went to sector " + snapped + ", not to Available sector " + snap);
        observe();
        advanceUntil("the snap sector waiting for deals", 10, () -> state(snap) == SectorState.SnapDealsWaitDeals);
        call("start the snap sector", "Filecoin.SectorStartSealing", num(snap));
        observe();
        advanceUntil("the snap sector past packing", 50, () -> !EnumSet.of(SectorState.SnapDealsWaitDeals,
                SectorState.SnapDealsAddPiece, SectorState.SnapDealsPacking).contains(state(snap)));

        // a deal sector left waiting for more deals
        roles.put("deals-waiting", addPiece("legacy deal into a new sector, left waiting", 508, legacyDeal(508)));
        observe();

        // an upgrade that is aborted, and an Available sector left available
        long abort = roles.get("cc-abort-upgrade");
        call("mark for upgrade", "Filecoin.SectorMarkForUpgrade", num(abort), true);
        observe();
        call("abort the upgrade", "Filecoin.SectorAbortUpgrade", num(abort));
        observe();

        // faults, as the chain would see them
        miner.declareFaults(List.of(roles.get("cc-faulty")), false);
        miner.declareFaults(List.of(roles.get("cc-fault-reported")), true);
        observe();

        // termination through the batch, and removal
        long terminated = roles.get("cc-terminated");
        call("terminate", "Filecoin.SectorTerminate", num(terminated));
        observe();
        call("one sector pending", "Filecoin.SectorTerminatePending");
        call("one sector pending", "Filecoin.SectorTerminateFlush");
        long removed = roles.get("cc-removed");
        call("remove", "Filecoin.SectorRemove", num(removed));
        observe();
        advanceUntil("the terminated and removed sectors gone, the snap sector proving", 3_000,
                () -> state(terminated) == SectorState.Removed && state(removed) == SectorState.Removed
                        && state(snap) == SectorState.Proving);

        // from here on sectors are parked: no more automatic flushes
        autoFlush = false;
        call("terminate, left in the batch", "Filecoin.SectorTerminate", num(roles.get("cc-terminating")));
        observe();

        long commitParked = pledge("cc-commit-parked");
        roles.put("cc-commit-parked", commitParked);
        advanceUntil("precommit batch", 20, () -> state(commitParked) == SectorState.SubmitPreCommitBatch);
        call("one sector pending", "Filecoin.SectorPreCommitPending");
        call("one sector pending", "Filecoin.SectorPreCommitFlush");
        advanceUntil("commit batch", 60, () -> state(commitParked) == SectorState.SubmitCommitAggregate);
        call("one sector pending", "Filecoin.SectorCommitPending");

        long preCommitParked = pledge("cc-precommit-parked");
        roles.put("cc-precommit-parked", preCommitParked);
        advanceUntil("precommit batch", 20, () -> state(preCommitParked) == SectorState.SubmitPreCommitBatch);

        long available = roles.get("cc-available");
        call("mark for upgrade, left available", "Filecoin.SectorMarkForUpgrade", num(available), true);
        roles.put("cc-packing", pledge("cc-packing"));
        observe();

        long received = 900;
        call("receive a sector sealed elsewhere", "Filecoin.SectorReceive", remoteSector(received, "Proving"));
        roles.put("received", received);
        observe();

        // every state not seen yet, by SectorsUpdate on a fresh sector
        for (SectorState st : SectorState.values()) {
            if (observed.contains(st)) {
                continue;
            }
            long n = pledge("forced-" + st);
            roles.put("forced-" + st, n);
            call("force", "Filecoin.SectorsUpdate", num(n), st.name());
            forced.add(st);
            SectorState now = state(n);
            if (now != st) {
                forcedButMoved.put(st, now);
            }
            observe();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Steps

    private long pledge(String role) {
        JsonNode id = call("pledge " + role, "Filecoin.PledgeSector");
        check(id.path("Miner").asLong() == actorId, "PledgeSector answered " + id);
        return id.path("Number").asLong();
    }

    private long addPiece(String context, long unpadded, ObjectNode deal) {
        ObjectNode reader = RawRpc.NODES.objectNode().put("Type", "null").put("Info", Long.toString(unpadded));
        JsonNode at = call(context, "Filecoin.SectorAddPieceToAny", num(unpadded), reader, deal);
        return at.path("Sector").asLong();
    }

    private void advanceUntil(String what, int maxEpochs, BooleanSupplier done) {
        for (int i = 0; i < maxEpochs && !done.getAsBoolean(); i++) {
            node.manualClock().advance(1);
            observe();
            if (autoFlush) {
                flushIfPending();
            }
        }
        check(done.getAsBoolean(), "after " + maxEpochs + " epochs still not " + what + ": " + states());
    }

    private void flushIfPending() {
        if (!miner.preCommitPending().isEmpty()) {
            call("auto flush at epoch " + miner.head(), "Filecoin.SectorPreCommitFlush");
            observe();
        }
        if (!miner.commitPending().isEmpty()) {
            call("auto flush at epoch " + miner.head(), "Filecoin.SectorCommitFlush");
            observe();
        }
    }

    /** Records SectorsStatus, both ways, of each sector in a (state, kind) not recorded yet. */
    void observe() {
        for (long n : miner.list()) {
            io.minersim.sealing.SectorInfo info = miner.status(n, false);
            SectorState st = info.state();
            observed.add(st);
            String kind = kind(info.pieces());
            if (snapshotKeys.add(st + "/" + kind)) {
                for (boolean onChain : new boolean[] {false, true}) {
                    JsonNode env = rpc.envelope("Filecoin.SectorsStatus", n, onChain);
                    journey.add(new RecordedCall("Filecoin.SectorsStatus", "journey: sector " + n + " (" + kind
                            + ", " + roleOf(n) + ") at epoch " + miner.head(), List.of(num(n),
                            RawRpc.NODES.booleanNode(onChain)), env.get("result"), env.get("error"), st.name()));
                }
            }
        }
    }

    private static String kind(List<Piece> pieces) {
        boolean deals = pieces.stream().anyMatch(p -> !p.isFiller());
        return deals ? "deal pieces" : pieces.isEmpty() ? "no pieces" : "committed capacity";
    }

    String roleOf(long n) {
        return roles.entrySet().stream().filter(e -> e.getValue() == n).map(Map.Entry::getKey).findFirst()
                .orElse("unnamed");
    }

    SectorState state(long n) {
        return miner.status(n, false).state();
    }

    private boolean allIn(java.util.Collection<Long> numbers, SectorState st) {
        return numbers.stream().allMatch(n -> state(n) == st);
    }

    private String states() {
        StringBuilder sb = new StringBuilder();
        for (long n : miner.list()) {
            sb.append(n).append('=').append(state(n)).append(' ');
        }
        return sb.toString().trim();
    }

    /** The states sectors rest in now, for every sector {@code SectorsList} names. */
    Map<Long, SectorState> restingStates() {
        Map<Long, SectorState> out = new TreeMap<>();
        for (JsonNode n : rpc.result("Filecoin.SectorsList")) {
            out.put(n.asLong(), state(n.asLong()));
        }
        return out;
    }

    /** Calls a method, records the call, and fails the drive on an error answer. */
    JsonNode call(String context, String method, Object... params) {
        List<JsonNode> ps = new ArrayList<>();
        for (Object p : params) {
            ps.add(p instanceof JsonNode n ? n : RawRpc.JSON.valueToTree(p));
        }
        JsonNode env = rpc.envelope(method, ps.toArray());
        calls.add(new RecordedCall(method, context, ps, env.get("result"), env.get("error"), null));
        if (env.has("error")) {
            throw new AssertionError("the drive's call " + method + ps + " (" + context + ") failed: "
                    + env.get("error"));
        }
        return env.get("result") == null ? NullNode.getInstance() : env.get("result");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Params

    static JsonNode num(long n) {
        return RawRpc.NODES.numberNode(n);
    }

    static ArrayNode strings(String... values) {
        ArrayNode a = RawRpc.NODES.arrayNode();
        Arrays.stream(values).forEach(a::add);
        return a;
    }

    static ObjectNode cid(String value) {
        return RawRpc.NODES.objectNode().put("/", value);
    }

    /** The piece CID of {@code unpadded} zero bytes: what a {"Type":"null"} reader of that size yields. */
    static String zeroPieceCid(long unpadded) {
        return Cid.unsealedCommitment(PieceCommitments.zeroCommitment(PieceCommitments.paddedSize(unpadded)))
                .toString();
    }

    ObjectNode legacyDeal(long unpadded) {
        long id = nextDealId++;
        long padded = PieceCommitments.paddedSize(unpadded);
        ObjectNode deal = RawRpc.NODES.objectNode();
        deal.set("PublishCid", cid(Cid.dagCborBlake2b256(("publish " + id).getBytes(StandardCharsets.UTF_8))
                .toString()));
        deal.put("DealID", id);
        ObjectNode proposal = deal.putObject("DealProposal");
        proposal.set("PieceCID", cid(zeroPieceCid(unpadded)));
        proposal.put("PieceSize", padded);
        proposal.put("VerifiedDeal", id % 2 == 0);
        proposal.put("Client", "f01234");
        proposal.put("Provider", actor);
        proposal.put("Label", "conformance deal " + id);
        proposal.put("StartEpoch", DEAL_START);
        proposal.put("EndEpoch", DEAL_END);
        proposal.put("StoragePricePerEpoch", "1000");
        proposal.put("ProviderCollateral", "0");
        proposal.put("ClientCollateral", "0");
        deal.putObject("DealSchedule").put("StartEpoch", DEAL_START).put("EndEpoch", DEAL_END);
        deal.putNull("PieceActivationManifest");
        deal.put("KeepUnsealed", true);
        return deal;
    }

    ObjectNode ddoDeal(long unpadded) {
        ObjectNode deal = RawRpc.NODES.objectNode();
        deal.putNull("PublishCid");
        deal.put("DealID", 0);
        deal.putNull("DealProposal");
        deal.putObject("DealSchedule").put("StartEpoch", DEAL_START).put("EndEpoch", DEAL_END);
        ObjectNode pam = deal.putObject("PieceActivationManifest");
        pam.set("CID", cid(zeroPieceCid(unpadded)));
        pam.put("Size", PieceCommitments.paddedSize(unpadded));
        pam.putObject("VerifiedAllocationKey").put("Client", 1234).put("ID", 7);
        pam.putArray("Notify").addObject().put("Address", "f05").put("Payload", "AQID");
        deal.put("KeepUnsealed", false);
        return deal;
    }

    /** A RemoteSectorMeta for a CC sector of this miner, sealed elsewhere, to continue in {@code state}. */
    ObjectNode remoteSector(long number, String state) {
        ObjectNode meta = RawRpc.NODES.objectNode();
        meta.put("State", state);
        meta.putObject("Sector").put("Miner", actorId).put("Number", number);
        meta.put("Type", 5);
        ObjectNode piece = meta.putArray("Pieces").addObject();
        piece.putObject("Piece").put("Size", 2048).set("PieceCID", cid(zeroPieceCid(2032)));
        piece.putNull("DealInfo");
        return meta;
    }

    List<RecordedCall> callsOf(String method) {
        return Collections.unmodifiableList(calls.stream().filter(c -> c.method().equals(method)).toList());
    }
}
