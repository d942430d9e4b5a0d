package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * What a sector does next, as a state's handler decides it: wait for a timer, wait for the outside
 * world (a batcher, a message, a call), or send an event now. {@link Planner#follow} carries it out.
 */
sealed interface Step permits Step.At, Step.Wait, Step.Send {

    /** Nothing to do until a batcher, a message or a call moves the sector. */
    Step WAIT = Wait.INSTANCE;

    /** The state's work (or its cooldown) ends at {@code epoch}: a timer, never earlier than the head. */
    record At(long epoch) implements Step {
    }

    /** Waiting on a batcher, a message or the outside world. */
    enum Wait implements Step {
        INSTANCE
    }

    /**
     * Deliver {@code event} now; {@code target} is the state a forced or returning event names
     * ({@code null} for the transition table's own choice), {@code error} the error an error event carries.
     */
    record Send(SectorEvent event, long arg, String error, SectorState target) implements Step {
    }

    static Step send(SectorEvent event) {
        return new Send(event, 0, null, null);
    }

    static Step send(SectorEvent event, long arg) {
        return new Send(event, arg, null, null);
    }

    static Step fail(SectorEvent event, String error) {
        return new Send(event, 0, error, null);
    }
}
