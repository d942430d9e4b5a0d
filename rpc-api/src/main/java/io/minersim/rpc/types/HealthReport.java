package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storiface.HealthReport}: what {@code StorageReportHealth} tells the index of a path.
 *
 * @param stat the path's space (Go's zero value when absent)
 * @param err the path's error, {@code ""} for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthReport(@JsonProperty("Stat") FsStat stat, @JsonProperty("Err") String err) {
    public HealthReport {
        stat = stat == null ? new FsStat(0, 0, 0, 0, 0, 0) : stat;
        err = Checks.string(err);
    }
}
