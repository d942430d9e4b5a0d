package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.piece.DealInfo;
import java.util.Objects;

/**
 * A deal piece that passed the add-piece checks needing only itself and the sector size
 * ({@link Miner#checkPiece}): a caller can read the piece's data against it before handing it to
 * {@link Miner#addPieceToAny(CheckedPiece)}, which checks the rest against the chain. The piece CID
 * of its data is the deal's unless {@link #withDataCid} says what the data commits to instead: such a
 * piece is still assigned to a sector, and its AddPiece fails as Lotus's piece-CID check fails it.
 */
public final class CheckedPiece {
    private final long unpaddedSize;
    private final long paddedSize;
    private final DealInfo deal;
    private final Cid dataCid;

    CheckedPiece(long unpaddedSize, long paddedSize, DealInfo deal) {
        this(unpaddedSize, paddedSize, deal, deal.pieceCid());
    }

    private CheckedPiece(long unpaddedSize, long paddedSize, DealInfo deal, Cid dataCid) {
        this.unpaddedSize = unpaddedSize;
        this.paddedSize = paddedSize;
        this.deal = deal;
        this.dataCid = Objects.requireNonNull(dataCid, "dataCid");
    }

    public long unpaddedSize() {
        return unpaddedSize;
    }

    public long paddedSize() {
        return paddedSize;
    }

    public DealInfo deal() {
        return deal;
    }

    /** The piece CID of the piece's data: what AddPiece computes when it writes it. */
    public Cid dataCid() {
        return dataCid;
    }

    /** Whether the data commits to the deal's piece CID (AddPiece will pass its check). */
    public boolean matchesDeal() {
        return dataCid.equals(deal.pieceCid());
    }

    /** This piece, whose data was read and commits to {@code cid}. */
    public CheckedPiece withDataCid(Cid cid) {
        return new CheckedPiece(unpaddedSize, paddedSize, deal, cid);
    }
}
