package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code storiface.WorkerResources}: the worker's memory, swap, CPUs, GPU names and its resource table
 * ({@code task wire string → seal proof number → resources}, keys sorted as Go sorts map keys).
 */
@JsonPropertyOrder({"MemPhysical", "MemUsed", "MemSwap", "MemSwapUsed", "CPUs", "GPUs", "Resources"})
public record WorkerResources(@JsonProperty("MemPhysical") long memPhysical, @JsonProperty("MemUsed") long memUsed,
        @JsonProperty("MemSwap") long memSwap, @JsonProperty("MemSwapUsed") long memSwapUsed,
        @JsonProperty("CPUs") long cpus, @JsonProperty("GPUs") List<String> gpus,
        @JsonProperty("Resources") Map<String, Map<String, TaskResources>> resources) {

    public WorkerResources {
        Checks.uint64(memPhysical, "WorkerResources", "MemPhysical");
        Checks.uint64(cpus, "WorkerResources", "CPUs");
    }
}
