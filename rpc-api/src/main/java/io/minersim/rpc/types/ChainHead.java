package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The simulator's chain head (Sim.Head, Sim.Advance): {@code {"Epoch":1234,"Timestamp":1700000000}}. Not a Lotus type.
 *
 * @param epoch the current chain epoch (non-negative)
 * @param timestamp the epoch's time, unix seconds (non-negative)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainHead(@JsonProperty("Epoch") long epoch, @JsonProperty("Timestamp") long timestamp) {
    public ChainHead {
        if (epoch < 0) {
            throw new IllegalArgumentException("ChainHead.Epoch must not be negative, got " + epoch);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("ChainHead.Timestamp must not be negative, got " + timestamp);
        }
    }
}
