package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code miner.SectorPreCommitOnChainInfo}, StateSectorPreCommitInfo's result: the pre-commitment, its deposit and
 * the epoch it landed.
 *
 * @param info the pre-commit parameters
 * @param preCommitDeposit the deposit locked (a big.Int)
 * @param preCommitEpoch the epoch it landed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreCommitOnChainInfo(
        @JsonProperty("Info") SectorPreCommitInfo info,
        @JsonProperty("PreCommitDeposit") @DecimalString BigInteger preCommitDeposit,
        @JsonProperty("PreCommitEpoch") long preCommitEpoch) {
    public PreCommitOnChainInfo {
        Checks.required(info, "PreCommitOnChainInfo", "Info");
        preCommitDeposit = Checks.bigOrZero(preCommitDeposit);
    }
}
