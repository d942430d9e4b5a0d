package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code api.MinerPower}, StateMinerPower's result: the miner's claim, the network's total, and whether the miner
 * has the consensus minimum.
 *
 * @param minerPower the miner's raw and quality-adjusted power (zeros without a claim)
 * @param totalPower the network's
 * @param hasMinPower whether the miner's power meets the consensus minimum
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerPower(
        @JsonProperty("MinerPower") Claim minerPower,
        @JsonProperty("TotalPower") Claim totalPower,
        @JsonProperty("HasMinPower") boolean hasMinPower) {
    public MinerPower {
        Checks.required(minerPower, "MinerPower", "MinerPower");
        Checks.required(totalPower, "MinerPower", "TotalPower");
    }

    /**
     * {@code power.Claim}: raw-byte and quality-adjusted power, in bytes (big.Ints, non-negative).
     *
     * @param rawBytePower raw-byte power
     * @param qualityAdjPower quality-adjusted power
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claim(
            @JsonProperty("RawBytePower") @DecimalString BigInteger rawBytePower,
            @JsonProperty("QualityAdjPower") @DecimalString BigInteger qualityAdjPower) {
        public Claim {
            rawBytePower = Checks.bigOrZero(rawBytePower);
            qualityAdjPower = Checks.bigOrZero(qualityAdjPower);
            if (rawBytePower.signum() < 0 || qualityAdjPower.signum() < 0) {
                throw new IllegalArgumentException("power must not be negative: " + rawBytePower + ", "
                        + qualityAdjPower);
            }
        }
    }
}
