package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code alerting.Alert}, an element of {@code LogAlerts}' result: {@code {"Type":{"System":"process",
 * "Subsystem":"fd-limit"},"Active":false,"LastActive":null,"LastResolved":null}}.
 *
 * @param type which alert
 * @param active whether it is raised now
 * @param lastActive its last raising, or null
 * @param lastResolved its last resolution, or null
 */
public record Alert(
        @JsonProperty("Type") Type type,
        @JsonProperty("Active") boolean active,
        @JsonProperty("LastActive") Event lastActive,
        @JsonProperty("LastResolved") Event lastResolved) {

    public Alert {
        if (type == null) {
            throw new IllegalArgumentException("Alert.Type is required");
        }
        if (active && lastActive == null) {
            throw new IllegalArgumentException("an active Alert has a LastActive event");
        }
    }

    /** {@code alerting.AlertType}. */
    public record Type(@JsonProperty("System") String system, @JsonProperty("Subsystem") String subsystem) {
        public Type {
            system = Checks.string(system);
            subsystem = Checks.string(subsystem);
        }
    }

    /**
     * {@code alerting.AlertEvent}.
     *
     * @param type {@code "raised"} or {@code "resolved"}
     * @param message the raw JSON the alert was raised or resolved with
     * @param time RFC 3339 time of the event
     */
    public record Event(@JsonProperty("Type") String type, @JsonProperty("Message") JsonNode message,
            @JsonProperty("Time") String time) {
        public Event {
            if (!"raised".equals(type) && !"resolved".equals(type)) {
                throw new IllegalArgumentException("AlertEvent.Type is raised or resolved, got " + type);
            }
            time = Checks.string(time);
        }
    }
}
