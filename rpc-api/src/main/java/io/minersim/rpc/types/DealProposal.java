package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code market.DealProposal}, the legacy built-in market deal of a piece. Token amounts are attoFIL decimal strings.
 *
 * @param pieceCid the deal's piece CID
 * @param pieceSize the PADDED piece size (uint64)
 * @param verifiedDeal whether the deal is verified (FIL+)
 * @param client the client's address string
 * @param provider the provider's address string
 * @param label the deal label (Lotus marshals only string labels)
 * @param startEpoch the deal start epoch (int64)
 * @param endEpoch the deal end epoch (int64)
 * @param storagePricePerEpoch attoFIL per epoch; null reads as 0
 * @param providerCollateral attoFIL; null reads as 0
 * @param clientCollateral attoFIL; null reads as 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealProposal(
        @JsonProperty("PieceCID") CidLink pieceCid,
        @JsonProperty("PieceSize") long pieceSize,
        @JsonProperty("VerifiedDeal") boolean verifiedDeal,
        @JsonProperty("Client") String client,
        @JsonProperty("Provider") String provider,
        @JsonProperty("Label") String label,
        @JsonProperty("StartEpoch") long startEpoch,
        @JsonProperty("EndEpoch") long endEpoch,
        @JsonProperty("StoragePricePerEpoch") @DecimalString BigInteger storagePricePerEpoch,
        @JsonProperty("ProviderCollateral") @DecimalString BigInteger providerCollateral,
        @JsonProperty("ClientCollateral") @DecimalString BigInteger clientCollateral) {
    public DealProposal {
        Checks.uint64(pieceSize, "DealProposal", "PieceSize");
        client = Checks.string(client);
        provider = Checks.string(provider);
        label = Checks.string(label);
        storagePricePerEpoch = Checks.bigOrZero(storagePricePerEpoch);
        providerCollateral = Checks.bigOrZero(providerCollateral);
        clientCollateral = Checks.bigOrZero(clientCollateral);
    }
}
