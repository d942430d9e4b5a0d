package io.minersim.sealing.commitment;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A piece as it sits in a sector: its padded size (a power of two, at least 128 bytes) and its
 * 32-byte commitment (commP). The array is copied in and out.
 */
public record PieceCommitment(long paddedSize, byte[] commitment) {

    /** Validates the size and commitment length and takes a defensive copy. */
    public PieceCommitment {
        PieceCommitments.checkPaddedSize(paddedSize, "padded piece size");
        Objects.requireNonNull(commitment, "commitment");
        if (commitment.length != Sha254.NODE_BYTES) {
            throw new IllegalArgumentException(
                    "a piece commitment has 32 bytes, got " + commitment.length);
        }
        commitment = commitment.clone();
    }

    /**
     * A piece from its CID, which must be a piece (unsealed) commitment CID.
     *
     * @throws IllegalArgumentException if the CID is not a fil-commitment-unsealed CID
     */
    public static PieceCommitment of(long paddedSize, Cid pieceCid) {
        Objects.requireNonNull(pieceCid, "pieceCid");
        if (!pieceCid.isUnsealedCommitment()) {
            throw new IllegalArgumentException("not a piece commitment CID (codec 0x"
                    + Long.toHexString(pieceCid.codec()) + ", multihash 0x"
                    + Long.toHexString(pieceCid.multihashCode()) + "): " + pieceCid);
        }
        return new PieceCommitment(paddedSize, pieceCid.digest());
    }

    /** The commitment of an all-zero piece of the given padded size. */
    public static PieceCommitment zero(long paddedSize) {
        return new PieceCommitment(paddedSize, PieceCommitments.zeroCommitment(paddedSize));
    }

    @Override
    public byte[] commitment() {
        return commitment.clone();
    }

    /** The piece CID ({@code baga6ea4sea...}). */
    public Cid cid() {
        return Cid.unsealedCommitment(commitment);
    }

    byte[] commitmentUnsafe() {
        return commitment;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PieceCommitment other
                && paddedSize == other.paddedSize
                && Arrays.equals(commitment, other.commitment);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(paddedSize) + Arrays.hashCode(commitment);
    }

    @Override
    public String toString() {
        return "PieceCommitment[paddedSize=" + paddedSize
                + ", commitment=" + HexFormat.of().formatHex(commitment) + "]";
    }
}
