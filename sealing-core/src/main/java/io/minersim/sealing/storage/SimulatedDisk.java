package io.minersim.sealing.storage;

import java.util.Objects;

/**
 * A directory of the simulated machine that holds a {@code sectorstore.json}: what {@code StorageAddLocal} can
 * open. Nothing is read from the real file system; a path "exists" when the world has a disk at it.
 *
 * @param localPath the absolute path of the directory
 * @param capacity the size of the file system it is on, in bytes
 * @param meta the directory's {@code sectorstore.json} (its URLs are unused: the miner's own are taken)
 */
public record SimulatedDisk(String localPath, long capacity, PathMeta meta) {
    public SimulatedDisk {
        Objects.requireNonNull(localPath, "localPath");
        Objects.requireNonNull(meta, "meta");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
    }
}
