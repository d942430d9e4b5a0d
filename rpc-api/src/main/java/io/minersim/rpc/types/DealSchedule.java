package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code piece.DealSchedule}: {@code {"StartEpoch":10101,"EndEpoch":20202}}. Lotus requires both to be positive and
 * End after Start when a piece is added; the record itself takes any epochs, as Go decodes them.
 *
 * @param startEpoch the epoch by which the sector must be proven (int64)
 * @param endEpoch the deal's end epoch (int64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealSchedule(@JsonProperty("StartEpoch") long startEpoch, @JsonProperty("EndEpoch") long endEpoch) {
    /** The zero schedule, which Go decodes from a null or absent {@code DealSchedule}. */
    public static final DealSchedule ZERO = new DealSchedule(0, 0);
}
