package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;
import static io.minersim.sealing.StateHandler.of;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;

/**
 * The handlers of the snap-deal (replica update) states (Lotus's {@code states_replica_update.go}),
 * and {@code SectorMarkForUpgrade}'s checks ({@code upgrade_queue.go}) that lead a proving CC sector
 * into them.
 */
final class ReplicaUpdateStates {

    private ReplicaUpdateStates() {
    }

    static void register(StateHandlers.Registry r) {
        r.add(of(SectorState.SnapDealsWaitDeals).acceptingDeals().onEnter(SealingStates::waitDeals)
                .onDone(SealingStates::dealWaitOver));
        r.add(of(SectorState.SnapDealsAddPiece).acceptingDeals().failsWith(SectorEvent.SectorAddPieceFailed)
                .onEnter((p, s) -> p.task(s, p.stages().addPiece()))
                .onDone(PieceInput::addPieceDone));
        r.add(of(SectorState.SnapDealsPacking)
                .onEnter((p, s) -> s.pieces.stream().allMatch(Piece::isFiller)
                        ? Step.send(SectorEvent.SectorAbortUpgrade) : p.task(s, p.stages().packing()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorPacked, s.pieces.size())));
        r.add(of(SectorState.UpdateReplica).failsWith(SectorEvent.SectorUpdateReplicaFailed)
                .onEnter((p, s) -> p.task(s, p.stages().replicaUpdate()))
                .onDone((p, s) -> p.chain.expiredDealOf(s) != 0
                        ? Step.fail(SectorEvent.SectorDealsExpired, p.chain.dealsExpiredError(s))
                        : Step.send(SectorEvent.SectorReplicaUpdate)));
        r.add(of(SectorState.ProveReplicaUpdate).failsWith(SectorEvent.SectorProveReplicaUpdateFailed)
                .onEnter((p, s) -> p.task(s, p.stages().proveReplicaUpdate()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorProveReplicaUpdate)));
        r.add(of(SectorState.SubmitReplicaUpdate).failsWith(SectorEvent.SectorSubmitReplicaUpdateFailed)
                .onEnter(ReplicaUpdateStates::submitReplicaUpdate));
        r.add(of(SectorState.WaitMutable)
                .onEnter((p, s) -> p.stage(1))
                .onDone((p, s) -> Step.send(SectorEvent.SectorDeadlineMutable)));
        r.add(of(SectorState.ReplicaUpdateWait).failsWith(SectorEvent.SectorSubmitReplicaUpdateFailed)
                .awaitingMessage()
                .onEnter((p, s) -> p.landing.await(s, s.replicaUpdateMessage(), false,
                        SectorEvent.SectorReplicaUpdateLanded, 0, SectorEvent.SectorSubmitReplicaUpdateFailed,
                        "replica update message not found")));
        r.add(of(SectorState.FinalizeReplicaUpdate).failsWith(SectorEvent.SectorFinalizeFailed)
                .onEnter((p, s) -> p.task(s, p.stages().finalizeReplicaUpdate()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorFinalized)));
        r.add(of(SectorState.UpdateActivating)
                .onEnter((p, s) -> s.replicaUpdateMessage() < 0 ? p.stage(p.policy.chainFinality())
                        : new Step.At(p.messages.get(s.replicaUpdateMessage()).inclusionEpoch()
                                + p.policy.chainFinality()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorUpdateActive)));
        r.add(of(SectorState.ReleaseSectorKey).failsWith(SectorEvent.SectorReleaseKeyFailed)
                .onEnter((p, s) -> p.stage(p.stages().releaseSectorKey()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorKeyReleased)));
        r.add(of(SectorState.AbortUpgrade)
                .onEnter((p, s) -> p.stage(0))
                .onDone((p, s) -> Step.send(SectorEvent.SectorRevertUpgradeToProving)));
    }

    private static Step submitReplicaUpdate(Pipeline p, Sector s) {
        if (s.injectedError() != null) {
            return Step.fail(SectorEvent.SectorSubmitReplicaUpdateFailed, s.injectedError());
        }
        Message m = p.messages.send(Method.PROVE_REPLICA_UPDATES3, p.head, new long[] {s.number});
        p.landing.schedule(m);
        return Step.send(SectorEvent.SectorReplicaUpdateSubmitted, m.index());
    }

    /**
     * {@code SectorMarkForUpgrade}'s checks, with Lotus's messages, then the move: a proving CC sector
     * becomes {@code Available} for snap deals.
     */
    static void markForUpgrade(Pipeline p, long number, boolean snap) {
        if (!snap) {
            throw new SealingException("non-snap upgrades are not supported");
        }
        Sector s = p.sector(number);
        if (s.state != SectorState.Proving) {
            throw new SectorStateException(number, s.state, "unable to snap-up sectors not in the 'Proving' state");
        }
        if (s.pieces.stream().anyMatch(piece -> !piece.isFiller())) {
            throw new SectorStateException(number, s.state, "not a committed-capacity sector, has deals");
        }
        if (!s.live() || s.faultEpoch() != NONE) {
            throw new SectorStateException(number, s.state, "cannot mark inactive sector for upgrade");
        }
        if (s.expiration - p.head < p.policy.dealMinDuration()) {
            throw new SectorStateException(number, s.state, "pointless to upgrade sector " + number
                    + ", expiration " + s.expiration + " is less than a min deal duration away from current epoch."
                    + "Upgrade expiration before marking for upgrade");
        }
        p.planner.deliver(s, SectorEvent.SectorMarkForUpdate);
    }
}
