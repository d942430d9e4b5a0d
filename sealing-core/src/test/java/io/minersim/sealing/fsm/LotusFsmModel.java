package io.minersim.sealing.fsm;

import static io.minersim.sealing.fsm.SectorEvent.*;
import static io.minersim.sealing.fsm.SectorState.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An independent transcription of Lotus's sector planners ({@code fsmPlanners} and
 * {@code planCommitting} in {@code storage/pipeline/fsm.go}, global events in
 * {@code fsm_events.go}, lotus commit b835fab7, see fsm-facts b), plus the simulator's own
 * documented additions. The tests compare {@link SectorTransitions} against this model cell by
 * cell; it shares no code with the production table.
 */
final class LotusFsmModel {

    /** Lotus's planner functions. */
    enum Planner {
        /** {@code planOne}: unexpected events are errors, except {@code Ignorable} ones. */
        PLAN_ONE,
        /** {@code planCommitting}: a type switch with no Ignorable case and its own error text. */
        PLAN_COMMITTING,
        /** {@code planOneOrIgnore}: unexpected events are dropped silently. */
        PLAN_ONE_OR_IGNORE,
        /** {@code final}: only a first global event, anything else is an error. */
        FINAL,
        /** {@code finalRemoved}: swallows every event, global ones included. */
        FINAL_REMOVED
    }

    /** The expected effect of one event in one state. */
    record Expected(Transition.Outcome outcome, SectorState to, String errorCause) {
    }

    /** The target states {@code ReceiveSector} may return to. */
    static final Set<SectorState> RECEIVE_RETURNS =
            EnumSet.of(Packing, GetTicket, PreCommitting, SubmitCommit, Proving, Available);
    /** The target states {@code RecoverDealIDs} may return to. */
    static final Set<SectorState> RECOVER_DEAL_IDS_RETURNS =
            EnumSet.of(PreCommit1, PreCommitting, PreCommitFailed, CommitFailed);

    private static final Map<SectorState, Planner> PLANNER = new EnumMap<>(SectorState.class);
    /** Lotus {@code on(event, next)} (and {@code onWithCB}), and the Committing type switch. */
    private static final Map<SectorState, Map<SectorEvent, SectorState>> ON = new EnumMap<>(SectorState.class);
    /** Lotus {@code apply(event)}: accepted, state unchanged. */
    private static final Map<SectorState, Set<SectorEvent>> APPLY = new EnumMap<>(SectorState.class);
    /** Lotus {@code onReturning(event)}, with the simulator's allowed return targets. */
    private static final Map<SectorState, Map<SectorEvent, Set<SectorState>>> RETURNING =
            new EnumMap<>(SectorState.class);
    /** Simulator events (no Lotus counterpart in any planner): what the chain does to a faulty sector. */
    private static final Map<SectorState, Map<SectorEvent, SectorState>> SIMULATOR = new EnumMap<>(SectorState.class);

