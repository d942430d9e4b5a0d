package io.minersim.sealing.fsm;

import java.util.Objects;

/**
 * What the state machine does with one event in one state.
 *
 * @param from the state the sector was in
 * @param event the event
 * @param to the state after the event ({@code from} unless the outcome is {@link Outcome#MOVED})
 * @param outcome how the event was taken
 * @param error for a rejected event, Lotus's planner error text; otherwise {@code null}
 */
public record Transition(SectorState from, SectorEvent event, SectorState to, Outcome outcome, String error) {

    /** How an event was taken. */
    public enum Outcome {
        /** The sector moved to {@code to}, which may equal {@code from} (the handler runs again). */
        MOVED,
        /** Accepted without a change of state (Lotus's {@code apply}); logged. */
        ABSORBED,
        /** Dropped without a trace in the log: an ignorable event, or a state that ignores. */
        IGNORED,
        /** Not accepted: the sector is unchanged and the log records Lotus's planner error. */
        REJECTED
    }

    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != Outcome.MOVED && from != to) {
            throw new IllegalArgumentException(outcome + " must leave the state at " + from + ", not " + to);
        }
        if ((outcome == Outcome.REJECTED) != (error != null)) {
            throw new IllegalArgumentException("an error text goes with, and only with, a rejection");
        }
    }

    /** Whether the sector's state was changed or its handler re-run. */
    public boolean moved() {
        return outcome == Outcome.MOVED;
    }
}
