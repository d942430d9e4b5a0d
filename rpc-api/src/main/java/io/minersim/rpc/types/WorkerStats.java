package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code storiface.WorkerStats}, a value of {@code WorkerStats}' map by worker UUID: what the worker is, the task
 * types it takes, whether it is enabled, what its running tasks take, and its task counts by
 * {@code "<seal proof>:<task>"} (always an object).
 */
@JsonPropertyOrder({"Info", "Tasks", "Enabled", "MemUsedMin", "MemUsedMax", "GpuUsed", "CpuUse", "TaskCounts"})
public record WorkerStats(@JsonProperty("Info") WorkerInfo info, @JsonProperty("Tasks") List<String> tasks,
        @JsonProperty("Enabled") boolean enabled, @JsonProperty("MemUsedMin") long memUsedMin,
        @JsonProperty("MemUsedMax") long memUsedMax, @JsonProperty("GpuUsed") double gpuUsed,
        @JsonProperty("CpuUse") long cpuUse, @JsonProperty("TaskCounts") Map<String, Integer> taskCounts) {

    public WorkerStats {
        java.util.Objects.requireNonNull(info, "Info");
        taskCounts = taskCounts == null ? Map.of() : taskCounts;
    }
}
