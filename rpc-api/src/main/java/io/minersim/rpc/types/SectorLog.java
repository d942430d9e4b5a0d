package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of a sector's log ({@code api.SectorLog}): {@code {"Kind":"event;sealing.SectorStartCC","Timestamp":
 * 1700000000,"Trace":"","Message":"{\"User\":{...}}"}}.
 *
 * @param kind {@code event;sealing.<EventType>}, {@code error;<go type>}, {@code panic} or {@code truncate}
 * @param timestamp unix seconds (uint64)
 * @param trace the error stack for error events, else {@code ""}
 * @param message the event wrapper's JSON, {@code {"User":{...}}}, truncated to 8000 bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorLog(
        @JsonProperty("Kind") String kind,
        @JsonProperty("Timestamp") long timestamp,
        @JsonProperty("Trace") String trace,
        @JsonProperty("Message") String message) {
    public SectorLog {
        kind = Checks.string(kind);
        Checks.uint64(timestamp, "SectorLog", "Timestamp");
        trace = Checks.string(trace);
        message = Checks.string(message);
    }
}
