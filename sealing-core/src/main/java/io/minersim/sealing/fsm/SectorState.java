package io.minersim.sealing.fsm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 63 sector states of Lotus's {@code ExistSectorStateList}, spelled as Lotus spells them (the
 * enum constant's name is the wire name).
 *
 * <p>Each state knows its {@link StateGroup} and its {@link StatsBucket}. The legacy states
 * ({@code Empty}, {@code PreCommitting}, {@code SubmitCommit}, {@code PackingFailed}) are kept so
 * that every name Lotus accepts is accepted here; the simulator's own pipeline does not enter them
 * except by force.
 */
public enum SectorState {
    // normal path
    Empty(StateGroup.NORMAL, StatsBucket.STAGING),
    WaitDeals(StateGroup.NORMAL, StatsBucket.STAGING),
    AddPiece(StateGroup.NORMAL, StatsBucket.STAGING),
    Packing(StateGroup.NORMAL, StatsBucket.SEALING),
    GetTicket(StateGroup.NORMAL, StatsBucket.SEALING),
    PreCommit1(StateGroup.NORMAL, StatsBucket.SEALING),
    PreCommit2(StateGroup.NORMAL, StatsBucket.SEALING),
    PreCommitting(StateGroup.NORMAL, StatsBucket.SEALING),
    PreCommitWait(StateGroup.NORMAL, StatsBucket.SEALING),
    WaitSeed(StateGroup.NORMAL, StatsBucket.SEALING),
    Committing(StateGroup.NORMAL, StatsBucket.SEALING),
    CommitFinalize(StateGroup.NORMAL, StatsBucket.SEALING),
    SubmitCommit(StateGroup.NORMAL, StatsBucket.SEALING, true),
    CommitWait(StateGroup.NORMAL, StatsBucket.SEALING, true),
    FinalizeSector(StateGroup.NORMAL, StatsBucket.SEALING),
    Proving(StateGroup.NORMAL, StatsBucket.PROVING),
    Available(StateGroup.NORMAL, StatsBucket.PROVING),

    // batching
    SubmitPreCommitBatch(StateGroup.BATCHING, StatsBucket.SEALING),
    PreCommitBatchWait(StateGroup.BATCHING, StatsBucket.SEALING),
    SubmitCommitAggregate(StateGroup.BATCHING, StatsBucket.SEALING, true),
    CommitAggregateWait(StateGroup.BATCHING, StatsBucket.SEALING, true),

    // sealing failures
    FailedUnrecoverable(StateGroup.FAILURE, StatsBucket.FAILED),
    AddPieceFailed(StateGroup.FAILURE, StatsBucket.STAGING),
    SealPreCommit1Failed(StateGroup.FAILURE, StatsBucket.FAILED),
    SealPreCommit2Failed(StateGroup.FAILURE, StatsBucket.FAILED),
    PreCommitFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    ComputeProofFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    RemoteCommitFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    CommitFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    CommitFinalizeFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    PackingFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    FinalizeFailed(StateGroup.FAILURE, StatsBucket.FAILED),
    DealsExpired(StateGroup.FAILURE, StatsBucket.FAILED),
    RecoverDealIDs(StateGroup.FAILURE, StatsBucket.FAILED),

    // snap deals
    SnapDealsWaitDeals(StateGroup.SNAP, StatsBucket.STAGING),
    SnapDealsAddPiece(StateGroup.SNAP, StatsBucket.STAGING),
    SnapDealsPacking(StateGroup.SNAP, StatsBucket.SEALING),
    UpdateReplica(StateGroup.SNAP, StatsBucket.SEALING),
    ProveReplicaUpdate(StateGroup.SNAP, StatsBucket.SEALING),
    SubmitReplicaUpdate(StateGroup.SNAP, StatsBucket.SEALING, true),
    WaitMutable(StateGroup.SNAP, StatsBucket.SEALING, true),
    ReplicaUpdateWait(StateGroup.SNAP, StatsBucket.SEALING, true),
    FinalizeReplicaUpdate(StateGroup.SNAP, StatsBucket.SEALING),
    UpdateActivating(StateGroup.SNAP, StatsBucket.PROVING),
    ReleaseSectorKey(StateGroup.SNAP, StatsBucket.PROVING),

    // snap deal failures
    SnapDealsAddPieceFailed(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    SnapDealsDealsExpired(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    SnapDealsRecoverDealIDs(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    AbortUpgrade(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    ReplicaUpdateFailed(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    ReleaseSectorKeyFailed(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),
    FinalizeReplicaUpdateFailed(StateGroup.SNAP_FAILURE, StatsBucket.FAILED),

    // faults
    Faulty(StateGroup.FAULT, StatsBucket.FAILED),
    FaultReported(StateGroup.FAULT, StatsBucket.FAILED),
    FaultedFinal(StateGroup.FAULT, StatsBucket.FAILED),

    // termination
    Terminating(StateGroup.TERMINATION, StatsBucket.PROVING),
    TerminateWait(StateGroup.TERMINATION, StatsBucket.PROVING),
    TerminateFinality(StateGroup.TERMINATION, StatsBucket.PROVING),
    TerminateFailed(StateGroup.TERMINATION, StatsBucket.PROVING),

    // removal
    Removing(StateGroup.REMOVAL, StatsBucket.PROVING),
    RemoveFailed(StateGroup.REMOVAL, StatsBucket.FAILED),
    Removed(StateGroup.REMOVAL, StatsBucket.PROVING),

    // import
    ReceiveSector(StateGroup.RECEIVE, StatsBucket.SEALING);

    private static final Map<String, SectorState> BY_NAME;
    private static final Set<SectorState> UPGRADE_SNAP_STATES = EnumSet.of(
            SnapDealsWaitDeals, SnapDealsAddPiece, SnapDealsPacking, UpdateReplica, ProveReplicaUpdate,
            SubmitReplicaUpdate, WaitMutable);

    static {
        Map<String, SectorState> byName = new HashMap<>();
        for (SectorState s : values()) {
            byName.put(s.name(), s);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private final StateGroup group;
    private final StatsBucket bucket;
    private final boolean provingWhenFinalizedEarly;

    SectorState(StateGroup group, StatsBucket bucket) {
        this(group, bucket, false);
    }

    SectorState(StateGroup group, StatsBucket bucket, boolean provingWhenFinalizedEarly) {
        this.group = group;
        this.bucket = bucket;
        this.provingWhenFinalizedEarly = provingWhenFinalizedEarly;
    }

    public StateGroup group() {
        return group;
    }

    /** The stats bucket with Lotus's default {@code FinalizeEarly = false}. */
    public StatsBucket statsBucket() {
        return bucket;
    }

    /**
     * The stats bucket under the given {@code FinalizeEarly} setting: with early finalisation the
     * commit and replica-update message states count as proving, as in Lotus.
     */
    public StatsBucket statsBucket(boolean finalizeEarly) {
        return finalizeEarly && provingWhenFinalizedEarly ? StatsBucket.PROVING : bucket;
    }

    /** Lotus's {@code IsUpgradeState}: the snap states up to WaitMutable and the snap failures. */
    public boolean isUpgradeState() {
        return group == StateGroup.SNAP_FAILURE || UPGRADE_SNAP_STATES.contains(this);
    }

    /** The state of that exact (case-sensitive) name, if Lotus knows it. */
    public static Optional<SectorState> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
