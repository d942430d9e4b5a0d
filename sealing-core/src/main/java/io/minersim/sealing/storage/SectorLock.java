package io.minersim.sealing.storage;

/**
 * One sector's entry in {@code StorageGetLocks}: per file-type bit, writers (0 or 1) and readers.
 *
 * @param miner the sector's miner
 * @param number the sector number
 * @param write writers per type bit (6 entries)
 * @param read readers per type bit (6 entries)
 */
public record SectorLock(long miner, long number, int[] write, int[] read) {
    public SectorLock {
        write = write.clone();
        read = read.clone();
    }

    @Override
    public int[] write() {
        return write.clone();
    }

    @Override
    public int[] read() {
        return read.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectorLock l && l.miner == miner && l.number == number
                && java.util.Arrays.equals(l.write, write) && java.util.Arrays.equals(l.read, read);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(miner, number, java.util.Arrays.hashCode(write), java.util.Arrays.hashCode(read));
    }

    @Override
    public String toString() {
        return "SectorLock[" + miner + "/" + number + " w=" + java.util.Arrays.toString(write) + " r="
                + java.util.Arrays.toString(read) + "]";
    }
}
