package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.storage.SectorFiles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where Lotus's sealing has put a sector's files, read from the sector's state and kind (Lotus's
 * {@code storage/sealer/manager.go} lifecycle): AddPiece writes the unsealed file on a sealing path, PreCommit1 adds
 * the sealed file and the cache there, finalizing trims the cache and moves everything to a storage path (a
 * committed-capacity sector drops its unsealed copy, a deal sector keeps it), a snap upgrade writes the update files on
 * a sealing path and moves them, releasing the sector key removes the old sealed file and cache, and removal
 * removes everything. A failed state keeps the files of the state that failed. Locks are those of the task a state
 * runs, held while the sector is in it.
 */
final class SectorFilesView implements SectorFiles {
    private static final int U = 1;
    private static final int SEALED = 2;
    private static final int CACHE = 4;
    private static final int UPDATE = 8;
    private static final int UPDATE_CACHE = 16;
    private static final int SEALING_SET = U | SEALED | CACHE;

    /** The locks of the task each locking state runs ({@code manager.go}: each task's {@code StorageLock}). */
    private static final Map<SectorState, Locks> LOCKS = new EnumMap<>(SectorState.class);

    static {
        for (SectorState st : List.of(SectorState.AddPiece, SectorState.Packing, SectorState.SnapDealsAddPiece,
                SectorState.SnapDealsPacking)) {
            LOCKS.put(st, new Locks(0, U));
        }
        LOCKS.put(SectorState.PreCommit1, new Locks(U, SEALED | CACHE));
        LOCKS.put(SectorState.PreCommit2, new Locks(SEALED, CACHE));
        LOCKS.put(SectorState.Committing, new Locks(SEALED, CACHE));
        LOCKS.put(SectorState.FinalizeSector, new Locks(0, SEALING_SET));
        LOCKS.put(SectorState.UpdateReplica, new Locks(SEALING_SET, UPDATE | UPDATE_CACHE));
        LOCKS.put(SectorState.ProveReplicaUpdate, new Locks(SEALED | CACHE | UPDATE | UPDATE_CACHE, 0));
        LOCKS.put(SectorState.FinalizeReplicaUpdate, new Locks(0, U | UPDATE | UPDATE_CACHE));
    }

    private static final Locks NO_LOCKS = new Locks(0, 0);

    private final Pipeline p;

    SectorFilesView(Pipeline p) {
        this.p = p;
    }

    @Override
    public long actorId() {
        return p.config.actorId();
    }

    @Override
    public long sectorSize() {
        return p.sectorSize;
    }

    @Override
    public void forEach(Visitor v) {
        p.sectors.forEach(s -> {
            int sealing = sealing(s);
            int stored = stored(s);
            if ((sealing | stored) != 0) {
                v.sector(s.number, s.createdEpoch, sealing, stored);
            }
        });
    }

    @Override
    public Files of(long number) {
        Sector s = p.sectors.get(number);
        if (s == null) {
            return null;
        }
        int sealing = sealing(s);
        int stored = stored(s);
        return (sealing | stored) == 0 ? null : new Files(s.createdEpoch, sealing, stored);
    }

    @Override
    public void forEachLocked(LockVisitor v) {
        for (long n : p.sectors.numbersIn(LOCKS.keySet())) {
            Locks l = locks(p.sectors.get(n).state);
            v.sector(n, l.read(), l.write());
        }
    }

    @Override
    public Locks locksOf(long number) {
        Sector s = p.sectors.get(number);
        return s == null ? NO_LOCKS : locks(s.state);
    }

    private static Locks locks(SectorState st) {
        return LOCKS.getOrDefault(st, NO_LOCKS);
    }

    /** Files on a sealing path. */
    private static int sealing(Sector s) {
        return switch (phase(s)) {
            case NONE, STORED, STORED_UPDATED -> 0;
            case ADDED -> U;
            case SEALING -> SEALING_SET;
            case SNAP_ADDED -> U;
            case SNAP_SEALING -> U | UPDATE | UPDATE_CACHE;
        };
    }

    /** Files on a storage path. */
    private static int stored(Sector s) {
        return switch (phase(s)) {
            case NONE, ADDED, SEALING -> 0;
            case STORED -> s.committedCapacity ? SEALED | CACHE : SEALING_SET;
            case SNAP_ADDED, SNAP_SEALING -> SEALED | CACHE;
            case STORED_UPDATED -> U | UPDATE | UPDATE_CACHE | (s.ccPieces() != null ? SEALED | CACHE : 0);
        };
    }

    private enum Phase { NONE, ADDED, SEALING, STORED, SNAP_ADDED, SNAP_SEALING, STORED_UPDATED }

    private static Phase phase(Sector s) {
        return switch (s.state) {
            case Empty, Removed -> Phase.NONE;
            case WaitDeals, AddPieceFailed -> s.pieces.isEmpty() ? Phase.NONE : Phase.ADDED;
            case AddPiece, Packing, GetTicket, PackingFailed -> Phase.ADDED;
            case PreCommit1, PreCommit2, PreCommitting, PreCommitWait, WaitSeed, Committing, CommitFinalize,
                    SubmitCommit, CommitWait, FinalizeSector, SubmitPreCommitBatch, PreCommitBatchWait,
                    SubmitCommitAggregate, CommitAggregateWait, SealPreCommit1Failed, SealPreCommit2Failed,
                    PreCommitFailed, ComputeProofFailed, RemoteCommitFailed, CommitFailed, CommitFinalizeFailed,
                    FinalizeFailed, DealsExpired, RecoverDealIDs -> Phase.SEALING;
            case FailedUnrecoverable -> s.sealed ? finalized(s) : s.ticketEpoch != Sector.NONE ? Phase.SEALING
                    : Phase.ADDED;
            case Proving, Available, Faulty, FaultReported, FaultedFinal, Terminating, TerminateWait,
                    TerminateFinality, TerminateFailed, Removing, RemoveFailed, ReceiveSector -> finalized(s);
            case SnapDealsWaitDeals, SnapDealsAddPiece, SnapDealsPacking, SnapDealsAddPieceFailed,
                    SnapDealsDealsExpired, SnapDealsRecoverDealIDs, AbortUpgrade -> Phase.SNAP_ADDED;
            case UpdateReplica, ProveReplicaUpdate, SubmitReplicaUpdate, WaitMutable, ReplicaUpdateWait,
                    FinalizeReplicaUpdate, ReplicaUpdateFailed, FinalizeReplicaUpdateFailed -> Phase.SNAP_SEALING;
            case UpdateActivating, ReleaseSectorKey, ReleaseSectorKeyFailed -> Phase.STORED_UPDATED;
        };
    }

    private static Phase finalized(Sector s) {
        return s.replicaUpdateMessage() >= 0 ? Phase.STORED_UPDATED : Phase.STORED;
    }
}
