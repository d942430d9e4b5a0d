package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;

/** The sector exists but its state does not allow what was asked. */
public final class SectorStateException extends SealingException {
    private static final long serialVersionUID = 1L;

    private final long sectorNumber;
    private final SectorState state;

    public SectorStateException(long sectorNumber, SectorState state, String message) {
        super(message);
        this.sectorNumber = sectorNumber;
        this.state = state;
    }

    public long sectorNumber() {
        return sectorNumber;
    }

    public SectorState state() {
        return state;
    }
}
