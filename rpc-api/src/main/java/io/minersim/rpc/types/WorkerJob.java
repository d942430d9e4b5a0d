package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code storiface.WorkerJob}: the call, the sector, the task's wire string, {@code RunWait} (0 running, 1 prepared,
 * 2+ assigned to window RunWait−2, −1 ret-wait, −2 returned, −3 ret-done), the start time (RFC 3339) and, for jobs
 * no worker tracks, the last worker's hostname ({@code omitempty}).
 */
@JsonPropertyOrder({"ID", "Sector", "Task", "RunWait", "Start", "Hostname"})
public record WorkerJob(@JsonProperty("ID") CallId id, @JsonProperty("Sector") SectorId sector,
        @JsonProperty("Task") String task, @JsonProperty("RunWait") int runWait, @JsonProperty("Start") String start,
        @JsonProperty("Hostname") @JsonInclude(JsonInclude.Include.NON_EMPTY) String hostname) {

    public WorkerJob {
        java.util.Objects.requireNonNull(id, "ID");
        java.util.Objects.requireNonNull(sector, "Sector");
        java.util.Objects.requireNonNull(task, "Task");
        java.util.Objects.requireNonNull(start, "Start");
    }
}
