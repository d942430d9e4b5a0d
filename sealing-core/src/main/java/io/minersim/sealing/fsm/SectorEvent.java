package io.minersim.sealing.fsm;

/**
 * The events of Lotus's sector state machine, named as Lotus's Go event types (so a sector log entry
 * reads {@code event;sealing.SectorPacked}).
 *
 * <p>Global events act in every state except where noted in {@link SectorTransitions}. Events
 * marked as simulator events have no Lotus counterpart: they stand for what a real miner learns from
 * the chain (a fault recovered, a faulty sector terminated by the network after FaultMaxAge, an
 * expiration extended, a sector expired).
 */
public enum SectorEvent {
    // global
    SectorRestart(Kind.GLOBAL),
    SectorFatalError(Kind.GLOBAL_ERROR),
    SectorForceState(Kind.GLOBAL),
    SectorRemove(Kind.GLOBAL),
    SectorTerminate(Kind.GLOBAL),

    // start and input
    SectorStart,
    SectorStartCC,
    SectorReceive,
    SectorReceived,
    SectorAddPiece,
    SectorPieceAdded,
    SectorAddPieceFailed(Kind.ERROR),
    SectorStartPacking(Kind.IGNORABLE),
    SectorPacked,
    SectorRetryWaitDeals,

    // sealing
    SectorTicket,
    SectorOldTicket,
    SectorPreCommit1,
    SectorPreCommit2,
    SectorPreCommitBatch,
    SectorPreCommitBatchSent,
    SectorPreCommitted,
    SectorPreCommitLanded,
    SectorSeedReady,
    SectorCommitted,
    SectorProofReady,
    SectorSubmitCommitAggregate,
    SectorCommitSubmitted,
    SectorCommitAggregateSent,
    SectorProving,
    SectorFinalized,
    SectorFinalizedAvailable,

    // sealing failures and retries
    SectorSealPreCommit1Failed(Kind.ERROR),
    SectorSealPreCommit2Failed(Kind.ERROR),
    SectorChainPreCommitFailed(Kind.ERROR),
    SectorComputeProofFailed(Kind.ERROR),
    SectorRemoteCommit1Failed(Kind.ERROR),
    SectorRemoteCommit2Failed(Kind.ERROR),
    SectorCommitFailed(Kind.ERROR),
    SectorFinalizeFailed(Kind.ERROR),
    SectorDealsExpired(Kind.ERROR),
    SectorInvalidDealIDs,
    SectorTicketExpired(Kind.ERROR),
    SectorUpdateDealIDs,
    SectorRetrySealPreCommit1,
    SectorRetrySealPreCommit2,
    SectorRetryPreCommit,
    SectorRetryPreCommitWait,
    SectorRetryWaitSeed,
    SectorRetryComputeProof,
    SectorRetryInvalidProof,
    SectorRetrySubmitCommit,
    SectorRetryCommitWait,
    SectorRetryFinalize,

    // proving, faults, termination, removal
    SectorFaulty,
    SectorFaultReported,
    /** The chain proved the faulty sector again (its deadline's Window PoSt); the state is unchanged. */
    SectorFaultRecovered(Kind.CHAIN),
    /** The chain terminated the sector after FaultMaxAge of continuous fault; the state is unchanged. */
    SectorFaultedFinal(Kind.CHAIN),
    /** The chain extended the sector's expiration (ExtendSectorExpiration2); the state is unchanged. */
    SectorExtended(Kind.SIMULATOR),
    /** The head passed the sector's expiration epoch: it left the chain; the state is unchanged. */
    SectorExpired(Kind.SIMULATOR),
    SectorTerminating,
    SectorTerminated,
    SectorTerminateFailed(Kind.ERROR),
    SectorRemoved,
    SectorRemoveFailed(Kind.ERROR),

    // snap deals
    SectorMarkForUpdate,
    SectorStartCCUpdate,
    SectorReplicaUpdate,
    SectorUpdateReplicaFailed(Kind.ERROR),
    SectorProveReplicaUpdate,
    SectorProveReplicaUpdateFailed(Kind.ERROR),
    SectorReplicaUpdateSubmitted,
    SectorSubmitReplicaUpdateFailed(Kind.ERROR),
    SectorReplicaUpdateLanded,
    SectorUpdateActive,
    SectorKeyReleased,
    SectorReleaseKeyFailed(Kind.ERROR),
    SectorAbortUpgrade,
    SectorRevertUpgradeToProving,
    SectorRetrySubmitReplicaUpdateWait,
    SectorRetrySubmitReplicaUpdate,
    SectorRetryReplicaUpdate,
    SectorRetryProveReplicaUpdate,
    SectorDeadlineImmutable,
    SectorDeadlineMutable,
    /**
     * The chain marked the sector faulty: skipped in a Window PoSt (argument 1) or in a partition whose
     * PoSt was missed (0); the state is unchanged.
     */
    SectorFaultDetected(Kind.CHAIN);

    private enum Kind {
        PLAIN, GLOBAL, GLOBAL_ERROR, IGNORABLE, ERROR, SIMULATOR, CHAIN
    }

    private final Kind kind;
    /** {@link #logKind()}, made once: every status read renders it for each log entry. */
    private final String logKind = "event;sealing." + name();

    SectorEvent() {
        this(Kind.PLAIN);
    }

    SectorEvent(Kind kind) {
        this.kind = kind;
    }

    /** Accepted in any state (Lotus's {@code globalMutator}). */
    public boolean isGlobal() {
        return kind == Kind.GLOBAL || kind == Kind.GLOBAL_ERROR;
    }

    /** Dropped silently, without an error in the log, by a state that has no move for it. */
    public boolean isIgnorable() {
        return kind == Kind.IGNORABLE;
    }

    /** Carries an error: its log entry has a trace and it sets the sector's last error. */
    public boolean isError() {
        return kind == Kind.ERROR || kind == Kind.GLOBAL_ERROR;
    }

    /** Stands for something the chain did; Lotus's own state machine has no such event. */
    public boolean isSimulatorEvent() {
        return kind == Kind.SIMULATOR || kind == Kind.CHAIN;
    }

    /**
     * Something only the chain state shows (a fault, a recovery, a passive termination): the history
     * records it, the sector's log does not (Lotus's sealing log never sees it).
     */
    public boolean isChainOnly() {
        return kind == Kind.CHAIN;
    }

    /** The log kind Lotus writes for this event, e.g. {@code event;sealing.SectorPacked}. */
    public String logKind() {
        return logKind;
    }
}
