package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One domain event of the simulator's history (Sim.Events): a sector moving between states. Not a Lotus type.
 *
 * @param seq the event's position in the history, from 0
 * @param epoch the chain epoch it happened at
 * @param sector the sector number
 * @param from the state before, or {@code null} for a sector's first event
 * @param to the state after
 * @param kind the Lotus event (or simulator event) that moved it, e.g. {@code "SectorPreCommitted"}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SimEvent(
        @JsonProperty("Seq") long seq,
        @JsonProperty("Epoch") long epoch,
        @JsonProperty("Sector") long sector,
        @JsonProperty("From") String from,
        @JsonProperty("To") String to,
        @JsonProperty("Kind") String kind) {

    public SimEvent {
        Checks.uint64(seq, "SimEvent", "Seq");
        if (epoch < 0) {
            throw new IllegalArgumentException("SimEvent.Epoch must not be negative, got " + epoch);
        }
        Checks.uint64(sector, "SimEvent", "Sector");
        to = Checks.required(to, "SimEvent", "To");
        kind = Checks.required(kind, "SimEvent", "Kind");
    }
}
