package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code miner.SectorLocation}, StateSectorPartition's result: the deadline and partition a sector is proven in.
 *
 * @param deadline the deadline index, below 48
 * @param partition the partition index in it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorDeadlinePartition(
        @JsonProperty("Deadline") long deadline,
        @JsonProperty("Partition") long partition) {
    public SectorDeadlinePartition {
        if (deadline < 0 || deadline >= ProvingDeadline.PERIOD_DEADLINES) {
            throw new IllegalArgumentException("SectorDeadlinePartition.Deadline must be in [0, 48), got " + deadline);
        }
        Checks.uint64(partition, "SectorDeadlinePartition", "Partition");
    }
}
