package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code builtin.ExtendedSectorInfo}, a sector a winning PoSt is computed over ({@code ComputeProof}).
 *
 * @param sealProof the sector's {@code abi.RegisteredSealProof}
 * @param sectorNumber its number
 * @param sectorKey its sector key CID when it was snapped (then the proof runs over the updated replica), or null
 * @param sealedCid its sealed CID (CommR)
 */
public record ExtendedSectorInfo(@JsonProperty("SealProof") long sealProof,
        @JsonProperty("SectorNumber") long sectorNumber, @JsonProperty("SectorKey") CidLink sectorKey,
        @JsonProperty("SealedCID") CidLink sealedCid) {
    public ExtendedSectorInfo {
        Checks.uint64(sectorNumber, "ExtendedSectorInfo", "SectorNumber");
    }
}
