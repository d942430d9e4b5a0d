package io.minersim.sealing;

import static io.minersim.sealing.fsm.SectorEvent.*;
import static io.minersim.sealing.fsm.SectorState.*;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.fsm.Transition;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.stats.SectorMove;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Materialises sectors directly in a given state, deterministically, with the fields a sector that
 * got there through the pipeline has: a Proving sector has its ticket, CommD and CommR, seed, proof,
 * both messages and its on-chain info; a WaitDeals sector its pieces; a SealPreCommit1Failed sector
 * its failure in the log; a sector seeded faulty is faulty in its partition. Once seeded, sectors go on as the clock
 * runs, exactly as sectors the miner sealed itself.
 *
 * <p>How. Each seeded state has a route: the events a sector passes through from its start to that
 * state, along Lotus's transition table (the committed-capacity line, the deal line, the snap-deal
 * line, and branches off them for failures, faults, termination and removal). The seeder lays the
 * route out in epochs backwards from {@code head − age}, each step taking the time its state takes
 * (the stage durations, the chain's waits); a route longer than the chain's past is compressed at
 * epoch 0. It then replays the route's events on a fresh sector record through the miner's own
 * event handling ({@link Host#replay}), so every field is set by the same code that sets it in a
 * live run, and the log shows the same entries. Messages are sent for the sectors together, one per
 * (method, epoch) and batch limit, as the batchers would; tickets, seeds, CIDs and proofs are derived
 * from the seed as for any sector. Finally each sector enters its state as on a miner restart: a
 * stage with work to do starts it at the head, a batching state joins its batcher, a message wait
 * waits for its message.
 *
 * <p>History gets one move per seeded sector: from nothing to its state, at the epoch it entered it,
 * with the event of the route's last step. The statistics get every chain move of the replayed
 * routes (pre-commit and prove-commit landings with the messages the seeder laid out, faults,
 * terminations...), at their past epochs, all sectors' moves merged in epoch order and fed before
 * any seeded sector runs, so a seeded sector counts as if it had been onboarded then.
 */
public final class SectorSeeder {

    /** What the seeder needs of its miner; the miner provides it under its write lock. */
    interface Host {
        long head();

        MinerConfig config();

        SealingConfig sealing();

        SectorTable sectors();

        SectorNumberAssigner numbers();

        SectorHistory history();

        ChainMessages messages();

        /** Arms the timer that tells the message's sectors it has landed. */
        void scheduleLanding(Message m);

        /**
         * One event of a sector's past, at {@code epoch}: its log entry and its effect on the record,
         * as the miner applies them when it moves a sector. The caller sets the new state.
         */
        void replay(Sector s, SectorEvent event, long arg, String error, long epoch);

        /** Assigns a piece to the sector after the pads that align it, as placing a deal does. */
        void assign(Sector s, Piece piece);

        /** Lotus's pre-commit expiration rule, evaluated at {@code epoch}. */
        long preCommitExpiration(Sector s, long epoch);

        /** Runs the handler of the sector's state, as on entering it. */
        void enter(Sector s);

        /**
         * The statistics' view of a replayed move at {@code epoch}: the sector (already in its new
         * state) with its chain facts, as the miner records a live move.
         */
        SectorMove statisticsMove(Sector s, SectorState from, SectorEvent event, long epoch);

        /**
         * The seeded sector's standing on chain, once it is built: proven already (not unproven), and
         * faulty since {@code faultStart}.
         */
        void provenOnChain(Sector s, boolean proven, boolean faulty, long faultStart);

        /** Feeds the seeded past's chain moves, in any order, to the statistics (see {@link MinerStatistics#recordPast}). */
        void recordStatistics(List<SectorMove> moves);
    }

    /** One step of a route: an event and the state it leads to. */
    private record Step(SectorEvent event, SectorState to) {
    }

    /** Which line of the pipeline a route follows up to its branch. */
    private enum Line {
        CC, DEAL, SNAP
    }

    private static final List<Step> CC_LINE = List.of(
            new Step(SectorStartCC, Packing),
            new Step(SectorPacked, GetTicket),
            new Step(SectorTicket, PreCommit1),
            new Step(SectorPreCommit1, PreCommit2),
            new Step(SectorPreCommit2, SubmitPreCommitBatch),
            new Step(SectorPreCommitBatchSent, PreCommitBatchWait),
            new Step(SectorPreCommitLanded, WaitSeed),
            new Step(SectorSeedReady, Committing),
            new Step(SectorCommitted, SubmitCommitAggregate),
            new Step(SectorCommitAggregateSent, CommitAggregateWait),
            new Step(SectorProving, FinalizeSector),
            new Step(SectorFinalized, Proving));

    private static final List<Step> DEAL_LINE = concat(List.of(
            new Step(SectorStart, WaitDeals),
            new Step(SectorAddPiece, AddPiece),
            new Step(SectorPieceAdded, WaitDeals),
            new Step(SectorStartPacking, Packing)), CC_LINE.subList(1, CC_LINE.size()));

    private static final List<Step> SNAP_LINE = concat(CC_LINE, List.of(
            new Step(SectorMarkForUpdate, Available),
            new Step(SectorStartCCUpdate, SnapDealsWaitDeals),
            new Step(SectorAddPiece, SnapDealsAddPiece),
            new Step(SectorPieceAdded, SnapDealsWaitDeals),
            new Step(SectorStartPacking, SnapDealsPacking),
            new Step(SectorPacked, UpdateReplica),
            new Step(SectorReplicaUpdate, ProveReplicaUpdate),
            new Step(SectorProveReplicaUpdate, FinalizeReplicaUpdate),
            new Step(SectorFinalized, SubmitReplicaUpdate),
            new Step(SectorReplicaUpdateSubmitted, ReplicaUpdateWait),
            new Step(SectorReplicaUpdateLanded, UpdateActivating),
            new Step(SectorUpdateActive, ReleaseSectorKey)));

    /** A state reached off a line: from {@code base} by one more event. */
    private record Branch(SectorState base, SectorEvent event) {
    }

    private final Host host;
    private final ChainPolicy policy;
    private final StageDurations stages;

    SectorSeeder(Host host) {
        this.host = host;
        this.policy = host.config().policy();
        this.stages = host.config().stages();
    }

    // ---------------------------------------------------------------------------------------------
    // What can be seeded

    /**
     * Why a sector cannot be seeded in {@code state} (with deal pieces or without), or empty when it
     * can. States a sector only passes through at once, legacy states the pipeline no longer enters,
     * and states only an operator's forced move reaches cannot be seeded.
     */
    public static Optional<String> whyNotSeedable(SectorState state, boolean withDeals) {
        String never = neverSeedable(state);
        if (never != null) {
            return Optional.of("a sector cannot be seeded in " + state + ": " + never);
        }
        if (withDeals && state == Available) {
            return Optional.of("an Available sector is a committed-capacity sector: it cannot have deals");
        }
        if (!withDeals && needsDeals(state)) {
            return Optional.of("a sector in " + state + " needs deal pieces");
        }
        return Optional.empty();
    }

    /** Checks a seed on its own (state, pieces and their fit); throws naming the field at fault. */
    public static void validate(SectorSeed seed, SectorSize size) {
        whyNotSeedable(seed.state(), !seed.pieces().isEmpty()).ifPresent(why -> {
            throw new InvalidInputException("State", why);
        });
        if (seed.faulty() && !PROVEN_STATES.contains(seed.state())) {
            throw new InvalidInputException("Faulty", "only a sector the chain proves can be faulty on chain"
                    + " (Proving, Available, a snap-deal state or Terminating), not " + seed.state());
        }
        if (seed.pieces().size() > size.maxDealsPerSector()) {
            throw new InvalidInputException("Pieces", seed.pieces().size() + " deal pieces exceed the "
                    + size.maxDealsPerSector() + " a " + size + " sector can hold");
        }
        long used = 0;
        for (int i = 0; i < seed.pieces().size(); i++) {
            Piece p = seed.pieces().get(i);
            try {
                p.deal().validate();
            } catch (InvalidInputException e) {
                throw new InvalidInputException("Pieces[" + i + "]." + e.argument(), e.getMessage());
            }
            if (p.deal().pieceSize() != p.paddedSize() || !p.deal().pieceCid().equals(p.pieceCid())) {
                throw new InvalidInputException("Pieces[" + i + "]", "the piece's size and CID differ from its deal's");
            }
            long aligned = (used + p.paddedSize() - 1) / p.paddedSize() * p.paddedSize();
            used = aligned + p.paddedSize();
            if (used > size.bytes()) {
                throw new InvalidInputException("Pieces[" + i + "]", "the pieces do not fit in a " + size
                        + " sector (" + used + " padded bytes with alignment)");
            }
        }
    }

    private static String neverSeedable(SectorState state) {
        return switch (state) {
            case WaitDeals, AddPiece, Packing, GetTicket, PreCommit1, PreCommit2, SubmitPreCommitBatch,
                    PreCommitBatchWait, WaitSeed, Committing, SubmitCommitAggregate, CommitAggregateWait,
                    FinalizeSector, Proving, Available, SealPreCommit1Failed, SealPreCommit2Failed,
                    PreCommitFailed, ComputeProofFailed, RemoteCommitFailed, CommitFailed, FinalizeFailed,
                    SnapDealsWaitDeals, SnapDealsAddPiece, SnapDealsPacking, UpdateReplica, ProveReplicaUpdate,
                    FinalizeReplicaUpdate, ReplicaUpdateWait, UpdateActivating, ReleaseSectorKey,
                    ReplicaUpdateFailed, FinalizeReplicaUpdateFailed, ReleaseSectorKeyFailed, Terminating,
                    TerminateWait, TerminateFinality, TerminateFailed, Removing, RemoveFailed, Removed -> null;
            case Empty -> "Lotus's deprecated start state; seed WaitDeals";
            case PreCommitting, SubmitCommit -> "a legacy state the pipeline forwards from at once";
            case AddPieceFailed, SnapDealsAddPieceFailed ->
                    "a failed AddPiece goes back to waiting for deals at once";
            case PreCommitWait, CommitWait -> "the pipeline batches its messages and waits in"
                    + " PreCommitBatchWait and CommitAggregateWait";
            case CommitFinalize, CommitFinalizeFailed -> "only reached with FinalizeEarly, which minersim does not"
                    + " model";
            case SubmitReplicaUpdate, WaitMutable, DealsExpired, PackingFailed, SnapDealsDealsExpired,
                    RecoverDealIDs, SnapDealsRecoverDealIDs, AbortUpgrade ->
                    "a sector passes through it at once";
            case FailedUnrecoverable -> "only a forced state move reaches it";
            case Faulty, FaultReported -> "Lotus never moves a sector there by itself (faults live on chain, the"
                    + " sector stays Proving; only SectorsUpdate reaches " + state + "); seed Proving with"
                    + " \"faulty\": true for a sector faulty on chain";
            case FaultedFinal -> "Lotus never moves a sector there by itself (a sector the chain terminates after"
                    + " FaultMaxAge of fault stays Proving); seed Proving with \"faulty\": true and let FaultMaxAge"
                    + " pass";
            case ReceiveSector -> "use SectorReceive to import a sector";
        };
    }

    /** The seedable states of a sector the chain holds live: it can be faulty on chain. */
    private static final Set<SectorState> PROVEN_STATES = EnumSet.of(Proving, Available, SnapDealsWaitDeals,
            SnapDealsAddPiece, SnapDealsPacking, UpdateReplica, ProveReplicaUpdate, FinalizeReplicaUpdate,
            ReplicaUpdateWait, UpdateActivating, ReleaseSectorKey, SnapDealsAddPieceFailed, ReplicaUpdateFailed,
            FinalizeReplicaUpdateFailed, ReleaseSectorKeyFailed, Terminating, TerminateFailed);

    private static boolean needsDeals(SectorState state) {
        return state == AddPiece || state == AddPieceFailed || isSnap(state);
    }

    private static final Set<SectorState> SNAP_STATES = EnumSet.of(SnapDealsWaitDeals, SnapDealsAddPiece,
            SnapDealsPacking, UpdateReplica, ProveReplicaUpdate, FinalizeReplicaUpdate, ReplicaUpdateWait,
            UpdateActivating, ReleaseSectorKey, SnapDealsAddPieceFailed, ReplicaUpdateFailed,
            FinalizeReplicaUpdateFailed, ReleaseSectorKeyFailed);

    /** The states reached off a line, by the event that reaches each from its base. */
    private static final Map<SectorState, Branch> BRANCHES = new EnumMap<>(SectorState.class);

    static {
        branch(AddPieceFailed, AddPiece, SectorAddPieceFailed);
        branch(SealPreCommit1Failed, PreCommit1, SectorSealPreCommit1Failed);
        branch(SealPreCommit2Failed, PreCommit2, SectorSealPreCommit2Failed);
        branch(PreCommitFailed, SubmitPreCommitBatch, SectorChainPreCommitFailed);
        branch(ComputeProofFailed, Committing, SectorComputeProofFailed);
        branch(RemoteCommitFailed, Committing, SectorRemoteCommit1Failed);
        branch(CommitFailed, SubmitCommitAggregate, SectorCommitFailed);
        branch(FinalizeFailed, FinalizeSector, SectorFinalizeFailed);
        branch(SnapDealsAddPieceFailed, SnapDealsAddPiece, SectorAddPieceFailed);
        branch(ReplicaUpdateFailed, UpdateReplica, SectorUpdateReplicaFailed);
        branch(FinalizeReplicaUpdateFailed, FinalizeReplicaUpdate, SectorFinalizeFailed);
        branch(ReleaseSectorKeyFailed, ReleaseSectorKey, SectorReleaseKeyFailed);
        branch(Terminating, Proving, SectorTerminate);
        branch(TerminateWait, Terminating, SectorTerminating);
        branch(TerminateFinality, TerminateWait, SectorTerminated);
        branch(TerminateFailed, Terminating, SectorTerminateFailed);
        branch(Removing, TerminateFinality, SectorRemove);
        branch(RemoveFailed, Removing, SectorRemoveFailed);
        branch(Removed, Removing, SectorRemoved);
    }

    private static void branch(SectorState state, SectorState base, SectorEvent event) {
        BRANCHES.put(state, new Branch(base, event));
    }

    private static boolean isSnap(SectorState state) {
        return SNAP_STATES.contains(state);
    }

    /** The error text a seeded failure shows when the scenario names none. */
    private static String defaultError(SectorEvent event) {
        String what = switch (event) {
            case SectorAddPieceFailed -> "add piece";
            case SectorSealPreCommit1Failed -> "seal pre commit(1) failed";
            case SectorSealPreCommit2Failed -> "seal pre commit(2) failed";
            case SectorChainPreCommitFailed -> "precommit check error";
            case SectorComputeProofFailed -> "computing seal proof failed";
            case SectorRemoteCommit1Failed -> "remote commit1 failed";
            case SectorCommitFailed -> "commit check error";
            case SectorFinalizeFailed -> "finalize sector";
            case SectorUpdateReplicaFailed -> "replica update failed";
            case SectorReleaseKeyFailed -> "release sector key";
            case SectorTerminateFailed -> "terminate sector";
            case SectorRemoveFailed -> "removing sector";
            default -> event.name();
        };
        return what + ": seeded failure";
    }

    // ---------------------------------------------------------------------------------------------
    // Routes

    /** The route to a state: its line, and the steps in order. */
    private record Route(Line line, List<Step> steps) {
    }

    private static Route route(SectorState state, boolean withDeals) {
        List<Step> tail = new ArrayList<>();
        SectorState s = state;
        for (Branch b = BRANCHES.get(s); b != null; b = BRANCHES.get(s)) {
            tail.add(0, new Step(b.event(), s));
            s = b.base();
        }
        Line line = isSnap(s) || (s == Available) ? Line.SNAP
                : withDeals || s == WaitDeals || s == AddPiece ? Line.DEAL : Line.CC;
        List<Step> lineSteps = switch (line) {
            case CC -> CC_LINE;
            case DEAL -> withDeals ? DEAL_LINE : DEAL_LINE.subList(0, 1);
            case SNAP -> SNAP_LINE;
        };
        int end = -1;
        for (int i = 0; i < lineSteps.size(); i++) {
            if (lineSteps.get(i).to() == s) {
                end = i;
            }
        }
        if (end < 0) {
            throw new IllegalStateException("no route to " + s);
        }
        return new Route(line, concat(lineSteps.subList(0, end + 1), tail));
    }

    /** Epochs a sector stays in {@code state} before the next step of its route. */
    private long dwell(SectorState state) {
        return switch (state) {
            case AddPiece, SnapDealsAddPiece -> stages.addPiece();
            case Packing, SnapDealsPacking -> stages.packing();
            case GetTicket -> stages.getTicket();
            case PreCommit1 -> stages.preCommit1();
            case PreCommit2 -> stages.preCommit2();
            case Committing -> stages.committing();
            case FinalizeSector -> stages.finalizeSector();
            case UpdateReplica -> stages.replicaUpdate();
            case ProveReplicaUpdate -> stages.proveReplicaUpdate();
            case FinalizeReplicaUpdate -> stages.finalizeReplicaUpdate();
            case ReleaseSectorKey -> stages.releaseSectorKey();
            case Removing -> stages.removing();
            case PreCommitBatchWait, CommitAggregateWait, ReplicaUpdateWait, TerminateWait ->
                    1 + policy.messageConfidence();
            case WaitSeed -> Math.max(0, policy.preCommitChallengeDelay() + policy.interactivePoRepConfidence()
                    - policy.messageConfidence());
            case UpdateActivating, TerminateFinality -> policy.chainFinality();
            case WaitDeals, SnapDealsWaitDeals, SubmitPreCommitBatch, SubmitCommitAggregate, Proving, Available,
                    Terminating, SubmitReplicaUpdate -> 1;
            case Empty, PreCommitting, PreCommitWait, CommitFinalize, SubmitCommit, CommitWait, FailedUnrecoverable,
                    AddPieceFailed, SealPreCommit1Failed, SealPreCommit2Failed, PreCommitFailed, ComputeProofFailed,
                    RemoteCommitFailed, CommitFailed, CommitFinalizeFailed, PackingFailed, FinalizeFailed,
                    DealsExpired, RecoverDealIDs, WaitMutable, SnapDealsAddPieceFailed, SnapDealsDealsExpired,
                    SnapDealsRecoverDealIDs, AbortUpgrade, ReplicaUpdateFailed, ReleaseSectorKeyFailed,
                    FinalizeReplicaUpdateFailed, Faulty, FaultReported, FaultedFinal, TerminateFailed, RemoveFailed,
                    Removed,
                    ReceiveSector -> 0;
        };
    }

    /** A route laid out in epochs: step {@code i} happens at {@code epochs[i]}. */
    private record Timeline(Route route, long[] epochs) {
        long last() {
            return epochs[epochs.length - 1];
        }
    }

    private Timeline timeline(Route route, long entered) {
        List<Step> steps = route.steps();
        long[] rel = new long[steps.size()];
        for (int i = 1; i < rel.length; i++) {
            rel[i] = rel[i - 1] + dwell(steps.get(i - 1).to());
        }
        long shift = entered - rel[rel.length - 1];
        long[] epochs = new long[rel.length];
        for (int i = 0; i < rel.length; i++) {
            epochs[i] = Math.max(0, rel[i] + shift);
        }
        return new Timeline(route, epochs);
    }

    private static Method messageMethod(SectorEvent event) {
        return switch (event) {
            case SectorPreCommitBatchSent -> Method.PRE_COMMIT_SECTOR_BATCH2;
            case SectorCommitAggregateSent -> Method.PROVE_COMMIT_AGGREGATE;
            case SectorTerminating -> Method.TERMINATE_SECTORS;
            case SectorReplicaUpdateSubmitted -> Method.PROVE_REPLICA_UPDATES3;
            default -> null;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Seeding

    /** Where a seed's sector sends a message: which seed, which step. */
    private record Send(int seed, int step) {
    }

    /**
     * Seeds the sectors, all or nothing: every seed is checked before anything changes. Returns the
     * sector numbers in the order of the seeds.
     */
    long[] seed(List<SectorSeed> seeds) {
        long head = host.head();
        SectorSize size = host.config().sectorSize();
        // 1. check everything first
        BitField inUse = host.numbers().meta().inUse();
        Set<Long> explicit = new HashSet<>();
        for (int i = 0; i < seeds.size(); i++) {
            SectorSeed seed = seeds.get(i);
            try {
                validate(seed, size);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("[" + i + "]." + e.argument(), "seed " + i + ": " + e.getMessage());
            }
            long n = seed.number();
            if (n != SectorSeed.NEXT && (!explicit.add(n) || inUse.contains(n) || host.sectors().get(n) != null)) {
                throw new InvalidInputException("[" + i + "].Number", "seed " + i + ": sector number " + n
                        + " is already taken");
            }
        }
        // 2. numbers: the explicit ones, then the lowest free ones in order
        long[] numbers = new long[seeds.size()];
        for (int i = 0; i < seeds.size(); i++) {
            long n = seeds.get(i).number();
            if (n != SectorSeed.NEXT) {
                host.numbers().markAllocated(n);
                numbers[i] = n;
            }
        }
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i).number() == SectorSeed.NEXT) {
                numbers[i] = host.numbers().allocate();
            }
        }
        // 3. the timelines, shared by seeds alike
        Map<List<Object>, Timeline> cache = new HashMap<>();
        Timeline[] timelines = new Timeline[seeds.size()];
        TreeMap<List<Long>, List<Send>> sends = new TreeMap<>((a, b) -> {
            int c = Long.compare(a.get(0), b.get(0));
            return c != 0 ? c : Long.compare(a.get(1), b.get(1));
        });
        for (int i = 0; i < seeds.size(); i++) {
            SectorSeed seed = seeds.get(i);
            boolean deals = !seed.pieces().isEmpty();
            long entered = Math.max(0, head - seed.age());
            Timeline t = cache.computeIfAbsent(List.of(seed.state(), deals, entered),
                    k -> timeline(route(seed.state(), deals), entered));
            timelines[i] = t;
            List<Step> steps = t.route().steps();
            for (int k = 0; k < steps.size(); k++) {
                Method m = messageMethod(steps.get(k).event());
                if (m != null) {
                    sends.computeIfAbsent(List.of(t.epochs()[k], (long) m.ordinal()), x -> new ArrayList<>())
                            .add(new Send(i, k));
                }
            }
        }
        // 4. the messages, batched as the batchers would
        Map<Send, Message> sent = new HashMap<>();
        List<Message> all = new ArrayList<>();
        for (Map.Entry<List<Long>, List<Send>> e : sends.entrySet()) {
            long epoch = e.getKey().get(0);
            Method method = Method.values()[(int) (long) e.getKey().get(1)];
            List<Send> group = e.getValue();
            int max = switch (method) {
                case PRE_COMMIT_SECTOR_BATCH2 -> host.sealing().maxPreCommitBatch();
                case PROVE_COMMIT_AGGREGATE, PROVE_COMMIT_SECTORS3 -> host.sealing().maxCommitBatch();
                case TERMINATE_SECTORS -> host.sealing().terminateBatchMax();
                case PROVE_REPLICA_UPDATES3 -> 1;
                case SUBMIT_WINDOWED_POST, DECLARE_FAULTS_RECOVERED, WITHDRAW_BALANCE ->
                        throw new IllegalStateException("a seeded route sends no proving message");
            };
            for (int from = 0; from < group.size(); from += max) {
                List<Send> batch = group.subList(from, Math.min(group.size(), from + max));
                long[] sectors = new long[batch.size()];
                for (int j = 0; j < sectors.length; j++) {
                    sectors[j] = numbers[batch.get(j).seed()];
                }
                Method m = method;
                if (m == Method.PROVE_COMMIT_AGGREGATE
                        && batch.size() < Math.max(host.sealing().minCommitBatch(), 4)) {
                    m = Method.PROVE_COMMIT_SECTORS3;
                }
                Message msg = host.messages().send(m, epoch, sectors);
                all.add(msg);
                for (Send s : batch) {
                    sent.put(s, msg);
                }
            }
        }
        // 5. the sectors, their pasts replayed
        List<Sector> built = new ArrayList<>(seeds.size());
        List<SectorMove> chainMoves = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            built.add(build(i, seeds.get(i), numbers[i], timelines[i], sent, chainMoves));
        }
        host.recordStatistics(chainMoves);
        for (Message m : all) {
            host.scheduleLanding(m);
        }
        // the chain's side: a sector activated a proving period ago has been proven since
        for (int i = 0; i < seeds.size(); i++) {
            Sector s = built.get(i);
            host.provenOnChain(s, s.onChain() && s.activation + DeadlineInfo.PROVING_PERIOD <= head,
                    seeds.get(i).faulty(), Math.max(0, head - seeds.get(i).age()));
        }
        // 6. each sector enters its state
        for (Sector s : built) {
            host.enter(s);
        }
        return numbers;
    }

    private Sector build(int index, SectorSeed seed, long number, Timeline t, Map<Send, Message> sent,
            List<SectorMove> chainMoves) {
        List<Step> steps = t.route().steps();
        long[] epochs = t.epochs();
        Sector s = new Sector(number, epochs[0], t.route().line() != Line.DEAL);
        Step first = steps.get(0);
        s.state = SectorTransitions.initial(first.event());
        s.log().append(first.event().ordinal(), epochs[0], 0, null);
        long lastSent = 0;
        for (int k = 1; k < steps.size(); k++) {
            Step step = steps.get(k);
            long epoch = epochs[k];
            SectorEvent event = step.event();
            if (event == SectorAddPiece) {
                for (Piece p : seed.pieces()) {
                    host.assign(s, p);
                }
            }
            long arg = switch (event) {
                case SectorTicket -> Math.max(0, epoch - policy.sealRandomnessLookback());
                case SectorPacked -> s.pieces.size();
                case SectorPreCommitBatchSent, SectorCommitAggregateSent, SectorTerminating,
                        SectorReplicaUpdateSubmitted -> {
                    Message m = sent.get(new Send(index, k));
                    lastSent = m.sentEpoch();
                    yield m.index();
                }
                case SectorPreCommitLanded, SectorProving, SectorTerminated -> Math.min(lastSent + 1, epoch);
                case SectorSeedReady -> Math.min(s.preCommitEpoch + policy.preCommitChallengeDelay(), epoch);
                default -> 0;
            };
            String error = event.isError() ? (seed.error() != null ? seed.error() : defaultError(event)) : null;
            Transition tr = SectorTransitions.next(s.state, event, null);
            if (tr.outcome() != Transition.Outcome.MOVED || tr.to() != step.to()) {
                throw new IllegalStateException("seed route broken at " + s.state + " on " + event + ": " + tr);
            }
            host.replay(s, event, arg, error, epoch);
            SectorState from = s.state;
            s.state = step.to();
            if (s.state == SubmitPreCommitBatch) {
                s.expiration = host.preCommitExpiration(s, epoch);
            }
            if (MinerStatistics.observes(event)) {
                chainMoves.add(host.statisticsMove(s, from, event, epoch));
            }
        }
        host.sectors().add(s);
        host.history().record(t.last(), number, null, s.state, steps.get(steps.size() - 1).event(), s.dealBytes(),
                s.dealWeight(), s.verifiedDealWeight());
        return s;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
