package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code fsutil.FsStat}: a path's space in bytes (int64s), the result of {@code StorageStat}.
 *
 * @param capacity the file system's size
 * @param available what the path may still take
 * @param fsAvailable the file system's free bytes
 * @param reserved bytes reserved and not yet written
 * @param max the path's limit, 0 for none
 * @param used the bytes in the path when it has a limit, else 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FsStat(
        @JsonProperty("Capacity") long capacity,
        @JsonProperty("Available") long available,
        @JsonProperty("FSAvailable") long fsAvailable,
        @JsonProperty("Reserved") long reserved,
        @JsonProperty("Max") long max,
        @JsonProperty("Used") long used) {
}
