package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code SealingSchedDiag}'s answer ({@code Manager.SchedDiag}): the scheduler's {@code SchedInfo} (queued
 * {@code Requests}, {@code null} when none, and {@code OpenWindows}), then the manager's {@code ReturnedWork},
 * {@code Waiting} and {@code EarlyRet} ({@code null} when empty) and {@code CallToWork} (always an object).
 */
@JsonPropertyOrder({"SchedInfo", "ReturnedWork", "Waiting", "CallToWork", "EarlyRet"})
public record SchedDiagInfo(@JsonProperty("SchedInfo") SchedInfo schedInfo,
        @JsonProperty("ReturnedWork") List<String> returnedWork, @JsonProperty("Waiting") List<String> waiting,
        @JsonProperty("CallToWork") Map<String, String> callToWork, @JsonProperty("EarlyRet") List<String> earlyRet) {

    public SchedDiagInfo {
        java.util.Objects.requireNonNull(schedInfo, "SchedInfo");
        callToWork = callToWork == null ? Map.of() : callToWork;
    }

    /** {@code SchedDiagInfo}: the queued requests and the open scheduling windows (worker UUIDs). */
    @JsonPropertyOrder({"Requests", "OpenWindows"})
    public record SchedInfo(@JsonProperty("Requests") List<Request> requests,
            @JsonProperty("OpenWindows") List<String> openWindows) {
    }

    /** {@code SchedDiagRequestInfo}: a queued task request. */
    @JsonPropertyOrder({"Sector", "TaskType", "Priority", "SchedId"})
    public record Request(@JsonProperty("Sector") SectorId sector, @JsonProperty("TaskType") String taskType,
            @JsonProperty("Priority") int priority, @JsonProperty("SchedId") String schedId) {
    }
}
