package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.Partition}, one element of StateMinerPartitions: its sector numbers as bitfields. Live is All minus
 * the terminated; Active is Live minus the faulty and the unproven; Recovering is within Faulty.
 *
 * @param allSectors every sector the partition holds
 * @param faultySectors the faulty ones
 * @param recoveringSectors the faulty ones declared recovered, not yet proven
 * @param liveSectors the not terminated ones
 * @param activeSectors the live ones neither faulty nor unproven
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerPartition(
        @JsonProperty("AllSectors") BitFieldRuns allSectors,
        @JsonProperty("FaultySectors") BitFieldRuns faultySectors,
        @JsonProperty("RecoveringSectors") BitFieldRuns recoveringSectors,
        @JsonProperty("LiveSectors") BitFieldRuns liveSectors,
        @JsonProperty("ActiveSectors") BitFieldRuns activeSectors) {
    public MinerPartition {
        Checks.required(allSectors, "MinerPartition", "AllSectors");
        Checks.required(faultySectors, "MinerPartition", "FaultySectors");
        Checks.required(recoveringSectors, "MinerPartition", "RecoveringSectors");
        Checks.required(liveSectors, "MinerPartition", "LiveSectors");
        Checks.required(activeSectors, "MinerPartition", "ActiveSectors");
    }
}
