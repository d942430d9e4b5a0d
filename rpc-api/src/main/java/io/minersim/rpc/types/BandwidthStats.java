package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * libp2p's {@code metrics.Stats}, NetBandwidthStats's result (and each value of NetBandwidthStatsByProtocol): bytes
 * in and out since start and the current rates (float64s, written as Go writes them: {@code 0}, not {@code 0.0}).
 *
 * @param totalIn bytes received
 * @param totalOut bytes sent
 * @param rateIn bytes per second received
 * @param rateOut bytes per second sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BandwidthStats(
        @JsonProperty("TotalIn") long totalIn,
        @JsonProperty("TotalOut") long totalOut,
        @JsonProperty("RateIn") @JsonSerialize(using = GoFloat64Serializer.class) double rateIn,
        @JsonProperty("RateOut") @JsonSerialize(using = GoFloat64Serializer.class) double rateOut) {
    /** No traffic. */
    public static final BandwidthStats NONE = new BandwidthStats(0, 0, 0, 0);

    public BandwidthStats {
        Checks.uint64(totalIn, "BandwidthStats", "TotalIn");
        Checks.uint64(totalOut, "BandwidthStats", "TotalOut");
        if (!(rateIn >= 0) || !(rateOut >= 0) || Double.isInfinite(rateIn) || Double.isInfinite(rateOut)) {
            throw new IllegalArgumentException("BandwidthStats rates must be finite and non-negative, got "
                    + rateIn + " and " + rateOut);
        }
    }
}
