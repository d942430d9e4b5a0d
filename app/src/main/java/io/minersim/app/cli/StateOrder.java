package io.minersim.app.cli;

import io.minersim.sealing.fsm.SectorState;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order lotus-miner lists sector states in ({@code lotus-miner info}'s summary): proving first, then
 * the deal-taking states, sealing, termination and removal, and failures last. States it does not list
 * follow, in {@link SectorState}'s order.
 */
final class StateOrder {
    private static final List<SectorState> ORDER = List.of(
            SectorState.Proving, SectorState.UpdateActivating,
            SectorState.Empty, SectorState.WaitDeals, SectorState.AddPiece, SectorState.SnapDealsWaitDeals,
            SectorState.SnapDealsAddPiece,
            SectorState.Packing, SectorState.GetTicket, SectorState.PreCommit1, SectorState.PreCommit2,
            SectorState.PreCommitting, SectorState.PreCommitWait, SectorState.SubmitPreCommitBatch,
            SectorState.PreCommitBatchWait, SectorState.WaitSeed, SectorState.Committing,
            SectorState.CommitFinalize, SectorState.SubmitCommit, SectorState.CommitWait,
            SectorState.SubmitCommitAggregate, SectorState.CommitAggregateWait, SectorState.FinalizeSector,
            SectorState.SnapDealsPacking, SectorState.UpdateReplica, SectorState.ProveReplicaUpdate,
            SectorState.SubmitReplicaUpdate, SectorState.ReplicaUpdateWait, SectorState.FinalizeReplicaUpdate,
            SectorState.ReleaseSectorKey,
            SectorState.Terminating, SectorState.TerminateWait, SectorState.TerminateFinality,
            SectorState.TerminateFailed, SectorState.Removing, SectorState.Removed, SectorState.AbortUpgrade,
            SectorState.FailedUnrecoverable, SectorState.AddPieceFailed, SectorState.SealPreCommit1Failed,
            SectorState.SealPreCommit2Failed, SectorState.PreCommitFailed, SectorState.ComputeProofFailed,
            SectorState.CommitFailed, SectorState.CommitFinalizeFailed, SectorState.PackingFailed,
            SectorState.FinalizeFailed, SectorState.Faulty, SectorState.FaultReported, SectorState.FaultedFinal,
            SectorState.RemoveFailed, SectorState.DealsExpired, SectorState.RecoverDealIDs,
            SectorState.SnapDealsAddPieceFailed, SectorState.SnapDealsDealsExpired,
            SectorState.ReplicaUpdateFailed, SectorState.ReleaseSectorKeyFailed);
    private static final Map<SectorState, Integer> RANK = new EnumMap<>(SectorState.class);

    static {
        for (SectorState s : SectorState.values()) {
            int i = ORDER.indexOf(s);
            RANK.put(s, i >= 0 ? i : ORDER.size() + s.ordinal());
        }
    }

    private StateOrder() {
    }

    /** Orders state names: Lotus's known states by its order, then unknown names alphabetically. */
    static final Comparator<String> BY_NAME = Comparator
            .comparingInt((String name) -> SectorState.byName(name).map(RANK::get).orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());
}
