package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code storiface.Resources}: what one task of a type needs on a worker, per seal proof. */
@JsonPropertyOrder({"MinMemory", "MaxMemory", "GPUUtilization", "MaxParallelism", "MaxParallelismGPU",
    "BaseMinMemory", "MaxConcurrent"})
public record TaskResources(@JsonProperty("MinMemory") long minMemory, @JsonProperty("MaxMemory") long maxMemory,
        @JsonProperty("GPUUtilization") double gpuUtilization, @JsonProperty("MaxParallelism") int maxParallelism,
        @JsonProperty("MaxParallelismGPU") int maxParallelismGpu, @JsonProperty("BaseMinMemory") long baseMinMemory,
        @JsonProperty("MaxConcurrent") int maxConcurrent) {
}
