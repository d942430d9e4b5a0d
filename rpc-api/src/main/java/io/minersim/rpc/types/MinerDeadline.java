package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code api.Deadline}, one element of StateMinerDeadlines: the partitions proven in the deadline's current
 * occurrence, the optimistic proofs still disputable, and its daily fee.
 *
 * @param postSubmissions the indexes of the partitions proven (a bitfield)
 * @param disputableProofCount the proofs that may still be disputed
 * @param dailyFee the deadline's daily proof fee (FIP-0100), a big.Int
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerDeadline(
        @JsonProperty("PostSubmissions") BitFieldRuns postSubmissions,
        @JsonProperty("DisputableProofCount") long disputableProofCount,
        @JsonProperty("DailyFee") @DecimalString BigInteger dailyFee) {
    public MinerDeadline {
        Checks.required(postSubmissions, "MinerDeadline", "PostSubmissions");
        Checks.uint64(disputableProofCount, "MinerDeadline", "DisputableProofCount");
        dailyFee = Checks.bigOrZero(dailyFee);
    }
}
