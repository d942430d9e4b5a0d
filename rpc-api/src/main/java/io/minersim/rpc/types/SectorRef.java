package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storiface.SectorRef}: {@code {"ID":{"Miner":1000,"Number":9},"ProofType":8}} (SectorsUnsealPiece's first
 * parameter).
 *
 * @param id the sector; a JSON null or absent ID becomes the zero ID, as Go decodes it
 * @param proofType the {@code abi.RegisteredSealProof} number (int64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorRef(@JsonProperty("ID") SectorId id, @JsonProperty("ProofType") long proofType) {
    public SectorRef {
        id = id == null ? new SectorId(0, 0) : id;
    }
}
