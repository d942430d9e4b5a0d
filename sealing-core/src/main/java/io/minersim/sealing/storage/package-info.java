/**
 * Storage paths and Lotus's sector index over them, after Lotus's {@code storage/paths} ({@code index.go}
 * {@code MemIndex}, {@code local.go}) and {@code storage/sealer/storiface} ({@code filetype.go},
 * {@code storage.go}).
 *
 * <p><b>Design.</b> A miner's {@link io.minersim.sealing.storage.StorageIndex} holds the simulated machine's disks
 * ({@link io.minersim.sealing.storage.SimulatedDisk}: a directory, the size of its file system, its
 * {@code sectorstore.json}), the paths the miner has open ({@code storage.json}) and the index entries
 * ({@link io.minersim.sealing.storage.PathMeta}, with the reported {@link io.minersim.sealing.storage.FsStat} of
 * paths that are not the miner's own). A path "exists" for {@code StorageAddLocal} when the world has a disk at it;
 * nothing is read from the real file system, so a run is the same on every machine. By default there is one disk,
 * the repo path ({@code /var/lib/minersim/f0<actor>}, 1 PiB, weight 10, sealing and storing, its ID a UUID drawn
 * from the seed), as {@code lotus-miner init} leaves it; a scenario's storage section replaces it.
 *
 * <p><b>Sector files are derived, not stored.</b> The engine says, through {@link
 * io.minersim.sealing.storage.SectorFiles}, which file types ({@link io.minersim.sealing.storage.SectorFileType})
 * each sector has now on a sealing path and on a storage path, from its state and kind; the index places each type
 * on a path by weighted rendezvous hashing of the sector number over the paths that could take it when the sector
 * was made (open by then, weight above 0, CanSeal while sealing or CanStore once finalized, allowed for the type and
 * the miner; weight × capacity as the weight, as Lotus prefers weight × free space). The heap per sector is
 * therefore nothing; a path's used bytes are Lotus's space budgets of what it holds (seal budgets while sealing,
 * finalized ones after), summed on each read. Only what callers change by hand is kept, sparsely: declarations
 * ({@code StorageDeclareSector}), dropped derived declarations ({@code StorageDropSector}, undone by
 * {@code StorageRedeclareLocal}), paths attached by workers and their health reports. The index keeps the paths,
 * placement and writes; {@link io.minersim.sealing.storage.SectorDeclarations} answers from them what is declared
 * where ({@code StorageList}, {@code StorageFindSector}) and the sector locks.
 *
 * <p><b>Changes</b> are {@link io.minersim.sealing.storage.StorageOp} values, run by
 * {@code Miner.changeStorage} under the miner's write lock and journaled like every other call; the snapshot
 * carries the index ({@link io.minersim.sealing.storage.StorageCodec}) only once it differs from the default, so
 * documents of untouched miners read as before. Errors are {@link io.minersim.sealing.storage.StorageException}s
 * with Lotus's texts.
 *
 * <p><b>Where it differs from Lotus.</b> Locks are those of the task a sector's state runs, held while it is in
 * the state; a {@code StorageLock} that conflicts fails at once with "failed to acquire lock" (Lotus would wait).
 * The miner's own paths are always healthy (their heartbeat supersedes a report at once). Sealing never fails
 * for want of space: a full path shows as such in {@code StorageStat}.
 */
package io.minersim.sealing.storage;
