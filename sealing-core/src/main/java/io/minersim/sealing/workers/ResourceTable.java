package io.minersim.sealing.workers;

import io.minersim.sealing.SectorSize;
import java.util.EnumMap;
import java.util.Map;

/**
 * Lotus's default resource table ({@code storiface.ResourceTable} with its {@code init()} copies): per task type
 * and sector size. Unseal copies PreCommit1, RegenSectorKey copies ReplicaUpdate, DataCid copies AddPiece; the
 * finalize, fetch-free and download types have no entry and need nothing.
 */
public final class ResourceTable {

    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    /** Per task: the entries for 2 KiB, 8 MiB, 512 MiB, 32 GiB and 64 GiB, in that order. */
    private static final Map<TaskType, Resources[]> TABLE = build();

    private ResourceTable() {
    }

    /** What one task of {@code type} on a sector of {@code size} needs. */
    public static Resources of(TaskType type, SectorSize size) {
        Resources[] bySize = TABLE.get(type);
        return bySize == null ? Resources.NONE : bySize[size.ordinal()];
    }

    /** The task types that have an entry (the keys of a worker's {@code Resources} on the wire). */
    public static java.util.Set<TaskType> withEntries() {
        return java.util.Collections.unmodifiableSet(TABLE.keySet());
    }

    private static Resources r(long min, long max, double gpu, int par, int parGpu, long base) {
        return new Resources(min, max, gpu, par, parGpu, base, 0);
    }

    private static Map<TaskType, Resources[]> build() {
        Map<TaskType, Resources[]> t = new EnumMap<>(TaskType.class);
        Resources[] addPiece = {r(2 * KIB, 2 * KIB, 0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 0, 1, 0, 8 * MIB),
            r(GIB, GIB, 0, 1, 0, GIB), r(4 * GIB, 4 * GIB, 0, 1, 0, GIB), r(8 * GIB, 8 * GIB, 0, 1, 0, GIB)};
        Resources[] pc1 = {r(2 * KIB, 2 * KIB, 0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 0, 1, 0, 8 * MIB),
            r(768 * MIB, GIB, 0, 1, 0, MIB), r(56 * GIB, 64 * GIB, 0, 1, 0, 10 * MIB),
            r(112 * GIB, 128 * GIB, 0, 1, 0, 10 * MIB)};
        Resources[] pc2 = {r(2 * KIB, 2 * KIB, 0, -1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 0, -1, 0, 8 * MIB),
            r(GIB, 3 * GIB / 2, 0, -1, 0, GIB), r(15 * GIB, 15 * GIB, 1.0, -1, 6, GIB),
            r(30 * GIB, 30 * GIB, 1.0, -1, 6, GIB)};
        Resources[] c1 = {r(2 * KIB, 2 * KIB, 0, 0, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 0, 0, 0, 8 * MIB),
            r(GIB, GIB, 0, 0, 0, GIB), r(GIB, GIB, 0, 0, 0, GIB), r(GIB, GIB, 0, 0, 0, GIB)};
        Resources[] c2 = {r(2 * KIB, 2 * KIB, 1.0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 1.0, 1, 0, 8 * MIB),
            r(GIB, 3 * GIB / 2, 1.0, 1, 0, 10 * GIB), r(30 * GIB, 150 * GIB, 1.0, -1, 6, 32 * GIB),
            r(60 * GIB, 190 * GIB, 1.0, -1, 6, 64 * GIB)};
        Resources fetch = r(MIB, MIB, 0, 0, 0, 0);
        Resources[] replicaUpdate = {r(2 * KIB, 2 * KIB, 0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 0, 1, 0, 8 * MIB),
            r(GIB, GIB, 0, 1, 0, GIB), r(4 * GIB, 4 * GIB, 0, 1, 0, GIB), r(8 * GIB, 8 * GIB, 0, 1, 0, GIB)};
        Resources[] windowPoSt = {r(2 * KIB, 2 * KIB, 1.0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 1.0, 1, 0, 8 * MIB),
            r(GIB, 3 * GIB / 2, 1.0, 1, 0, 10 * GIB), r(30 * GIB, 96 * GIB, 1.0, -1, 6, 32 * GIB),
            r(60 * GIB, 120 * GIB, 1.0, -1, 6, 64 * GIB)};
        Resources[] winningPoSt = {r(2 * KIB, 2 * KIB, 1.0, 1, 0, 2 * KIB), r(8 * MIB, 8 * MIB, 1.0, 1, 0, 8 * MIB),
            r(2 * KIB, 2 * KIB, 1.0, 1, 0, 10 * GIB), r(GIB, GIB, 1.0, -1, 6, 32 * GIB),
            r(GIB, GIB, 1.0, -1, 6, 64 * GIB)};
        t.put(TaskType.ADD_PIECE, addPiece);
        t.put(TaskType.PRE_COMMIT_1, pc1);
        t.put(TaskType.PRE_COMMIT_2, pc2);
        t.put(TaskType.COMMIT_1, c1);
        t.put(TaskType.COMMIT_2, c2);
        t.put(TaskType.FETCH, new Resources[] {fetch, fetch, fetch, fetch, fetch});
        t.put(TaskType.REPLICA_UPDATE, replicaUpdate);
        t.put(TaskType.PROVE_REPLICA_UPDATE_1, c1);
        t.put(TaskType.PROVE_REPLICA_UPDATE_2, c2);
        t.put(TaskType.GENERATE_WINDOW_POST, windowPoSt);
        t.put(TaskType.GENERATE_WINNING_POST, winningPoSt);
        t.put(TaskType.UNSEAL, pc1);
        t.put(TaskType.REGEN_SECTOR_KEY, replicaUpdate);
        t.put(TaskType.DATA_CID, addPiece);
        return t;
    }
}
