package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.MinerSectors}, StateMinerSectorCount's result: live (unproven included), active and faulty sectors
 * over every partition.
 *
 * @param live the live sectors
 * @param active the active ones (at most live)
 * @param faulty the faulty ones (at most live)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerSectorCount(
        @JsonProperty("Live") long live,
        @JsonProperty("Active") long active,
        @JsonProperty("Faulty") long faulty) {
    public MinerSectorCount {
        Checks.uint64(live, "MinerSectorCount", "Live");
        Checks.uint64(active, "MinerSectorCount", "Active");
        Checks.uint64(faulty, "MinerSectorCount", "Faulty");
        if (active > live || faulty > live) {
            throw new IllegalArgumentException("MinerSectorCount: Active (" + active + ") and Faulty (" + faulty
                    + ") must not exceed Live (" + live + ")");
        }
    }
}
