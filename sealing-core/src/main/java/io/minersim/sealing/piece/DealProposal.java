package io.minersim.sealing.piece;

import io.minersim.sealing.commitment.Cid;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A legacy storage-market deal proposal, field for field as Lotus's {@code market.DealProposal}.
 * Token amounts are attoFIL.
 */
public record DealProposal(
        Cid pieceCid,
        long pieceSize,
        boolean verifiedDeal,
        String client,
        String provider,
        String label,
        long startEpoch,
        long endEpoch,
        BigInteger storagePricePerEpoch,
        BigInteger providerCollateral,
        BigInteger clientCollateral) {

    public DealProposal {
        Objects.requireNonNull(pieceCid, "PieceCID");
        Objects.requireNonNull(client, "Client");
        Objects.requireNonNull(provider, "Provider");
        label = label == null ? "" : label;
        storagePricePerEpoch = storagePricePerEpoch == null ? BigInteger.ZERO : storagePricePerEpoch;
        providerCollateral = providerCollateral == null ? BigInteger.ZERO : providerCollateral;
        clientCollateral = clientCollateral == null ? BigInteger.ZERO : clientCollateral;
    }
}
