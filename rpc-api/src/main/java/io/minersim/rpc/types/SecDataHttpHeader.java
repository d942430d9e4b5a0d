package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code storiface.SecDataHttpHeader}: one HTTP header to send when fetching sector data, {@code {"Key":"Authorization",
 * "Value":"Bearer ..."}}.
 *
 * @param key the header name
 * @param value the header value
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecDataHttpHeader(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {
    public SecDataHttpHeader {
        key = Checks.string(key);
        value = Checks.string(value);
    }
}
