package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code miner.SectorExpiration}, StateSectorExpiration's result: the epoch the sector expires on time, or early
 * (at its fault max age); the other is 0.
 *
 * @param onTime the on-time expiration (quantized to its deadline's last epoch), or 0
 * @param early the early expiration of a faulty sector, or 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorExpirationEpochs(
        @JsonProperty("OnTime") long onTime,
        @JsonProperty("Early") long early) {
    public SectorExpirationEpochs {
        if (onTime < 0 || early < 0) {
            throw new IllegalArgumentException("SectorExpirationEpochs: epochs must not be negative, got " + onTime
                    + ", " + early);
        }
    }
}
