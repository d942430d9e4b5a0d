package io.minersim.sealing.fsm;

import io.minersim.sealing.SealingException;

/** No event of the state machine moves a sector between the two named states. */
public final class IllegalTransitionException extends SealingException {
    private static final long serialVersionUID = 1L;

    private final SectorState from;
    private final SectorState to;

    public IllegalTransitionException(SectorState from, SectorState to) {
        super("no event moves a sector from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public SectorState from() {
        return from;
    }

    public SectorState to() {
        return to;
    }
}
