package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.NumAssignerMeta}, SectorNumAssignerMeta's result: the sector-number assigner's bitfields and the next
 * number it would hand out, {@code {"Reserved":[5,1],"Allocated":[5,1],"InUse":[5,1],"Next":9}}.
 *
 * @param reserved the union of all reservations; null reads as empty
 * @param allocated every number ever allocated; null reads as empty
 * @param inUse reserved ∪ allocated; null reads as empty
 * @param next the next number to be assigned (uint64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumAssignerMeta(
        @JsonProperty("Reserved") BitFieldRuns reserved,
        @JsonProperty("Allocated") BitFieldRuns allocated,
        @JsonProperty("InUse") BitFieldRuns inUse,
        @JsonProperty("Next") long next) {
    public NumAssignerMeta {
        reserved = reserved == null ? BitFieldRuns.EMPTY : reserved;
        allocated = allocated == null ? BitFieldRuns.EMPTY : allocated;
        inUse = inUse == null ? BitFieldRuns.EMPTY : inUse;
        Checks.uint64(next, "NumAssignerMeta", "Next");
    }
}
