package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitment;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Deal pieces coming in (Lotus's {@code input.go}): the add-piece checks, the queue of pieces waiting
 * for a sector, matching them to open sectors, available CC sectors (a snap deal) or new ones, the
 * zero pieces that align and fill, CommD, and when a sector waiting for deals starts packing.
 */
final class PieceInput {

    /** A piece waiting for a sector, and the caller waiting for where it went. */
    record PendingPiece(Piece piece, long unpaddedSize, CompletableFuture<SectorLocation> result) {
    }

    private final Pipeline p;

    PieceInput(Pipeline p) {
        this.p = p;
    }

    /**
     * The checks that need only the piece and the sector size, in Lotus's order: the deal info is
     * there, the size pads to a power of two that fits a sector, the deal is well formed.
     */
    static CheckedPiece check(long unpaddedSize, DealInfo deal, long sectorSize) {
        if (deal == null) {
            throw new InvalidInputException("PieceDealInfo", "piece deal info is missing");
        }
        long padded;
        try {
            padded = PieceCommitments.paddedSize(unpaddedSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("size", "cannot allocate unpadded piece");
        }
        if (padded > sectorSize) {
            throw new InvalidInputException("size", "piece cannot fit into a sector");
        }
        deal.validate();
        return new CheckedPiece(unpaddedSize, padded, deal);
    }

    /**
     * Queues a checked piece after the checks against the deal and the chain (its piece size, its
     * start epoch still ahead of the sealing buffer), and places what can be placed now.
     */
    CompletableFuture<SectorLocation> add(CheckedPiece c) {
        DealInfo deal = c.deal();
        if (deal.pieceSize() != c.paddedSize()) {
            throw new InvalidInputException("size", "piece size " + c.unpaddedSize() + " (padded " + c.paddedSize()
                    + ") does not match the deal's piece size " + deal.pieceSize());
        }
        long buffer = p.sealing.startEpochSealingBuffer();
        if (p.head + buffer > deal.startEpoch()) {
            throw new InvalidInputException("DealSchedule.StartEpoch", "cannot add piece for deal with piece CID "
                    + deal.pieceCid() + ": current epoch " + p.head + " has passed deal proposal start epoch "
                    + deal.startEpoch());
        }
        Piece piece = new Piece(c.paddedSize(), c.dataCid(), deal);
        CompletableFuture<SectorLocation> result = new CompletableFuture<>();
        p.pendingPieces.add(new PendingPiece(piece, c.unpaddedSize(), result));
        matchPendingPieces();
        return result;
    }

    /** Places waiting pieces, in the order they came, while they fit somewhere; whether any was placed. */
    boolean matchPendingPieces() {
        boolean placed = false;
        while (!p.pendingPieces.isEmpty()) {
            PendingPiece pending = p.pendingPieces.peek();
            Sector target = openSectorFor(pending.piece());
            if (target == null) {
                target = upgradeSectorFor(pending.piece());
            }
            if (target == null) {
                target = newDealSector();
            }
            if (target == null) {
                return placed;
            }
            placed = true;
            p.pendingPieces.poll();
            long offset = assign(target, pending.piece());
            SectorLocation location = new SectorLocation(target.number, offset);
            String mismatch = mismatch(pending.piece());
            p.placedPieces.add(mismatch == null ? () -> pending.result().complete(location)
                    : () -> pending.result().completeExceptionally(new SealingException(mismatch)));
            if (StateHandlers.openForDealsStates().contains(target.state)) {
                p.planner.deliver(target, SectorEvent.SectorAddPiece);
            }
        }
        return placed;
    }

    /**
     * Lotus's piece-CID check in {@code handleAddPiece}: the error AddPiece ends with when the piece's data commits
     * to another piece CID than its deal's, else {@code null}.
     */
    static String mismatch(Piece piece) {
        if (piece.isFiller() || piece.pieceCid().equals(piece.deal().pieceCid())) {
            return null;
        }
        return "got unexpected piece CID: expected:" + piece.deal().pieceCid() + ", got:" + piece.pieceCid();
    }

    /**
     * The end of an AddPiece (or SnapDealsAddPiece) step, as {@code handleAddPiece} writes the assigned pieces in
     * order: all of them are added, or those before the first piece whose data does not match (with its alignment
     * zeros) are added and that piece waits for the next round; a round that starts with it fails with Lotus's
     * error and drops it (and its zeros), so the sector goes back to waiting for deals without it.
     */
    static Step addPieceDone(Pipeline p, Sector s) {
        List<Piece> assigned = s.assigned;
        int start = 0;
        for (int i = 0; i < assigned.size(); i++) {
            Piece piece = assigned.get(i);
            if (piece.isFiller()) {
                continue;
            }
            String error = mismatch(piece);
            if (error == null) {
                start = i + 1;
            } else if (start > 0) {
                return Step.send(SectorEvent.SectorPieceAdded, start);
            } else {
                return new Step.Send(SectorEvent.SectorAddPieceFailed, i + 1, error, null);
            }
        }
        return Step.send(SectorEvent.SectorPieceAdded);
    }

    /**
     * The lowest-numbered sector open for deals with room for the piece. A sector holding a piece whose AddPiece
     * will fail takes no more until it has failed: what comes after would lose its place with it.
     */
    private Sector openSectorFor(Piece piece) {
        Sector[] found = new Sector[1];
        for (SectorState st : StateHandlers.openForDealsStates()) {
            p.sectors.forEachIn(st, s -> {
                if (fits(s, piece) && !holdsMismatch(s) && (found[0] == null || s.number < found[0].number)) {
                    found[0] = s;
                }
            });
        }
        return found[0];
    }

    private static boolean holdsMismatch(Sector s) {
        for (Piece piece : s.assigned) {
            if (mismatch(piece) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean fits(Sector s, Piece piece) {
        long used = s.usedBytes();
        long aligned = (used + piece.paddedSize() - 1) / piece.paddedSize() * piece.paddedSize();
        return aligned + piece.paddedSize() <= p.sectorSize
                && s.dealCount() < p.config.sectorSize().maxDealsPerSector()
                && (s.expiration == 0 || s.expiration >= piece.deal().endEpoch());
    }

    /** The lowest-numbered available CC sector that lives long enough: a snap deal starts in it. */
    private Sector upgradeSectorFor(Piece piece) {
        Sector[] found = new Sector[1];
        p.sectors.forEachIn(SectorState.Available, s -> {
            if (s.expiration >= piece.deal().endEpoch() && (found[0] == null || s.number < found[0].number)) {
                found[0] = s;
            }
        });
        if (found[0] != null) {
            p.planner.deliver(found[0], SectorEvent.SectorStartCCUpdate);
        }
        return found[0];
    }

    /** A new deal sector, unless {@code MaxWaitDealsSectors} or {@code MaxSealingSectorsForDeals} is reached. */
    private Sector newDealSector() {
        int maxOpen = p.sealing.maxWaitDealsSectors();
        long open = p.sectors.count(SectorState.WaitDeals) + p.sectors.count(SectorState.AddPiece)
                + p.sectors.count(SectorState.Empty);
        if (maxOpen > 0 && open >= maxOpen) {
            return null;
        }
        int maxSealing = p.sealing.maxSealingSectorsForDeals();
        if (maxSealing > 0 && p.curSealing() >= maxSealing) {
            return null;
        }
        return p.startSector(false, SectorEvent.SectorStart);
    }

    /** Reserves room for the piece (after zero pieces that align it) and returns its padded offset. */
    long assign(Sector s, Piece piece) {
        long used = s.usedBytes();
        List<Piece> add = new ArrayList<>(s.assigned);
        long toFill = Math.floorMod(-used, piece.paddedSize());
        long offset = used;
        while (toFill != 0) {
            long pad = Long.lowestOneBit(toFill);
            add.add(zeroPiece(pad));
            toFill ^= pad;
            offset += pad;
        }
        add.add(piece);
        s.assigned = List.copyOf(add);
        return offset;
    }

    /** The pieces followed by zero pieces that fill the rest of the sector, smallest first. */
    List<Piece> withFillers(List<Piece> pieces) {
        long used = 0;
        for (Piece piece : pieces) {
            used += piece.paddedSize();
        }
        if (used == 0) {
            return p.ccPieces;
        }
        List<Piece> out = new ArrayList<>(pieces);
        long toFill = p.sectorSize - used;
        while (toFill != 0) {
            long pad = Long.lowestOneBit(toFill);
            out.add(zeroPiece(pad));
            toFill ^= pad;
        }
        return List.copyOf(out);
    }

    private static Piece zeroPiece(long size) {
        return new Piece(size, Cid.unsealedCommitment(PieceCommitments.zeroCommitment(size)), null);
    }

    byte[] computeCommD(List<Piece> pieces) {
        List<PieceCommitment> commitments = new ArrayList<>(pieces.size());
        for (Piece piece : pieces) {
            commitments.add(PieceCommitment.of(piece.paddedSize(), piece.pieceCid()));
        }
        return PieceCommitments.unsealedSectorCommitment(p.sectorSize, commitments);
    }

    /** When a sector waiting for deals starts packing: its seal delay, or a deal's start nearing. */
    long packingEpoch(Sector s) {
        long byDelay = s.createdEpoch + p.policy.epochsCovering(Pipeline.seconds(p.sealing.waitDealsDelay()));
        long earliestStart = s.earliestDealStart();
        long byDeal = earliestStart == Long.MAX_VALUE ? Long.MAX_VALUE
                : earliestStart - p.sealing.startEpochSealingBuffer();
        return Math.min(byDelay, byDeal);
    }

    /** {@code SectorSetSealDelay}: the new delay applies to the sectors already waiting for deals. */
    void setSealDelay(java.time.Duration delay) {
        p.sealing = p.sealing.withWaitDealsDelay(delay);
        p.sectors.forEachIn(SectorState.WaitDeals, s -> p.planner.follow(s, new Step.At(packingEpoch(s))));
        p.sectors.forEachIn(SectorState.SnapDealsWaitDeals, s -> p.planner.follow(s, new Step.At(packingEpoch(s))));
    }
}