    static {
        for (SectorState s : SectorState.values()) {
            PLANNER.put(s, Planner.PLAN_ONE);
            ON.put(s, new EnumMap<>(SectorEvent.class));
            APPLY.put(s, EnumSet.noneOf(SectorEvent.class));
            RETURNING.put(s, new EnumMap<>(SectorEvent.class));
            SIMULATOR.put(s, new EnumMap<>(SectorEvent.class));
        }
        PLANNER.put(Committing, Planner.PLAN_COMMITTING);
        PLANNER.put(AbortUpgrade, Planner.PLAN_ONE_OR_IGNORE);
        PLANNER.put(Removing, Planner.PLAN_ONE_OR_IGNORE);
        PLANNER.put(FaultReported, Planner.FINAL);
        PLANNER.put(FaultedFinal, Planner.FINAL);
        PLANNER.put(FailedUnrecoverable, Planner.FINAL);
        PLANNER.put(Removed, Planner.FINAL_REMOVED);

        // external import
        RETURNING.get(ReceiveSector).put(SectorReceived, RECEIVE_RETURNS);

        // sealing
        on(Empty, SectorAddPiece, AddPiece);
        on(Empty, SectorStartPacking, Packing);
        on(WaitDeals, SectorAddPiece, AddPiece);
        on(WaitDeals, SectorStartPacking, Packing);
        on(AddPiece, SectorPieceAdded, WaitDeals);
        apply(AddPiece, SectorStartPacking);
        apply(AddPiece, SectorAddPiece);
        on(AddPiece, SectorAddPieceFailed, AddPieceFailed);
        on(Packing, SectorPacked, GetTicket);
        on(GetTicket, SectorTicket, PreCommit1);
        on(GetTicket, SectorCommitFailed, CommitFailed);
        on(PreCommit1, SectorPreCommit1, PreCommit2);
        on(PreCommit1, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(PreCommit1, SectorDealsExpired, DealsExpired);
        on(PreCommit1, SectorInvalidDealIDs, RecoverDealIDs);
        on(PreCommit1, SectorOldTicket, GetTicket);
        // lotus b835fab7 itself goes to SubmitPreCommitBatch here (older trees: PreCommitting)
        on(PreCommit2, SectorPreCommit2, SubmitPreCommitBatch);
        on(PreCommit2, SectorSealPreCommit2Failed, SealPreCommit2Failed);
        on(PreCommit2, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(PreCommitting, SectorPreCommitBatch, SubmitPreCommitBatch);
        on(PreCommitting, SectorPreCommitted, PreCommitWait);
        on(PreCommitting, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(PreCommitting, SectorChainPreCommitFailed, PreCommitFailed);
        on(PreCommitting, SectorPreCommitLanded, WaitSeed);
        on(PreCommitting, SectorDealsExpired, DealsExpired);
        on(PreCommitting, SectorInvalidDealIDs, RecoverDealIDs);
        on(SubmitPreCommitBatch, SectorPreCommitBatchSent, PreCommitBatchWait);
        on(SubmitPreCommitBatch, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(SubmitPreCommitBatch, SectorChainPreCommitFailed, PreCommitFailed);
        on(SubmitPreCommitBatch, SectorPreCommitLanded, WaitSeed);
        on(SubmitPreCommitBatch, SectorDealsExpired, DealsExpired);
        on(SubmitPreCommitBatch, SectorInvalidDealIDs, RecoverDealIDs);
        for (SectorState wait : new SectorState[] {PreCommitBatchWait, PreCommitWait}) {
            on(wait, SectorChainPreCommitFailed, PreCommitFailed);
            on(wait, SectorPreCommitLanded, WaitSeed);
            on(wait, SectorRetryPreCommit, PreCommitting);
        }
        on(WaitSeed, SectorSeedReady, Committing);
        on(WaitSeed, SectorChainPreCommitFailed, PreCommitFailed);
        // planCommitting's type switch
        on(Committing, SectorCommitted, SubmitCommitAggregate);
        on(Committing, SectorProofReady, CommitFinalize);
        on(Committing, SectorSeedReady, Committing); // a changed seed: the handler runs again
        on(Committing, SectorComputeProofFailed, ComputeProofFailed);
        on(Committing, SectorRemoteCommit1Failed, RemoteCommitFailed);
        on(Committing, SectorRemoteCommit2Failed, RemoteCommitFailed);
        on(Committing, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(Committing, SectorCommitFailed, CommitFailed);
        on(Committing, SectorRetryCommitWait, CommitWait);
        on(CommitFinalize, SectorFinalized, SubmitCommitAggregate);
        on(CommitFinalize, SectorFinalizedAvailable, SubmitCommitAggregate);
        on(CommitFinalize, SectorFinalizeFailed, CommitFinalizeFailed);
        on(SubmitCommit, SectorCommitSubmitted, CommitWait);
        on(SubmitCommit, SectorSubmitCommitAggregate, SubmitCommitAggregate);
        on(SubmitCommit, SectorCommitFailed, CommitFailed);
        on(SubmitCommitAggregate, SectorCommitAggregateSent, CommitAggregateWait);
        on(SubmitCommitAggregate, SectorCommitFailed, CommitFailed);
        on(SubmitCommitAggregate, SectorRetrySubmitCommit, SubmitCommit);
        for (SectorState wait : new SectorState[] {CommitWait, CommitAggregateWait}) {
            on(wait, SectorProving, FinalizeSector);
            on(wait, SectorCommitFailed, CommitFailed);
            on(wait, SectorRetrySubmitCommit, SubmitCommit);
        }
        on(FinalizeSector, SectorFinalized, Proving);
        on(FinalizeSector, SectorFinalizedAvailable, Available);
        on(FinalizeSector, SectorFinalizeFailed, FinalizeFailed);

        // snap deals
        on(SnapDealsWaitDeals, SectorAddPiece, SnapDealsAddPiece);
        on(SnapDealsWaitDeals, SectorStartPacking, SnapDealsPacking);
        on(SnapDealsWaitDeals, SectorAbortUpgrade, AbortUpgrade);
        on(SnapDealsAddPiece, SectorPieceAdded, SnapDealsWaitDeals);
        apply(SnapDealsAddPiece, SectorStartPacking);
        apply(SnapDealsAddPiece, SectorAddPiece);
        on(SnapDealsAddPiece, SectorAddPieceFailed, SnapDealsAddPieceFailed);
        on(SnapDealsAddPiece, SectorAbortUpgrade, AbortUpgrade);
        on(SnapDealsPacking, SectorPacked, UpdateReplica);
        on(SnapDealsPacking, SectorAbortUpgrade, AbortUpgrade);
        on(UpdateReplica, SectorReplicaUpdate, ProveReplicaUpdate);
        on(UpdateReplica, SectorUpdateReplicaFailed, ReplicaUpdateFailed);
        on(UpdateReplica, SectorDealsExpired, SnapDealsDealsExpired);
        on(UpdateReplica, SectorInvalidDealIDs, SnapDealsRecoverDealIDs);
        on(UpdateReplica, SectorAbortUpgrade, AbortUpgrade);
        on(ProveReplicaUpdate, SectorProveReplicaUpdate, FinalizeReplicaUpdate);
        on(ProveReplicaUpdate, SectorProveReplicaUpdateFailed, ReplicaUpdateFailed);
        on(ProveReplicaUpdate, SectorDealsExpired, SnapDealsDealsExpired);
        on(ProveReplicaUpdate, SectorInvalidDealIDs, SnapDealsRecoverDealIDs);
        on(ProveReplicaUpdate, SectorAbortUpgrade, AbortUpgrade);
        on(FinalizeReplicaUpdate, SectorFinalized, SubmitReplicaUpdate);
        on(FinalizeReplicaUpdate, SectorFinalizeFailed, FinalizeReplicaUpdateFailed);
        on(SubmitReplicaUpdate, SectorReplicaUpdateSubmitted, ReplicaUpdateWait);
        on(SubmitReplicaUpdate, SectorSubmitReplicaUpdateFailed, ReplicaUpdateFailed);
        on(SubmitReplicaUpdate, SectorDeadlineImmutable, WaitMutable);
        on(WaitMutable, SectorDeadlineMutable, SubmitReplicaUpdate);
        on(WaitMutable, SectorAbortUpgrade, AbortUpgrade);
        on(ReplicaUpdateWait, SectorReplicaUpdateLanded, UpdateActivating);
        on(ReplicaUpdateWait, SectorSubmitReplicaUpdateFailed, ReplicaUpdateFailed);
        on(ReplicaUpdateWait, SectorAbortUpgrade, AbortUpgrade);
        on(UpdateActivating, SectorUpdateActive, ReleaseSectorKey);
        on(ReleaseSectorKey, SectorKeyReleased, Proving);
        on(ReleaseSectorKey, SectorReleaseKeyFailed, ReleaseSectorKeyFailed);

        // sealing errors
        on(AddPieceFailed, SectorRetryWaitDeals, WaitDeals);
        apply(AddPieceFailed, SectorStartPacking);
        apply(AddPieceFailed, SectorAddPiece);
        on(SealPreCommit1Failed, SectorRetrySealPreCommit1, PreCommit1);
        on(SealPreCommit2Failed, SectorRetrySealPreCommit1, PreCommit1);
        on(SealPreCommit2Failed, SectorRetrySealPreCommit2, PreCommit2);
        on(PreCommitFailed, SectorRetryPreCommit, PreCommitting);
        on(PreCommitFailed, SectorRetryPreCommitWait, PreCommitWait);
        on(PreCommitFailed, SectorRetryWaitSeed, WaitSeed);
        on(PreCommitFailed, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(PreCommitFailed, SectorPreCommitLanded, WaitSeed);
        on(PreCommitFailed, SectorDealsExpired, DealsExpired);
        on(PreCommitFailed, SectorInvalidDealIDs, RecoverDealIDs);
        on(ComputeProofFailed, SectorRetryComputeProof, Committing);
        on(ComputeProofFailed, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(RemoteCommitFailed, SectorRetryComputeProof, Committing);
        on(CommitFinalizeFailed, SectorRetryFinalize, CommitFinalize);
        on(CommitFailed, SectorSealPreCommit1Failed, SealPreCommit1Failed);
        on(CommitFailed, SectorRetryWaitSeed, WaitSeed);
        on(CommitFailed, SectorRetryComputeProof, Committing);
        on(CommitFailed, SectorRetryInvalidProof, Committing);
        on(CommitFailed, SectorRetryPreCommitWait, PreCommitWait);
        on(CommitFailed, SectorChainPreCommitFailed, PreCommitFailed);
        on(CommitFailed, SectorRetryPreCommit, PreCommitting);
        on(CommitFailed, SectorRetryCommitWait, CommitWait);
        on(CommitFailed, SectorRetrySubmitCommit, SubmitCommit);
        on(CommitFailed, SectorDealsExpired, DealsExpired);
        on(CommitFailed, SectorInvalidDealIDs, RecoverDealIDs);
        on(CommitFailed, SectorTicketExpired, Removing);
        on(FinalizeFailed, SectorRetryFinalize, FinalizeSector);
        // PackingFailed, DealsExpired: planOne() with no entries (only global events)
        RETURNING.get(RecoverDealIDs).put(SectorUpdateDealIDs, RECOVER_DEAL_IDS_RETURNS);

        // snap deal errors
        on(SnapDealsAddPieceFailed, SectorRetryWaitDeals, SnapDealsWaitDeals);
        apply(SnapDealsAddPieceFailed, SectorStartPacking);
        apply(SnapDealsAddPieceFailed, SectorAddPiece);
        on(SnapDealsAddPieceFailed, SectorAbortUpgrade, AbortUpgrade);
        on(SnapDealsDealsExpired, SectorAbortUpgrade, AbortUpgrade);
        on(SnapDealsRecoverDealIDs, SectorUpdateDealIDs, SubmitReplicaUpdate);
        on(SnapDealsRecoverDealIDs, SectorAbortUpgrade, AbortUpgrade);
        on(AbortUpgrade, SectorRevertUpgradeToProving, Proving);
        on(ReplicaUpdateFailed, SectorRetrySubmitReplicaUpdateWait, ReplicaUpdateWait);
        on(ReplicaUpdateFailed, SectorRetrySubmitReplicaUpdate, SubmitReplicaUpdate);
        on(ReplicaUpdateFailed, SectorRetryReplicaUpdate, UpdateReplica);
        on(ReplicaUpdateFailed, SectorRetryProveReplicaUpdate, ProveReplicaUpdate);
        on(ReplicaUpdateFailed, SectorInvalidDealIDs, SnapDealsRecoverDealIDs);
        on(ReplicaUpdateFailed, SectorDealsExpired, SnapDealsDealsExpired);
        on(ReplicaUpdateFailed, SectorAbortUpgrade, AbortUpgrade);
        on(ReleaseSectorKeyFailed, SectorUpdateActive, ReleaseSectorKey);
        on(FinalizeReplicaUpdateFailed, SectorRetryFinalize, FinalizeReplicaUpdate);

        // post-seal
        on(Proving, SectorFaultReported, FaultReported);
        on(Proving, SectorFaulty, Faulty);
        on(Proving, SectorMarkForUpdate, Available);
        on(Available, SectorStartCCUpdate, SnapDealsWaitDeals);
        on(Available, SectorAbortUpgrade, Proving);
        on(Terminating, SectorTerminating, TerminateWait);
        on(Terminating, SectorTerminateFailed, TerminateFailed);
        on(TerminateWait, SectorTerminated, TerminateFinality);
        on(TerminateWait, SectorTerminateFailed, TerminateFailed);
        on(TerminateFinality, SectorTerminateFailed, TerminateFailed);
        // TerminateFailed, RemoveFailed: planOne() with no entries
        on(Removing, SectorRemoved, Removed);
        on(Removing, SectorRemoveFailed, RemoveFailed);
        on(Faulty, SectorFaultReported, FaultReported);

        // no simulator event moves a sector: faults live on chain (SectorEvent / SectorTransitions)
    }

    private LotusFsmModel() {
    }

    private static void on(SectorState from, SectorEvent event, SectorState to) {
        if (ON.get(from).put(event, to) != null) {
            throw new IllegalStateException("model has two moves for " + from + "/" + event);
        }
    }

    private static void apply(SectorState from, SectorEvent event) {
        APPLY.get(from).add(event);
    }

    static Planner planner(SectorState s) {
        return PLANNER.get(s);
    }

    /** Lotus's global events ({@code globalMutator}), written out. */
    static boolean isGlobal(SectorEvent e) {
        return e == SectorRestart || e == SectorFatalError || e == SectorForceState || e == SectorRemove
                || e == SectorTerminate;
    }

    /** The only Lotus type implementing {@code Ignorable}. */
    static boolean isIgnorable(SectorEvent e) {
        return e == SectorStartPacking;
    }

    /** What Lotus (plus the simulator additions) does with {@code event} in {@code from}. */
    static Expected expected(SectorState from, SectorEvent event, SectorState target) {
        Planner planner = PLANNER.get(from);
        if (event == SectorExpired || event == SectorFaultDetected || event == SectorFaultRecovered
                || event == SectorFaultedFinal) {
            // simulator records of what the chain did to a sector it holds, removed ones included
            return unchanged(Transition.Outcome.ABSORBED, from);
        }
        if (planner == Planner.FINAL_REMOVED) {
            return unchanged(Transition.Outcome.IGNORED, from);
        }
        if (isGlobal(event)) {
            switch (event) {
                case SectorRestart:
                    return unchanged(Transition.Outcome.IGNORED, from); // applyGlobal returns false
                case SectorFatalError:
                    return unchanged(Transition.Outcome.ABSORBED, from); // logs, returns true
                case SectorForceState:
                    return new Expected(Transition.Outcome.MOVED, target, null);
                case SectorRemove:
                    return new Expected(Transition.Outcome.MOVED, Removing, null);
                case SectorTerminate:
                    return new Expected(Transition.Outcome.MOVED, Terminating, null);
                default:
                    throw new AssertionError(event);
            }
        }
        if (event == SectorExtended) {
            // simulator records of what the chain did to the sector: accepted in any state, state unchanged
            return unchanged(Transition.Outcome.ABSORBED, from);
        }
        SectorState simulated = SIMULATOR.get(from).get(event);
        if (simulated != null) {
            return new Expected(Transition.Outcome.MOVED, simulated, null);
        }
        if (planner == Planner.FINAL) {
            return rejected(from, "didn't expect any events in state " + from + ", got ");
        }
        SectorState to = ON.get(from).get(event);
        if (to != null) {
            return new Expected(Transition.Outcome.MOVED, to, null);
        }
        if (APPLY.get(from).contains(event)) {
            return unchanged(Transition.Outcome.ABSORBED, from);
        }
        Set<SectorState> returns = RETURNING.get(from).get(event);
        if (returns != null) {
            return target != null && returns.contains(target)
                    ? new Expected(Transition.Outcome.MOVED, target, null)
                    : rejected(from, "return state not set");
        }
        switch (planner) {
            case PLAN_COMMITTING:
                return rejected(from, "planCommitting got event of unknown type sealing." + event.name() + ", events: ");
            case PLAN_ONE_OR_IGNORE:
                return unchanged(Transition.Outcome.IGNORED, from);
            case PLAN_ONE:
                return isIgnorable(event)
                        ? unchanged(Transition.Outcome.IGNORED, from)
                        : rejected(from, "planner for state " + from + " received unexpected event sealing."
                                + event.name() + " (");
            default:
                throw new AssertionError(planner);
        }
    }

    /** The states a non-forced event can move {@code from} to, under this model. */
    static Set<SectorState> successors(SectorState from) {
        Set<SectorState> out = EnumSet.noneOf(SectorState.class);
        for (SectorEvent e : SectorEvent.values()) {
            if (e == SectorForceState) {
                continue;
            }
            for (SectorState target : SectorState.values()) {
                Expected x = expected(from, e, target);
                if (x.outcome() == Transition.Outcome.MOVED) {
                    out.add(x.to());
                }
            }
        }
        return out;
    }

    private static Expected unchanged(Transition.Outcome outcome, SectorState from) {
        return new Expected(outcome, from, null);
    }

    private static Expected rejected(SectorState from, String cause) {
        return new Expected(Transition.Outcome.REJECTED, from, "running planner for state " + from + " failed: " + cause);
    }
}
