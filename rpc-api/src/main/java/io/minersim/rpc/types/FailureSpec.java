package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A failure to inject (Sim.InjectFailure): {@code {"State":"PreCommit1","Sector":12,"Count":1,"Error":"..."}}.
 * Not a Lotus type.
 *
 * @param state the sealing state whose work fails (a Lotus state name)
 * @param sector the sector, or {@code null} for the next sectors entering the state
 * @param count how many times to fail (positive; {@code null} means 1)
 * @param error the error text, or {@code null} for a default naming the state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FailureSpec(
        @JsonProperty("State") String state,
        @JsonProperty("Sector") Long sector,
        @JsonProperty("Count") Integer count,
        @JsonProperty("Error") String error) {

    public FailureSpec {
        state = Checks.required(state, "FailureSpec", "State");
        if (sector != null) {
            Checks.uint64(sector, "FailureSpec", "Sector");
        }
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("FailureSpec.Count must be positive, got " + count);
        }
    }
}
