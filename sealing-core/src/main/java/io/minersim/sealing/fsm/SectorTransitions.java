package io.minersim.sealing.fsm;

import static io.minersim.sealing.fsm.SectorEvent.*;
import static io.minersim.sealing.fsm.SectorState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Lotus's sector state machine as one table: for each state, the events it takes and where they
 * lead. Everything else about a sector (timers, batching, chain) lives in the engine; this class only
 * decides moves.
 *
 * <pre>
 *  (new) ─SectorStart─▶ WaitDeals ⇄ AddPiece          (new) ─SectorStartCC─▶ Packing
 *                          │ SectorStartPacking                                 │
 *                          ▼                                                    │
 *                       Packing ◀───────────────────────────────────────────────┘
 *                          ▼ SectorPacked
 *  GetTicket ─▶ PreCommit1 ─▶ PreCommit2 ─▶ SubmitPreCommitBatch ─▶ PreCommitBatchWait ─▶ WaitSeed
 *                 ⇅                ⇅                 │                      │               │
 *     SealPreCommit1Failed  SealPreCommit2Failed     └──▶ PreCommitFailed ◀─┘               ▼
 *  Proving ◀─ FinalizeSector ◀─ CommitAggregateWait ◀─ SubmitCommitAggregate ◀─ Committing
 *     │  ▲                                                                          ⇅
 *     │  └─ Faulty / FaultReported (recovered)             ComputeProofFailed, CommitFailed
 *     ├─ SectorMarkForUpdate ─▶ Available ─▶ SnapDealsWaitDeals … ReleaseSectorKey ─▶ Proving
 *     └─ SectorFaulty ─▶ Faulty ─▶ FaultReported   (only SectorsUpdate reaches these, as in Lotus)
 *  any ─SectorTerminate─▶ Terminating ─▶ TerminateWait ─▶ TerminateFinality ─▶ Removing ─▶ Removed
 *  any ─SectorRemove─▶ Removing ─▶ Removed          any ─SectorForceState─▶ any named state
 * </pre>
 *
 * <p>Per state the table has Lotus's planner kind: most states reject an event they have no move
 * for (the sector is unchanged and its log gets Lotus's planner error); {@code AbortUpgrade} and
 * {@code Removing} drop such events silently; the chain's {@code SectorExtended} and
 * {@code SectorExpired} are absorbed (recorded, state unchanged) by every state but {@code Removed};
 * the final states {@code FailedUnrecoverable},
 * {@code FaultReported} and {@code FaultedFinal} take only global events; {@code Removed} takes
 * nothing at all, not even a forced state.
 *
 * <p>As in current Lotus, PreCommit2 leads straight to SubmitPreCommitBatch and Committing to
 * SubmitCommitAggregate; the legacy PreCommitting and SubmitCommit states stay reachable by force and
 * keep their own moves. {@code Committing} has its own planner in Lotus ({@code planCommitting}),
 * which rejects even ignorable events, with its own error text.
 */
public final class SectorTransitions {

    private enum Planner {
        /** Reject events without a move. */
        STRICT,
        /** Drop events without a move, silently. */
        IGNORING,
        /** Like STRICT, but ignorable events are rejected too, with planCommitting's text. */
        COMMITTING,
        /** Only global events. */
        FINAL,
        /** Nothing at all. */
        REMOVED
    }

    private static final Map<SectorState, Map<SectorEvent, SectorState>> MOVES = new EnumMap<>(SectorState.class);
    private static final Map<SectorState, Set<SectorEvent>> ABSORBS = new EnumMap<>(SectorState.class);
    private static final Map<SectorState, Set<SectorEvent>> RETURNING = new EnumMap<>(SectorState.class);
    private static final Map<SectorState, Set<SectorState>> RETURN_TARGETS = new EnumMap<>(SectorState.class);
    private static final Map<SectorState, Planner> PLANNERS = new EnumMap<>(SectorState.class);

    static {
        for (SectorState s : SectorState.values()) {
            MOVES.put(s, new EnumMap<>(SectorEvent.class));
            ABSORBS.put(s, EnumSet.noneOf(SectorEvent.class));
            RETURNING.put(s, EnumSet.noneOf(SectorEvent.class));
            RETURN_TARGETS.put(s, EnumSet.noneOf(SectorState.class));
            PLANNERS.put(s, Planner.STRICT);
        }
        PLANNERS.put(AbortUpgrade, Planner.IGNORING);
        PLANNERS.put(Removing, Planner.IGNORING);
        PLANNERS.put(Committing, Planner.COMMITTING);
        PLANNERS.put(FailedUnrecoverable, Planner.FINAL);
        PLANNERS.put(FaultReported, Planner.FINAL);
        PLANNERS.put(FaultedFinal, Planner.FINAL);
        PLANNERS.put(Removed, Planner.REMOVED);

        returning(ReceiveSector, SectorReceived, Packing, GetTicket, PreCommitting, SubmitCommit, Proving, Available);

        // sealing
        state(Empty).on(SectorAddPiece, AddPiece).on(SectorStartPacking, Packing);
        state(WaitDeals).on(SectorAddPiece, AddPiece).on(SectorStartPacking, Packing);
        state(AddPiece).on(SectorPieceAdded, WaitDeals).absorb(SectorStartPacking).absorb(SectorAddPiece)
                .on(SectorAddPieceFailed, AddPieceFailed);
        state(Packing).on(SectorPacked, GetTicket);
        state(GetTicket).on(SectorTicket, PreCommit1).on(SectorCommitFailed, CommitFailed);
        state(PreCommit1).on(SectorPreCommit1, PreCommit2).on(SectorSealPreCommit1Failed, SealPreCommit1Failed)
                .on(SectorDealsExpired, DealsExpired).on(SectorInvalidDealIDs, RecoverDealIDs)
                .on(SectorOldTicket, GetTicket);
        state(PreCommit2).on(SectorPreCommit2, SubmitPreCommitBatch)
                .on(SectorSealPreCommit2Failed, SealPreCommit2Failed)
                .on(SectorSealPreCommit1Failed, SealPreCommit1Failed);
        state(PreCommitting).on(SectorPreCommitBatch, SubmitPreCommitBatch).on(SectorPreCommitted, PreCommitWait)
                .on(SectorSealPreCommit1Failed, SealPreCommit1Failed)
                .on(SectorChainPreCommitFailed, PreCommitFailed).on(SectorPreCommitLanded, WaitSeed)
                .on(SectorDealsExpired, DealsExpired).on(SectorInvalidDealIDs, RecoverDealIDs);
        state(SubmitPreCommitBatch).on(SectorPreCommitBatchSent, PreCommitBatchWait)
                .on(SectorSealPreCommit1Failed, SealPreCommit1Failed)
                .on(SectorChainPreCommitFailed, PreCommitFailed).on(SectorPreCommitLanded, WaitSeed)
                .on(SectorDealsExpired, DealsExpired).on(SectorInvalidDealIDs, RecoverDealIDs);
        state(PreCommitBatchWait).on(SectorChainPreCommitFailed, PreCommitFailed)
                .on(SectorPreCommitLanded, WaitSeed).on(SectorRetryPreCommit, PreCommitting);
        state(PreCommitWait).on(SectorChainPreCommitFailed, PreCommitFailed)
                .on(SectorPreCommitLanded, WaitSeed).on(SectorRetryPreCommit, PreCommitting);
        state(WaitSeed).on(SectorSeedReady, Committing).on(SectorChainPreCommitFailed, PreCommitFailed);
        state(Committing).on(SectorCommitted, SubmitCommitAggregate).on(SectorProofReady, CommitFinalize)
                .on(SectorSeedReady, Committing).on(SectorComputeProofFailed, ComputeProofFailed)
                .on(SectorRemoteCommit1Failed, RemoteCommitFailed).on(SectorRemoteCommit2Failed, RemoteCommitFailed)
                .on(SectorSealPreCommit1Failed, SealPreCommit1Failed).on(SectorCommitFailed, CommitFailed)
                .on(SectorRetryCommitWait, CommitWait);
        state(CommitFinalize).on(SectorFinalized, SubmitCommitAggregate)
                .on(SectorFinalizedAvailable, SubmitCommitAggregate).on(SectorFinalizeFailed, CommitFinalizeFailed);
        state(SubmitCommit).on(SectorCommitSubmitted, CommitWait)
                .on(SectorSubmitCommitAggregate, SubmitCommitAggregate).on(SectorCommitFailed, CommitFailed);
        state(SubmitCommitAggregate).on(SectorCommitAggregateSent, CommitAggregateWait)
                .on(SectorCommitFailed, CommitFailed).on(SectorRetrySubmitCommit, SubmitCommit);
        state(CommitWait).on(SectorProving, FinalizeSector).on(SectorCommitFailed, CommitFailed)
                .on(SectorRetrySubmitCommit, SubmitCommit);
        state(CommitAggregateWait).on(SectorProving, FinalizeSector).on(SectorCommitFailed, CommitFailed)
                .on(SectorRetrySubmitCommit, SubmitCommit);
        state(FinalizeSector).on(SectorFinalized, Proving).on(SectorFinalizedAvailable, Available)
                .on(SectorFinalizeFailed, FinalizeFailed);

        // snap deals
        state(SnapDealsWaitDeals).on(SectorAddPiece, SnapDealsAddPiece).on(SectorStartPacking, SnapDealsPacking)
                .on(SectorAbortUpgrade, AbortUpgrade);
        state(SnapDealsAddPiece).on(SectorPieceAdded, SnapDealsWaitDeals).absorb(SectorStartPacking)
                .absorb(SectorAddPiece).on(SectorAddPieceFailed, SnapDealsAddPieceFailed)
                .on(SectorAbortUpgrade, AbortUpgrade);
        state(SnapDealsPacking).on(SectorPacked, UpdateReplica).on(SectorAbortUpgrade, AbortUpgrade);
        state(UpdateReplica).on(SectorReplicaUpdate, ProveReplicaUpdate)
                .on(SectorUpdateReplicaFailed, ReplicaUpdateFailed).on(SectorDealsExpired, SnapDealsDealsExpired)
                .on(SectorInvalidDealIDs, SnapDealsRecoverDealIDs).on(SectorAbortUpgrade, AbortUpgrade);
        state(ProveReplicaUpdate).on(SectorProveReplicaUpdate, FinalizeReplicaUpdate)
                .on(SectorProveReplicaUpdateFailed, ReplicaUpdateFailed)
                .on(SectorDealsExpired, SnapDealsDealsExpired).on(SectorInvalidDealIDs, SnapDealsRecoverDealIDs)
                .on(SectorAbortUpgrade, AbortUpgrade);
        state(FinalizeReplicaUpdate).on(SectorFinalized, SubmitReplicaUpdate)
                .on(SectorFinalizeFailed, FinalizeReplicaUpdateFailed);
        state(SubmitReplicaUpdate).on(SectorReplicaUpdateSubmitted, ReplicaUpdateWait)
                .on(SectorSubmitReplicaUpdateFailed, ReplicaUpdateFailed).on(SectorDeadlineImmutable, WaitMutable);
        state(WaitMutable).on(SectorDeadlineMutable, SubmitReplicaUpdate).on(SectorAbortUpgrade, AbortUpgrade);
        state(ReplicaUpdateWait).on(SectorReplicaUpdateLanded, UpdateActivating)
                .on(SectorSubmitReplicaUpdateFailed, ReplicaUpdateFailed).on(SectorAbortUpgrade, AbortUpgrade);
        state(UpdateActivating).on(SectorUpdateActive, ReleaseSectorKey);
        state(ReleaseSectorKey).on(SectorKeyReleased, Proving).on(SectorReleaseKeyFailed, ReleaseSectorKeyFailed);

        // sealing failures
        state(AddPieceFailed).on(SectorRetryWaitDeals, WaitDeals).absorb(SectorStartPacking).absorb(SectorAddPiece);
        state(SealPreCommit1Failed).on(SectorRetrySealPreCommit1, PreCommit1);
        state(SealPreCommit2Failed).on(SectorRetrySealPreCommit1, PreCommit1)
                .on(SectorRetrySealPreCommit2, PreCommit2);
        state(PreCommitFailed).on(SectorRetryPreCommit, PreCommitting).on(SectorRetryPreCommitWait, PreCommitWait)
                .on(SectorRetryWaitSeed, WaitSeed).on(SectorSealPreCommit1Failed, SealPreCommit1Failed)
                .on(SectorPreCommitLanded, WaitSeed).on(SectorDealsExpired, DealsExpired)
                .on(SectorInvalidDealIDs, RecoverDealIDs);
        state(ComputeProofFailed).on(SectorRetryComputeProof, Committing)
                .on(SectorSealPreCommit1Failed, SealPreCommit1Failed);
        state(RemoteCommitFailed).on(SectorRetryComputeProof, Committing);
        state(CommitFinalizeFailed).on(SectorRetryFinalize, CommitFinalize);
        state(CommitFailed).on(SectorSealPreCommit1Failed, SealPreCommit1Failed).on(SectorRetryWaitSeed, WaitSeed)
                .on(SectorRetryComputeProof, Committing).on(SectorRetryInvalidProof, Committing)
                .on(SectorRetryPreCommitWait, PreCommitWait).on(SectorChainPreCommitFailed, PreCommitFailed)
                .on(SectorRetryPreCommit, PreCommitting).on(SectorRetryCommitWait, CommitWait)
                .on(SectorRetrySubmitCommit, SubmitCommit).on(SectorDealsExpired, DealsExpired)
                .on(SectorInvalidDealIDs, RecoverDealIDs).on(SectorTicketExpired, Removing);
        state(FinalizeFailed).on(SectorRetryFinalize, FinalizeSector);
        returning(RecoverDealIDs, SectorUpdateDealIDs, PreCommit1, PreCommitting, PreCommitFailed, CommitFailed);

        // snap deal failures
        state(SnapDealsAddPieceFailed).on(SectorRetryWaitDeals, SnapDealsWaitDeals).absorb(SectorStartPacking)
                .absorb(SectorAddPiece).on(SectorAbortUpgrade, AbortUpgrade);
        state(SnapDealsDealsExpired).on(SectorAbortUpgrade, AbortUpgrade);
        state(SnapDealsRecoverDealIDs).on(SectorUpdateDealIDs, SubmitReplicaUpdate)
                .on(SectorAbortUpgrade, AbortUpgrade);
        state(AbortUpgrade).on(SectorRevertUpgradeToProving, Proving);
        state(ReplicaUpdateFailed).on(SectorRetrySubmitReplicaUpdateWait, ReplicaUpdateWait)
                .on(SectorRetrySubmitReplicaUpdate, SubmitReplicaUpdate).on(SectorRetryReplicaUpdate, UpdateReplica)
                .on(SectorRetryProveReplicaUpdate, ProveReplicaUpdate)
                .on(SectorInvalidDealIDs, SnapDealsRecoverDealIDs).on(SectorDealsExpired, SnapDealsDealsExpired)
                .on(SectorAbortUpgrade, AbortUpgrade);
        state(ReleaseSectorKeyFailed).on(SectorUpdateActive, ReleaseSectorKey);
        state(FinalizeReplicaUpdateFailed).on(SectorRetryFinalize, FinalizeReplicaUpdate);

        // post-seal
        state(Proving).on(SectorFaultReported, FaultReported).on(SectorFaulty, Faulty)
                .on(SectorMarkForUpdate, Available);
        state(Available).on(SectorStartCCUpdate, SnapDealsWaitDeals).on(SectorAbortUpgrade, Proving);
        state(Terminating).on(SectorTerminating, TerminateWait).on(SectorTerminateFailed, TerminateFailed);
        state(TerminateWait).on(SectorTerminated, TerminateFinality).on(SectorTerminateFailed, TerminateFailed);
        state(TerminateFinality).on(SectorTerminateFailed, TerminateFailed);
        state(Removing).on(SectorRemoved, Removed).on(SectorRemoveFailed, RemoveFailed);
        state(Faulty).on(SectorFaultReported, FaultReported);

        // what the chain does to any sector it holds, whatever its local state: the event is recorded
        // and the state stays (a lotus-miner keeps an expired sector in Proving, `sectors expired`, and
        // a faulty one too: faults live in the chain's partitions, not in the sealing state). A removed
        // sector the chain still holds is unreadable: it faults, and expires or is terminated for it.
        for (SectorState s : SectorState.values()) {
            state(s).absorb(SectorExpired).absorb(SectorFaultDetected).absorb(SectorFaultRecovered)
                    .absorb(SectorFaultedFinal);
            if (s != Removed) {
                state(s).absorb(SectorExtended);
            }
        }
    }

    private SectorTransitions() {
    }

    /**
     * What {@code event} does to a sector in {@code from}. {@code target} is the state asked for by
     * {@link SectorEvent#SectorForceState} or by a returning event ({@code SectorReceived},
     * {@code SectorUpdateDealIDs}); it is ignored for every other event.
     */
    public static Transition next(SectorState from, SectorEvent event, SectorState target) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Planner planner = PLANNERS.get(from);
        if (planner == Planner.REMOVED) {
            return ABSORBS.get(from).contains(event) ? new Transition(from, event, from, Transition.Outcome.ABSORBED,
                    null) : new Transition(from, event, from, Transition.Outcome.IGNORED, null);
        }
        if (event.isGlobal()) {
            return global(from, event, target);
        }
        SectorState to = MOVES.get(from).get(event);
        if (to != null && (planner != Planner.FINAL || event.isSimulatorEvent())) {
            return new Transition(from, event, to, Transition.Outcome.MOVED, null);
        }
        if (ABSORBS.get(from).contains(event)) {
            return new Transition(from, event, from, Transition.Outcome.ABSORBED, null);
        }
        if (RETURNING.get(from).contains(event)) {
            if (target == null || !RETURN_TARGETS.get(from).contains(target)) {
                return reject(from, event, "return state not set");
            }
            return new Transition(from, event, target, Transition.Outcome.MOVED, null);
        }
        if (planner == Planner.FINAL) {
            return reject(from, event, "didn't expect any events in state " + from + ", got [{User:{}}]");
        }
        if (planner == Planner.COMMITTING) {
            return reject(from, event, "planCommitting got event of unknown type sealing." + event.name()
                    + ", events: [{User:{}}]");
        }
        if (planner == Planner.IGNORING || event.isIgnorable()) {
            return new Transition(from, event, from, Transition.Outcome.IGNORED, null);
        }
        return reject(from, event,
                "planner for state " + from + " received unexpected event sealing." + event.name() + " ({User:{}})");
    }

    /**
     * The state a new sector enters from Lotus's undefined state: {@code SectorStart} → WaitDeals,
     * {@code SectorStartCC} → Packing, {@code SectorReceive} → ReceiveSector.
     */
    public static SectorState initial(SectorEvent startEvent) {
        return switch (startEvent) {
            case SectorStart -> WaitDeals;
            case SectorStartCC -> Packing;
            case SectorReceive -> ReceiveSector;
            default -> throw new IllegalArgumentException(startEvent + " does not start a sector");
        };
    }

    /** {@link #next(SectorState, SectorEvent, SectorState)} for an event that names no target. */
    public static Transition next(SectorState from, SectorEvent event) {
        return next(from, event, null);
    }

    /** The states one event-driven move (any event but a forced state) can take {@code from} to. */
    public static Set<SectorState> successors(SectorState from) {
        Set<SectorState> out = EnumSet.noneOf(SectorState.class);
        if (PLANNERS.get(from) == Planner.REMOVED) {
            return out;
        }
        out.addAll(MOVES.get(from).values());
        out.addAll(RETURN_TARGETS.get(from));
        out.add(Terminating);
        out.add(Removing);
        return Collections.unmodifiableSet(out);
    }

    /** Checks that some event (other than a forced state) moves a sector from one state to the other. */
    public static void validate(SectorState from, SectorState to) {
        if (!successors(from).contains(to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    private static Transition global(SectorState from, SectorEvent event, SectorState target) {
        switch (event) {
            case SectorForceState:
                Objects.requireNonNull(target, "SectorForceState needs a target state");
                return new Transition(from, event, target, Transition.Outcome.MOVED, null);
            case SectorRemove:
                return new Transition(from, event, Removing, Transition.Outcome.MOVED, null);
            case SectorTerminate:
                return new Transition(from, event, Terminating, Transition.Outcome.MOVED, null);
            case SectorRestart:
                return new Transition(from, event, from, Transition.Outcome.IGNORED, null);
            case SectorFatalError:
                return new Transition(from, event, from, Transition.Outcome.ABSORBED, null);
            default:
                throw new IllegalStateException(event + " is not a global event");
        }
    }

    private static Transition reject(SectorState from, SectorEvent event, String cause) {
        return new Transition(from, event, from, Transition.Outcome.REJECTED,
                "running planner for state " + from + " failed: " + cause);
    }

    private static Row state(SectorState s) {
        return new Row(s);
    }

    private static void returning(SectorState s, SectorEvent event, SectorState... targets) {
        RETURNING.get(s).add(event);
        RETURN_TARGETS.get(s).addAll(java.util.List.of(targets));
    }

    private static final class Row {
        private final SectorState from;

        Row(SectorState from) {
            this.from = from;
        }

        Row on(SectorEvent event, SectorState to) {
            if (event.isGlobal()) {
                throw new IllegalStateException("global event " + event + " has no row");
            }
            SectorState previous = MOVES.get(from).put(event, to);
            if (previous != null) {
                throw new IllegalStateException(from + " has two moves for " + event);
            }
            return this;
        }

        Row absorb(SectorEvent event) {
            if (MOVES.get(from).containsKey(event) || !ABSORBS.get(from).add(event)) {
                throw new IllegalStateException(from + " has two rules for " + event);
            }
            return this;
        }
    }
}
