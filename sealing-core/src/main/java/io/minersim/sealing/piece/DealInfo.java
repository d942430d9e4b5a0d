package io.minersim.sealing.piece;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.commitment.Cid;

/**
 * What Lotus's {@code PieceDealInfo} says about a piece: either a legacy market deal (publish
 * message, deal id, proposal) or a DDO activation manifest, with the deal's schedule.
 *
 * <p>The constructor only normalises; {@link #validate()} applies Lotus's checks, so that a request
 * carrying an invalid deal can be refused with Lotus's message rather than a null pointer.
 */
public record DealInfo(
        Cid publishCid,
        long dealId,
        DealProposal proposal,
        PieceActivationManifest manifest,
        long startEpoch,
        long endEpoch,
        boolean keepUnsealed) {

    /** Whether this is a legacy market deal (publish message, deal id and proposal all present). */
    public boolean isLegacyDeal() {
        return publishCid != null && dealId != 0 && proposal != null;
    }

    /** Whether the piece fills a verified allocation or a verified legacy deal. */
    public boolean isVerified() {
        if (manifest != null) {
            return manifest.verifiedAllocationKey() != null;
        }
        return proposal != null && proposal.verifiedDeal();
    }

    /** The piece commitment the deal names. */
    public Cid pieceCid() {
        return manifest != null ? manifest.cid() : proposal.pieceCid();
    }

    /** The padded piece size the deal names. */
    public long pieceSize() {
        return manifest != null ? manifest.size() : proposal.pieceSize();
    }

    /**
     * Lotus's validity rules for a piece's deal info; throws {@link InvalidInputException} naming
     * the field at fault.
     */
    public DealInfo validate() {
        boolean legacy = isLegacyDeal();
        boolean ddo = manifest != null;
        if (legacy && ddo) {
            throw new InvalidInputException("PieceDealInfo",
                    "piece deal info has both legacy deal info and piece activation manifest");
        }
        if (!legacy && !ddo) {
            throw new InvalidInputException("PieceDealInfo",
                    "piece deal info has neither legacy deal info nor piece activation manifest");
        }
        if (startEpoch <= 0) {
            throw new InvalidInputException("DealSchedule.StartEpoch",
                    "deal start epoch must be positive, got " + startEpoch);
        }
        if (endEpoch <= 0) {
            throw new InvalidInputException("DealSchedule.EndEpoch",
                    "deal end epoch must be positive, got " + endEpoch);
        }
        if (endEpoch <= startEpoch) {
            throw new InvalidInputException("DealSchedule",
                    "deal end epoch " + endEpoch + " is not after its start epoch " + startEpoch);
        }
        Cid piece = pieceCid();
        if (piece.codec() != Cid.FIL_COMMITMENT_UNSEALED || piece.multihashCode() != Cid.SHA2_256_TRUNC254_PADDED) {
            throw new InvalidInputException("PieceCID", "piece CID " + piece + " is not a piece commitment (commP)");
        }
        long size = pieceSize();
        if (size < 128 || Long.bitCount(size) != 1) {
            throw new InvalidInputException("PieceSize", "padded piece size " + size + " is not a power of two >= 128");
        }
        return this;
    }
}
