package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code storiface.WorkerInfo}: {@code {"Hostname","IgnoreResources","Resources"}}. */
@JsonPropertyOrder({"Hostname", "IgnoreResources", "Resources"})
public record WorkerInfo(@JsonProperty("Hostname") String hostname,
        @JsonProperty("IgnoreResources") boolean ignoreResources,
        @JsonProperty("Resources") WorkerResources resources) {
}
