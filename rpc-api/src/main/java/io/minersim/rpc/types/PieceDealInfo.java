package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code piece.PieceDealInfo}: the deal a piece belongs to. A piece carries EITHER legacy market info
 * ({@code PublishCid}, {@code DealID} and {@code DealProposal}) OR a {@code PieceActivationManifest} (DDO); Lotus
 * rejects both or neither when a piece is added, so this record accepts any combination and leaves that check to the
 * engine ({@link #hasLegacyDealInfo()}, {@link #hasPieceActivationManifest()}).
 *
 * <p>Older requests have no {@code PieceActivationManifest} key; it then reads as {@code null}.
 *
 * @param publishCid the PublishStorageDeals message CID, or {@code null}
 * @param dealId the market deal ID (uint64), 0 for DDO pieces
 * @param dealProposal the market deal proposal, or {@code null}
 * @param dealSchedule start and end epochs; null reads as {@link DealSchedule#ZERO}
 * @param pieceActivationManifest the DDO manifest, or {@code null}
 * @param keepUnsealed whether to keep an unsealed copy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PieceDealInfo(
        @JsonProperty("PublishCid") CidLink publishCid,
        @JsonProperty("DealID") long dealId,
        @JsonProperty("DealProposal") DealProposal dealProposal,
        @JsonProperty("DealSchedule") DealSchedule dealSchedule,
        @JsonProperty("PieceActivationManifest") PieceActivationManifest pieceActivationManifest,
        @JsonProperty("KeepUnsealed") boolean keepUnsealed) {
    public PieceDealInfo {
        Checks.uint64(dealId, "PieceDealInfo", "DealID");
        dealSchedule = dealSchedule == null ? DealSchedule.ZERO : dealSchedule;
    }

    /** Lotus's legacy-deal test: PublishCid set, DealID non-zero and DealProposal set. */
    public boolean hasLegacyDealInfo() {
        return publishCid != null && dealId != 0 && dealProposal != null;
    }

    /** Whether this is a DDO piece (has a PieceActivationManifest). */
    public boolean hasPieceActivationManifest() {
        return pieceActivationManifest != null;
    }
}
