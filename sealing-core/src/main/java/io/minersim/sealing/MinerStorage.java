package io.minersim.sealing;

import io.minersim.sealing.storage.Decl;
import io.minersim.sealing.storage.FoundPath;
import io.minersim.sealing.storage.FsStat;
import io.minersim.sealing.storage.PathMeta;
import io.minersim.sealing.storage.SectorLock;
import java.util.List;
import java.util.Map;

/**
 * The reads of a miner's storage index ({@code storage/paths/index.go}, {@code local.go}), each in one consistent
 * state of the miner. Changes go through {@link Miner#changeStorage}, which journals them.
 */
public final class MinerStorage {
    private final Miner miner;

    MinerStorage(Miner miner) {
        this.miner = miner;
    }

    /** {@code StorageList}. */
    public Map<String, List<Decl>> list() {
        return miner.readStorage((x, now) -> x.list());
    }

    /** The IDs of the paths in the index, in the order they were attached. */
    public List<String> ids() {
        return miner.readStorage((x, now) -> x.ids());
    }

    /** {@code StorageLocal}. */
    public Map<String, String> local() {
        return miner.readStorage((x, now) -> x.local());
    }

    /** {@code StorageInfo}. */
    public PathMeta info(String id) {
        return miner.readStorage((x, now) -> x.info(id));
    }

    /** {@code StorageStat}. */
    public FsStat stat(String id) {
        return miner.readStorage((x, now) -> x.stat(id, now));
    }

    /** {@code StorageFindSector}. */
    public List<FoundPath> find(long minerId, long number, long types, long sectorSize, boolean allowFetch) {
        return miner.readStorage((x, now) -> x.find(minerId, number, types, sectorSize, allowFetch, now));
    }

    /** {@code StorageBestAlloc}; {@code sealing} false for the {@code "storage"} path type. */
    public List<PathMeta> bestAlloc(long types, long sectorSize, boolean sealing, long minerId) {
        return miner.readStorage((x, now) -> x.bestAlloc(types, sectorSize, sealing, minerId, now));
    }

    /** {@code StorageGetLocks}. */
    public List<SectorLock> locks() {
        return miner.readStorage((x, now) -> x.locks());
    }

    /** {@code StorageTryLock}: whether the locks are free now (a lock taken is released as the call ends). */
    public boolean tryLock(long minerId, long number, long read, long write) {
        return miner.readStorage((x, now) -> x.tryLock(minerId, number, read, write));
    }

    /** Bytes of sector files per path ID (sealing budgets while sealing, finalized ones after). */
    public Map<String, Long> usage() {
        return miner.readStorage((x, now) -> x.usage());
    }
}
