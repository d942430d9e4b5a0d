package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storiface.CallError}: {@code {"Code":0,"Message":"…"}}, the failure a worker returns instead of a result.
 *
 * @param code Lotus's error code ({@code storiface.ErrorCode}, a Go {@code int})
 * @param message the error text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallError(@JsonProperty("Code") long code, @JsonProperty("Message") String message) {
    public CallError {
        message = Checks.string(message);
    }
}
