package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code miner.SectorPreCommitInfo}: the PreCommit parameters of a sector handed over with SectorReceive.
 *
 * @param sealProof the {@code abi.RegisteredSealProof} number
 * @param sectorNumber the sector number (uint64)
 * @param sealedCid CommR
 * @param sealRandEpoch the ticket epoch
 * @param dealIds the sector's deal IDs, or null
 * @param expiration the requested expiration epoch
 * @param unsealedCid CommD, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorPreCommitInfo(
        @JsonProperty("SealProof") long sealProof,
        @JsonProperty("SectorNumber") long sectorNumber,
        @JsonProperty("SealedCID") CidLink sealedCid,
        @JsonProperty("SealRandEpoch") long sealRandEpoch,
        @JsonProperty("DealIDs") List<Long> dealIds,
        @JsonProperty("Expiration") long expiration,
        @JsonProperty("UnsealedCid") CidLink unsealedCid) {
    public SectorPreCommitInfo {
        Checks.uint64(sectorNumber, "SectorPreCommitInfo", "SectorNumber");
        dealIds = Checks.uint64ListOrNull(dealIds, "SectorPreCommitInfo", "DealIDs");
    }
}
