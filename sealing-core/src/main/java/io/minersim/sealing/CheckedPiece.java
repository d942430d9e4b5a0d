package io.minersim.sealing;

import io.minersim.sealing.piece.DealInfo;

/**
 * A deal piece that passed the add-piece checks needing only itself and the sector size
 * ({@link Miner#checkPiece}): a caller can read the piece's data against it before handing it to
 * {@link Miner#addPieceToAny(CheckedPiece)}, which checks the rest against the chain.
 */
public final class CheckedPiece {
    private final long unpaddedSize;
    private final long paddedSize;
    private final DealInfo deal;

    CheckedPiece(long unpaddedSize, long paddedSize, DealInfo deal) {
        this.unpaddedSize = unpaddedSize;
        this.paddedSize = paddedSize;
        this.deal = deal;
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
}
