package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * {@code api.HeadChange}, one element of a ChainNotify value: {@code current} (the first value, alone),
 * {@code apply} or {@code revert}, with the tipset.
 *
 * @param type current, apply or revert
 * @param val the tipset
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeadChange(
        @JsonProperty("Type") String type,
        @JsonProperty("Val") TipSet val) {
    public static final String CURRENT = "current";
    public static final String APPLY = "apply";
    public static final String REVERT = "revert";

    public HeadChange {
        if (!Set.of(CURRENT, APPLY, REVERT).contains(type)) {
            throw new IllegalArgumentException("HeadChange.Type must be current, apply or revert, got " + type);
        }
        Checks.required(val, "HeadChange", "Val");
    }
}
