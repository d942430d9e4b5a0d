package io.minersim.sealing.storage;

import java.util.List;

/**
 * A change to a miner's storage index, as a value: what the miner journals and replays. Each names the Lotus call it
 * is; {@link StorageIndex#apply} runs it.
 */
public sealed interface StorageOp {

    /** {@code StorageAttach}. */
    record Attach(PathMeta meta, FsStat stat) implements StorageOp {
    }

    /** {@code StorageDetach}. */
    record Detach(String id, String url) implements StorageOp {
    }

    /** {@code StorageAddLocal}. */
    record AddLocal(String path) implements StorageOp {
    }

    /** {@code StorageDetachLocal}. */
    record DetachLocal(String path) implements StorageOp {
    }

    /** {@code StorageRedeclareLocal}; {@code id} null for every local path. */
    record Redeclare(String id, boolean dropMissing) implements StorageOp {
    }

    /** {@code StorageDeclareSector}. */
    record Declare(String id, long miner, long number, long types, boolean primary) implements StorageOp {
    }

    /** {@code StorageDropSector}. */
    record Drop(String id, long miner, long number, long types) implements StorageOp {
    }

    /** {@code StorageReportHealth}. */
    record ReportHealth(String id, FsStat stat, String err) implements StorageOp {
    }

    /** Sets up the simulated machine's disks and opens the given ones (a scenario's storage section). */
    record Configure(List<SimulatedDisk> disks, List<String> open) implements StorageOp {
        public Configure {
            disks = List.copyOf(disks);
            open = List.copyOf(open);
        }
    }
}
