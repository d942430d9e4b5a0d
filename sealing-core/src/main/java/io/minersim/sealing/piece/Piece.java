package io.minersim.sealing.piece;

import io.minersim.sealing.commitment.Cid;
import java.util.Objects;

/**
 * One piece in a sector: its padded size and commitment, and the deal it belongs to ({@code null}
 * for a filler piece of zeros).
 */
public record Piece(long paddedSize, Cid pieceCid, DealInfo deal) {

    public Piece {
        if (paddedSize < 128 || Long.bitCount(paddedSize) != 1) {
            throw new IllegalArgumentException("padded piece size must be a power of two >= 128, got " + paddedSize);
        }
        Objects.requireNonNull(pieceCid, "pieceCid");
    }

    /** Whether this is a filler (zero) piece rather than a deal piece. */
    public boolean isFiller() {
        return deal == null;
    }

    /** The deal id Lotus reports for the piece in {@code Deals}: the legacy deal id, else 0. */
    public long reportedDealId() {
        return deal != null && deal.isLegacyDeal() ? deal.dealId() : 0;
    }
}
