package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SectorAddPieceToAny's result: {@code {"Sector":9,"Offset":1032}}.
 *
 * @param sector the sector the piece went into
 * @param offset the piece's PADDED byte offset within the sector
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorOffset(@JsonProperty("Sector") long sector, @JsonProperty("Offset") long offset) {
    public SectorOffset {
        Checks.uint64(sector, "SectorOffset", "Sector");
        Checks.uint64(offset, "SectorOffset", "Offset");
    }
}
