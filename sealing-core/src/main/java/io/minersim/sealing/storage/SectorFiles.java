package io.minersim.sealing.storage;

/**
 * The engine's side of the storage index: which files each sector has now, on sealing paths and on storage paths,
 * derived from its state and kind (nothing is stored per sector), and which of them a running task holds locked.
 */
public interface SectorFiles {

    /** The miner's actor ID. */
    long actorId();

    /** The miner's sector size in bytes. */
    long sectorSize();

    /** Calls {@code v} for every sector that has files, in sector-number order. */
    void forEach(Visitor v);

    /** The files of sector {@code number}, or null when it has none (or does not exist). */
    Files of(long number);

    /** Calls {@code v} for every sector a running task holds locks on, in sector-number order. */
    void forEachLocked(LockVisitor v);

    /** The locks a task holds on sector {@code number} now ({@code 0, 0} for none). */
    Locks locksOf(long number);

    /** One sector's files: type masks on a sealing path and on a storage path. */
    record Files(long createdEpoch, int sealing, int stored) {
    }

    /** The file types a task reads and writes. */
    record Locks(int read, int write) {
    }

    @FunctionalInterface
    interface Visitor {
        void sector(long number, long createdEpoch, int sealing, int stored);
    }

    @FunctionalInterface
    interface LockVisitor {
        void sector(long number, int read, int write);
    }
}
