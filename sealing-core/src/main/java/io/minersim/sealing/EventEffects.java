package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.List;

/**
 * What each event writes into the sector record before the move (Lotus's {@code fsm_events.go},
 * each event's {@code apply}): the one place a sector's fields change by an event.
 */
final class EventEffects {

    private EventEffects() {
    }

    static void apply(Pipeline p, Sector s, SectorEvent event, long arg, SectorState from, String error) {
        if (event.isError()) {
            s.setLastErr(error == null ? "" : error);
        }
        switch (event) {
            case SectorPieceAdded -> {
                // arg: how many of the assigned pieces were written (0: all of them)
                int written = arg == 0 ? s.assigned.size() : (int) arg;
                List<Piece> all = new ArrayList<>(s.pieces);
                all.addAll(s.assigned.subList(0, written));
                s.pieces = List.copyOf(all);
                s.assigned = List.copyOf(s.assigned.subList(written, s.assigned.size()));
            }
            // arg: how many assigned pieces the failed round drops (a piece whose data did not match, and its
            // alignment zeros); an injected failure drops none, and they are added again
            case SectorAddPieceFailed -> s.assigned = List.copyOf(s.assigned.subList((int) arg, s.assigned.size()));
            case SectorPacked -> s.pieces = p.input.withFillers(s.pieces);
            case SectorTicket -> s.ticketEpoch = arg;
            case SectorPreCommit2 -> {
                s.commD = s.committedCapacity && s.pieces.equals(p.ccPieces) ? p.zeroCommD
                        : p.input.computeCommD(s.pieces);
                s.sealed = true;
            }
            case SectorPreCommitBatchSent -> s.preCommitMessage = (int) arg;
            case SectorPreCommitLanded -> s.preCommitEpoch = arg;
            case SectorSeedReady -> s.seedEpoch = arg;
            case SectorCommitted -> s.proven = true;
            case SectorCommitAggregateSent -> s.commitMessage = (int) arg;
            case SectorProving -> p.chain.activate(s, arg);
            case SectorSealPreCommit1Failed -> {
                s.setPreCommit1Fails(s.preCommit1Fails() + 1);
                s.setPreCommit2Fails(0);
                s.setInvalidProofs(0);
            }
            case SectorSealPreCommit2Failed -> s.setPreCommit2Fails(s.preCommit2Fails() + 1);
            case SectorRetryComputeProof, SectorRetryInvalidProof -> s.setInvalidProofs(s.invalidProofs() + 1);
            case SectorInvalidDealIDs -> s.setReturnState(from);
            case SectorUpdateDealIDs, SectorReceived -> s.setReturnState(null);
            case SectorFaultDetected -> s.setFaultEpoch(s.faultEpoch() == NONE ? p.head : s.faultEpoch());
            case SectorFaultRecovered -> s.setFaultEpoch(NONE);
            case SectorFaultedFinal -> s.setTerminatedEpoch(p.head);
            case SectorTerminating -> s.setTerminateMessage((int) arg);
            case SectorTerminated -> {
                if (s.terminatedEpoch() == NONE && s.expiredEpoch() == NONE && s.onChain()) {
                    p.wdpost.terminated(s);
                }
                s.setTerminatedEpoch(s.terminatedEpoch() == NONE ? arg : s.terminatedEpoch());
            }
            case SectorStartCCUpdate -> {
                s.setCcPieces(s.pieces);
                s.pieces = List.of();
            }
            case SectorReplicaUpdate -> {
                s.commD = p.input.computeCommD(s.pieces);
                s.setReplicaUpdateFails(0);
            }
            case SectorReplicaUpdateSubmitted -> s.setReplicaUpdateMessage((int) arg);
            case SectorReplicaUpdateLanded -> p.chain.updateWeights(s, s.replicaUpdateMessage() < 0 ? p.head
                    : p.messages.get(s.replicaUpdateMessage()).inclusionEpoch());
            case SectorRevertUpgradeToProving -> {
                if (s.ccPieces() != null) {
                    s.pieces = s.ccPieces();
                    s.commD = p.zeroCommD;
                }
                s.setCcPieces(null);
                s.assigned = List.of();
                s.setReplicaUpdateMessage(-1);
            }
            case SectorKeyReleased -> s.setCcPieces(null);
            case SectorExtended -> {
                s.expiration = arg;
                p.wdpost.extended(s);
            }
            case SectorExpired -> s.setExpiredEpoch(arg);
            default -> {
                // the event carries nothing the sector keeps
            }
        }
    }
}
