package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a deal's piece was placed, as listed by SectorsRefs: {@code {"SectorID":100,"Offset":10485760,"Size":1048576}}.
 *
 * @param sectorId the sector number
 * @param offset the PADDED offset within the sector
 * @param size the UNPADDED piece size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealedRef(
        @JsonProperty("SectorID") long sectorId, @JsonProperty("Offset") long offset, @JsonProperty("Size") long size) {
    public SealedRef {
        Checks.uint64(sectorId, "SealedRef", "SectorID");
        Checks.uint64(offset, "SealedRef", "Offset");
        Checks.uint64(size, "SealedRef", "Size");
    }
}
