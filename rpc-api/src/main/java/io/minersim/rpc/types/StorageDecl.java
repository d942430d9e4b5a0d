package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storiface.Decl}: a sector's files in one path, {@code {"Miner":1000,"Number":9,"SectorFileType":6}} (the
 * sector ID is embedded, so its fields are flattened).
 *
 * @param miner the miner's actor ID (uint64)
 * @param number the sector number (uint64)
 * @param sectorFileType the file types, OR-ed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageDecl(@JsonProperty("Miner") long miner, @JsonProperty("Number") long number,
        @JsonProperty("SectorFileType") long sectorFileType) {
    public StorageDecl {
        Checks.uint64(miner, "Decl", "Miner");
        Checks.uint64(number, "Decl", "Number");
    }
}
