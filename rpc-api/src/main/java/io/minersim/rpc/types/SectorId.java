package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code abi.SectorID}: {@code {"Miner":1000,"Number":9}}. The result of PledgeSector and the element of the
 * *Pending lists.
 *
 * @param miner the miner's actor ID (uint64)
 * @param number the sector number (uint64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorId(@JsonProperty("Miner") long miner, @JsonProperty("Number") long number) {
    public SectorId {
        Checks.uint64(miner, "SectorID", "Miner");
        Checks.uint64(number, "SectorID", "Number");
    }
}
