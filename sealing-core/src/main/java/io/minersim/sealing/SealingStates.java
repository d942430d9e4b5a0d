package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;
import static io.minersim.sealing.StateHandler.of;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * The handlers of the sealing states (Lotus's {@code states_sealing.go}, with {@code input.go}'s wait
 * for deals and {@code receive.go}'s import): from an empty sector through packing, PreCommit1/2, the
 * pre-commit batch, the seed, the proof and the commit aggregate to a finalized sector.
 */
final class SealingStates {

    private SealingStates() {
    }

    static void register(StateHandlers.Registry r) {
        r.add(of(SectorState.Empty).acceptingDeals().onEnter(SealingStates::waitDeals).onDone(SealingStates::dealWaitOver));
        r.add(of(SectorState.WaitDeals).acceptingDeals().onEnter(SealingStates::waitDeals)
                .onDone(SealingStates::dealWaitOver));
        r.add(of(SectorState.AddPiece).acceptingDeals().failsWith(SectorEvent.SectorAddPieceFailed)
                .onEnter((p, s) -> p.task(s, p.stages().addPiece()))
                .onDone(PieceInput::addPieceDone));
        r.add(of(SectorState.Packing)
                .onEnter((p, s) -> p.task(s, p.stages().packing()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorPacked, s.pieces.size())));
        r.add(of(SectorState.GetTicket)
                .onEnter((p, s) -> p.stage(p.stages().getTicket()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorTicket,
                        Math.max(0, p.head - p.policy.sealRandomnessLookback()))));
        r.add(of(SectorState.PreCommit1).failsWith(SectorEvent.SectorSealPreCommit1Failed)
                .onEnter((p, s) -> p.task(s, p.stages().preCommit1()))
                .onDone(SealingStates::preCommit1Done));
        r.add(of(SectorState.PreCommit2).failsWith(SectorEvent.SectorSealPreCommit2Failed)
                .onEnter((p, s) -> p.task(s, p.stages().preCommit2()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorPreCommit2)));
        r.add(of(SectorState.PreCommitting).failsWith(SectorEvent.SectorChainPreCommitFailed)
                .onEnter((p, s) -> s.preCommitEpoch != NONE
                        ? Step.send(SectorEvent.SectorPreCommitLanded, s.preCommitEpoch)
                        : Step.send(SectorEvent.SectorPreCommitBatch)));
        r.add(of(SectorState.SubmitPreCommitBatch).failsWith(SectorEvent.SectorChainPreCommitFailed)
                .onEnter(SealingStates::submitPreCommitBatch));
        r.add(of(SectorState.PreCommitBatchWait).failsWith(SectorEvent.SectorChainPreCommitFailed).awaitingMessage()
                .onEnter(SealingStates::preCommitWait));
        r.add(of(SectorState.PreCommitWait).failsWith(SectorEvent.SectorChainPreCommitFailed).awaitingMessage()
                .onEnter(SealingStates::preCommitWait));
        r.add(of(SectorState.WaitSeed).failsWith(SectorEvent.SectorChainPreCommitFailed)
                .onEnter((p, s) -> s.preCommitEpoch == NONE
                        ? Step.fail(SectorEvent.SectorChainPreCommitFailed, "precommit not found on chain")
                        : new Step.At(s.preCommitEpoch + p.policy.preCommitChallengeDelay()
                                + p.policy.interactivePoRepConfidence()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorSeedReady,
                        s.preCommitEpoch + p.policy.preCommitChallengeDelay())));
        r.add(of(SectorState.Committing).failsWith(SectorEvent.SectorComputeProofFailed)
                .onEnter((p, s) -> p.task(s, p.stages().committing()))
                .onDone((p, s) -> s.seedEpoch == NONE
                        ? Step.fail(SectorEvent.SectorCommitFailed, "no interactive seed to prove with")
                        : Step.send(SectorEvent.SectorCommitted)));
        r.add(of(SectorState.CommitFinalize).failsWith(SectorEvent.SectorFinalizeFailed)
                .onEnter((p, s) -> p.task(s, p.stages().finalizeSector()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorFinalized)));
        r.add(of(SectorState.SubmitCommit).failsWith(SectorEvent.SectorCommitFailed)
                .onEnter((p, s) -> Step.send(SectorEvent.SectorSubmitCommitAggregate)));
        r.add(of(SectorState.SubmitCommitAggregate).failsWith(SectorEvent.SectorCommitFailed)
                .onEnter(SealingStates::submitCommitAggregate));
        r.add(of(SectorState.CommitAggregateWait).failsWith(SectorEvent.SectorCommitFailed).awaitingMessage()
                .onEnter(SealingStates::commitWait));
        r.add(of(SectorState.CommitWait).failsWith(SectorEvent.SectorCommitFailed).awaitingMessage()
                .onEnter(SealingStates::commitWait));
        r.add(of(SectorState.FinalizeSector).failsWith(SectorEvent.SectorFinalizeFailed)
                .onEnter((p, s) -> p.task(s, p.stages().finalizeSector()))
                .onDone((p, s) -> Step.send(s.committedCapacity && p.sealing.makeCCSectorsAvailable()
                        ? SectorEvent.SectorFinalizedAvailable : SectorEvent.SectorFinalized)));
        r.add(of(SectorState.ReceiveSector)
                .onEnter((p, s) -> p.task(s, 1))
                .onDone((p, s) -> new Step.Send(SectorEvent.SectorReceived, 0, null, s.returnState())));
    }

    /** Empty, WaitDeals and SnapDealsWaitDeals: add what was assigned, pack when full, else wait for more. */
    static Step waitDeals(Pipeline p, Sector s) {
        if (!s.assigned.isEmpty()) {
            return Step.send(SectorEvent.SectorAddPiece);
        }
        if (!s.pieces.isEmpty() && (s.usedBytes() >= p.sectorSize
                || s.dealCount() >= p.config.sectorSize().maxDealsPerSector())) {
            return Step.send(SectorEvent.SectorStartPacking);
        }
        return new Step.At(p.input.packingEpoch(s));
    }

    /** The wait for deals timed out, or was moved later by a new seal delay. */
    static Step dealWaitOver(Pipeline p, Sector s) {
        long packing = p.input.packingEpoch(s);
        return packing <= p.head ? Step.send(SectorEvent.SectorStartPacking) : new Step.At(packing);
    }

    private static Step preCommit1Done(Pipeline p, Sector s) {
        if (p.head - s.ticketEpoch > p.policy.maxPreCommitRandomnessLookback()) {
            return Step.send(SectorEvent.SectorOldTicket);
        } else if (s.earliestDealStart() <= p.head) {
            return Step.fail(SectorEvent.SectorDealsExpired, "sector deals expired: a deal start epoch "
                    + s.earliestDealStart() + " has passed (current epoch " + p.head + ")");
        } else if (p.chain.expiredDealOf(s) != 0) {
            return Step.fail(SectorEvent.SectorDealsExpired, p.chain.dealsExpiredError(s));
        }
        return Step.send(SectorEvent.SectorPreCommit1);
    }

    private static Step submitPreCommitBatch(Pipeline p, Sector s) {
        if (s.injectedError() != null) {
            return Step.fail(SectorEvent.SectorChainPreCommitFailed, s.injectedError());
        }
        if (p.chain.expiredDealOf(s) != 0) {
            return Step.fail(SectorEvent.SectorDealsExpired, p.chain.dealsExpiredError(s));
        }
        s.expiration = p.chain.preCommitExpiration(s);
        long cutoff = Math.min(s.ticketEpoch + p.policy.maxPreCommitRandomnessLookback(), s.earliestDealStart());
        if (cutoff <= p.head) {
            return Step.fail(SectorEvent.SectorChainPreCommitFailed,
                    "queuing precommit batch failed: cutoff has already passed");
        }
        p.batching.addPreCommit(s, cutoff);
        return Step.WAIT;
    }

    private static Step preCommitWait(Pipeline p, Sector s) {
        return p.landing.await(s, s.preCommitMessage, s.preCommitEpoch != NONE, SectorEvent.SectorPreCommitLanded,
                s.preCommitEpoch, SectorEvent.SectorChainPreCommitFailed, "precommit message not found");
    }

    private static Step submitCommitAggregate(Pipeline p, Sector s) {
        if (s.injectedError() != null) {
            return Step.fail(SectorEvent.SectorCommitFailed, s.injectedError());
        }
        if (p.chain.expiredDealOf(s) != 0) {
            return Step.fail(SectorEvent.SectorCommitFailed, p.chain.dealsExpiredError(s));
        }
        long cutoff = Math.min(s.preCommitEpoch + p.policy.maxProveCommitDuration(), s.earliestDealStart());
        p.batching.addCommit(s, cutoff);
        return Step.WAIT;
    }

    private static Step commitWait(Pipeline p, Sector s) {
        return p.landing.await(s, s.commitMessage, s.onChain(), SectorEvent.SectorProving, s.activation,
                SectorEvent.SectorCommitFailed, "commit message not found");
    }
}
