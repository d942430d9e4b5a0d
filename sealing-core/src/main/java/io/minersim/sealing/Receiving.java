package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.piece.Piece;
import java.util.List;

/**
 * {@code SectorReceive} (Lotus's {@code receive.go}): a sector sealed elsewhere is imported with the
 * past its target state implies and passes through {@code ReceiveSector}.
 */
final class Receiving {

    private Receiving() {
    }

    /** See {@link Miner#receive}. */
    static void receive(Pipeline p, long number, SectorState target, List<Piece> pieces) {
        if (!SectorTransitions.successors(SectorState.ReceiveSector).contains(target)
                || target == SectorState.Removing || target == SectorState.Terminating) {
            throw new InvalidInputException("State", "cannot receive a sector into state " + target
                    + "; allowed: Packing, GetTicket, PreCommitting, SubmitCommit, Proving, Available");
        }
        if (p.sectors.get(number) != null || p.numbers.meta().inUse().contains(number)) {
            throw new InvalidInputException("Sector", "sector " + number + " state already exists");
        }
        long size = 0;
        for (Piece piece : pieces) {
            size += piece.paddedSize();
        }
        if (!pieces.isEmpty() && size != p.sectorSize) {
            throw new InvalidInputException("Pieces", "received pieces fill " + size + " of the sector's "
                    + p.sectorSize + " bytes");
        }
        p.numbers.markAllocated(number);
        long head = p.head;
        Sector s = new Sector(number, head, pieces.stream().allMatch(Piece::isFiller));
        s.pieces = pieces.isEmpty() ? List.of() : List.copyOf(pieces);
        s.setReturnState(target);
        boolean sealed = target != SectorState.Packing && target != SectorState.GetTicket;
        if (sealed) {
            s.ticketEpoch = Math.max(0, head - p.policy.sealRandomnessLookback());
            s.commD = s.pieces.isEmpty() || s.pieces.equals(p.ccPieces) ? p.zeroCommD : p.input.computeCommD(s.pieces);
            s.sealed = true;
            s.expiration = p.chain.preCommitExpiration(s);
        }
        if (target == SectorState.SubmitCommit || target == SectorState.Proving || target == SectorState.Available) {
            s.preCommitEpoch = Math.max(0, head - p.policy.preCommitChallengeDelay());
            s.seedEpoch = s.preCommitEpoch + p.policy.preCommitChallengeDelay();
            s.proven = true;
        }
        if (target == SectorState.Proving || target == SectorState.Available) {
            p.chain.activate(s, head);
        }
        s.state = SectorTransitions.initial(SectorEvent.SectorReceive);
        s.log().append(SectorEvent.SectorReceive.ordinal(), head, 0, null);
        p.sectors.add(s);
        p.history.record(head, s.number, null, s.state, SectorEvent.SectorReceive, 0, 0, 0);
        p.planner.enter(s);
    }
}
