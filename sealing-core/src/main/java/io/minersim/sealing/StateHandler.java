package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * One sector state's behaviour, both halves side by side: what entering the state starts
 * ({@link #enter}) and what finishing its work sends when its timer fires ({@link #done}), with the
 * error event its work fails with ({@link #failure}, {@code null} where nothing can fail) and the two
 * traits other rooms ask about. Built with {@link #of} and the {@code with…} copies; registered in
 * {@link StateHandlers}.
 */
record StateHandler(SectorState state, SectorEvent failure, boolean awaitsMessage, boolean openForDeals,
        Action enter, Action done) {

    /** A handler half: reads the pipeline and the sector (it may update the sector's record) and names the next step. */
    @FunctionalInterface
    interface Action {
        Step next(Pipeline p, Sector s);
    }

    private static final Action WAIT = (p, s) -> Step.WAIT;

    /** A state that waits for the outside world and does no timed work. */
    static StateHandler of(SectorState state) {
        return new StateHandler(state, null, false, false, WAIT, WAIT);
    }

    /** The event the state's work fails with; a failure rule armed for the state is taken on entry. */
    StateHandler failsWith(SectorEvent event) {
        return new StateHandler(state, event, awaitsMessage, openForDeals, enter, done);
    }

    /** The state waits for a sent message to land; an injected failure fails the landing, not a timer. */
    StateHandler awaitingMessage() {
        return new StateHandler(state, failure, true, openForDeals, enter, done);
    }

    /** The sector takes new deal pieces while in this state. */
    StateHandler acceptingDeals() {
        return new StateHandler(state, failure, awaitsMessage, true, enter, done);
    }

    StateHandler onEnter(Action action) {
        return new StateHandler(state, failure, awaitsMessage, openForDeals, action, done);
    }

    StateHandler onDone(Action action) {
        return new StateHandler(state, failure, awaitsMessage, openForDeals, enter, action);
    }
}
