package io.minersim.sealing.fsm;

/** The family a {@link SectorState} belongs to, as Lotus groups its state names. */
public enum StateGroup {
    /** The deal and committed-capacity sealing path, through Proving and Available. */
    NORMAL,
    /** Sectors waiting in, or on a message of, the pre-commit batcher or commit aggregator. */
    BATCHING,
    /** Sealing failures, each with its own retry rule. */
    FAILURE,
    /** Snap-deal (replica update) states. */
    SNAP,
    /** Snap-deal failures. */
    SNAP_FAILURE,
    /** Faults of a proving sector. */
    FAULT,
    /** Active termination through the terminate batcher. */
    TERMINATION,
    /** Removal of the sector's data. */
    REMOVAL,
    /** Import of a sector sealed elsewhere. */
    RECEIVE
}
