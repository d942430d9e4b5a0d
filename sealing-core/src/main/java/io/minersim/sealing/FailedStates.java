package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;
import static io.minersim.sealing.StateHandler.of;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * The handlers of the failed states and their retries (Lotus's {@code states_failed.go}): each
 * failed state waits out {@code MinRetryTime}, then retries the step that failed, or gives up as
 * Lotus does after repeated failures; a failed AddPiece goes back to waiting for deals at once, as
 * Lotus's {@code handleAddPieceFailed} does. Also the dead ends a deal problem leads to.
 */
final class FailedStates {

    private FailedStates() {
    }

    static void register(StateHandlers.Registry r) {
        r.add(of(SectorState.FailedUnrecoverable));
        // handleAddPieceFailed: back to waiting for deals at once, no cooldown
        r.add(of(SectorState.AddPieceFailed).onEnter((p, s) -> Step.send(SectorEvent.SectorRetryWaitDeals)));
        r.add(of(SectorState.SealPreCommit1Failed)
                .onEnter((p, s) -> s.preCommit1Fails() > 3 ? Step.send(SectorEvent.SectorRemove) : p.cooldown())
                .onDone((p, s) -> Step.send(SectorEvent.SectorRetrySealPreCommit1)));
        r.add(retrying(SectorState.SealPreCommit2Failed, (p, s) -> Step.send(s.preCommit2Fails() > 3
                ? SectorEvent.SectorRetrySealPreCommit1 : SectorEvent.SectorRetrySealPreCommit2)));
        r.add(retrying(SectorState.PreCommitFailed, FailedStates::retryPreCommit));
        r.add(retrying(SectorState.ComputeProofFailed, (p, s) -> s.invalidProofs() > 1
                ? Step.fail(SectorEvent.SectorSealPreCommit1Failed, "consecutive compute fails")
                : Step.send(SectorEvent.SectorRetryComputeProof)));
        r.add(retrying(SectorState.RemoteCommitFailed, (p, s) -> Step.send(SectorEvent.SectorRetryComputeProof)));
        r.add(retrying(SectorState.CommitFailed, FailedStates::retryCommit));
        r.add(retrying(SectorState.CommitFinalizeFailed, (p, s) -> Step.send(SectorEvent.SectorRetryFinalize)));
        r.add(of(SectorState.PackingFailed).onEnter((p, s) -> Step.send(SectorEvent.SectorRemove)));
        r.add(retrying(SectorState.FinalizeFailed, (p, s) -> Step.send(SectorEvent.SectorRetryFinalize)));
        r.add(of(SectorState.DealsExpired).onEnter((p, s) -> Step.send(SectorEvent.SectorRemove)));
        r.add(of(SectorState.RecoverDealIDs).onEnter((p, s) ->
                new Step.Send(SectorEvent.SectorUpdateDealIDs, 0, null, s.returnState())));

        r.add(of(SectorState.SnapDealsAddPieceFailed)
                .onEnter((p, s) -> Step.send(SectorEvent.SectorRetryWaitDeals)));
        r.add(of(SectorState.SnapDealsDealsExpired).onEnter((p, s) -> Step.send(SectorEvent.SectorAbortUpgrade)));
        r.add(of(SectorState.SnapDealsRecoverDealIDs).onEnter((p, s) -> Step.send(SectorEvent.SectorUpdateDealIDs)));
        r.add(retrying(SectorState.ReplicaUpdateFailed, (p, s) -> {
            s.setReplicaUpdateFails(s.replicaUpdateFails() + 1);
            return Step.send(s.replicaUpdateFails() > 3 ? SectorEvent.SectorAbortUpgrade
                    : SectorEvent.SectorRetryReplicaUpdate);
        }));
        r.add(retrying(SectorState.ReleaseSectorKeyFailed, (p, s) -> Step.send(SectorEvent.SectorUpdateActive)));
        r.add(retrying(SectorState.FinalizeReplicaUpdateFailed,
                (p, s) -> Step.send(SectorEvent.SectorRetryFinalize)));

        r.add(of(SectorState.TerminateFailed)
                .onEnter((p, s) -> s.preCommitEpoch != NONE && !s.onChain() ? Step.WAIT : p.cooldown())
                .onDone((p, s) -> Step.send(SectorEvent.SectorTerminate)));
        r.add(retrying(SectorState.RemoveFailed, (p, s) -> Step.send(SectorEvent.SectorRemove)));
    }

    /** A failed state that cools down for {@code MinRetryTime}, then sends its retry. */
    private static StateHandler retrying(SectorState state, StateHandler.Action retry) {
        return of(state).onEnter((p, s) -> p.cooldown()).onDone(retry);
    }

    private static Step retryPreCommit(Pipeline p, Sector s) {
        if (p.chain.expiredDealOf(s) != 0) {
            return Step.fail(SectorEvent.SectorDealsExpired, p.chain.dealsExpiredError(s));
        } else if (s.preCommitEpoch != NONE) {
            return Step.send(SectorEvent.SectorRetryWaitSeed);
        } else if (s.preCommitMessage != -1) {
            return Step.send(SectorEvent.SectorRetryPreCommitWait);
        }
        return Step.send(SectorEvent.SectorRetryPreCommit);
    }

    private static Step retryCommit(Pipeline p, Sector s) {
        if (!s.onChain() && p.chain.expiredDealOf(s) != 0) {
            return Step.fail(SectorEvent.SectorDealsExpired, p.chain.dealsExpiredError(s));
        } else if (s.onChain()) {
            return Step.send(SectorEvent.SectorRetryCommitWait);
        } else if (s.preCommitEpoch == NONE) {
            return Step.send(SectorEvent.SectorRetryPreCommit);
        } else if (s.commitMessage != -1) {
            return Step.send(SectorEvent.SectorRetryCommitWait);
        }
        return Step.send(SectorEvent.SectorRetryComputeProof);
    }
}
