package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/** Which error event ends the work of each state when that work fails (Lotus's failure paths). */
final class FailurePaths {
    private FailurePaths() {
    }

    /**
     * The event a failure in {@code state} sends, or {@code null} where a state does no work that fails.
     * GetTicket has none: Lotus sends SealPreCommit1Failed from it, but its planner rejects the event
     * and the sector stays put, which is no failure path to inject into.
     */
    static SectorEvent failureEvent(SectorState state) {
        return switch (state) {
            case AddPiece, SnapDealsAddPiece -> SectorEvent.SectorAddPieceFailed;
            case PreCommit1 -> SectorEvent.SectorSealPreCommit1Failed;
            case PreCommit2 -> SectorEvent.SectorSealPreCommit2Failed;
            case SubmitPreCommitBatch, PreCommitBatchWait, PreCommitWait, PreCommitting, WaitSeed ->
                    SectorEvent.SectorChainPreCommitFailed;
            case Committing -> SectorEvent.SectorComputeProofFailed;
            case CommitFinalize, FinalizeSector, FinalizeReplicaUpdate -> SectorEvent.SectorFinalizeFailed;
            case SubmitCommit, SubmitCommitAggregate, CommitAggregateWait, CommitWait -> SectorEvent.SectorCommitFailed;
            case UpdateReplica -> SectorEvent.SectorUpdateReplicaFailed;
            case ProveReplicaUpdate -> SectorEvent.SectorProveReplicaUpdateFailed;
            case SubmitReplicaUpdate, ReplicaUpdateWait -> SectorEvent.SectorSubmitReplicaUpdateFailed;
            case ReleaseSectorKey -> SectorEvent.SectorReleaseKeyFailed;
            case Terminating, TerminateWait, TerminateFinality -> SectorEvent.SectorTerminateFailed;
            case Removing -> SectorEvent.SectorRemoveFailed;
            case Empty, WaitDeals, Packing, GetTicket, Proving, Available, SnapDealsWaitDeals, SnapDealsPacking,
                    WaitMutable,
                    UpdateActivating, FailedUnrecoverable, AddPieceFailed, SealPreCommit1Failed,
                    SealPreCommit2Failed, PreCommitFailed, ComputeProofFailed, RemoteCommitFailed, CommitFailed,
                    CommitFinalizeFailed, PackingFailed, FinalizeFailed, DealsExpired, RecoverDealIDs,
                    SnapDealsAddPieceFailed, SnapDealsDealsExpired, SnapDealsRecoverDealIDs, AbortUpgrade,
                    ReplicaUpdateFailed, ReleaseSectorKeyFailed, FinalizeReplicaUpdateFailed, Faulty,
                    FaultReported, FaultedFinal, TerminateFailed, RemoveFailed, Removed, ReceiveSector -> null;
        };
    }
}
