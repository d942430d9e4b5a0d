package io.minersim.app.api;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encoded {@code SectorsStatus} answers of recently asked sectors, for dashboards that poll the same sectors.
 * An answer is kept with the miner's write count it was read at ({@link io.minersim.sealing.Miner#writeCount()})
 * and served only while that count is unchanged: any mutation of the miner (a call, a clock move, a restore)
 * retires every entry, so a cached answer is always the one a fresh read would give. A status depends on
 * nothing outside the miner (no wall time; epochs' timestamps are fixed by genesis and block time).
 *
 * <p>Direct-mapped: a fixed number of slots, one entry each, chosen by (sector, on-chain flag); a newer entry
 * replaces whatever held its slot. Lock-free: entries are immutable and a lost race is only a miss.
 */
final class StatusCache {
    /** An answer: {@code length} bytes of {@code array} from {@code from} (a slice of the response it was sent in). */
    record Entry(long sector, boolean onChainInfo, long writeCount, byte[] array, int from, int length) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** A cache of {@code slots} entries, a power of two. */
    StatusCache(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots);
        this.mask = slots - 1;
    }

    /** The answer cached for this key at this write count, or null. The caller must not modify its array. */
    Entry get(long sector, boolean onChainInfo, long writeCount) {
        Entry e = slots.getAcquire(slot(sector, onChainInfo));
        return e != null && e.sector == sector && e.onChainInfo == onChainInfo && e.writeCount == writeCount
                ? e : null;
    }

    /**
     * Keeps {@code length} bytes of {@code array} from {@code from}, by reference: nobody may change them after
     * (a {@link io.minersim.app.rpc.GoJsonWriter} never changes what it has written).
     */
    void put(long sector, boolean onChainInfo, long writeCount, byte[] array, int from, int length) {
        java.util.Objects.checkFromIndexSize(from, length, array.length);
        slots.setRelease(slot(sector, onChainInfo), new Entry(sector, onChainInfo, writeCount, array, from, length));
    }

    private int slot(long sector, boolean onChainInfo) {
        long h = (sector << 1 | (onChainInfo ? 1 : 0)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
