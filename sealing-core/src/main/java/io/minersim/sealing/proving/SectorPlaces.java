package io.minersim.sealing.proving;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each assigned sector is proven: its deadline and partition, packed in one {@code int} per
 * sector number, in chunks of 4,096 consecutive numbers (sector numbers are dense: a miner allocates
 * them in order). Four bytes a sector instead of a boxed map entry's seventy.
 */
final class SectorPlaces {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int DEADLINE_BITS = 6;
    /** Partitions a deadline may hold: the packed value keeps six bits for the deadline and one for "set". */
    static final int MAX_PARTITIONS = 1 << (31 - DEADLINE_BITS - 1);

    private final TreeMap<Long, int[]> chunks = new TreeMap<>();
    private long size;

    void put(long sector, int deadline, int partition) {
        if (partition < 0 || partition >= MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition " + partition + " out of range");
        }
        int[] chunk = chunks.computeIfAbsent(sector >>> SHIFT, k -> new int[CHUNK]);
        int i = (int) (sector & (CHUNK - 1));
        if (chunk[i] == 0) {
            size++;
        }
        chunk[i] = ((partition << DEADLINE_BITS) | deadline) + 1;
    }

    /** The sector's place, or {@code null} if it was never assigned. */
    SectorPlace get(long sector) {
        int[] chunk = chunks.get(sector >>> SHIFT);
        int v = chunk == null ? 0 : chunk[(int) (sector & (CHUNK - 1))];
        if (v == 0) {
            return null;
        }
        v--;
        return new SectorPlace(v & ((1 << DEADLINE_BITS) - 1), v >>> DEADLINE_BITS);
    }

    boolean contains(long sector) {
        int[] chunk = chunks.get(sector >>> SHIFT);
        return chunk != null && chunk[(int) (sector & (CHUNK - 1))] != 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Every assigned sector number, ascending. */
    long[] sectors() {
        long[] out = new long[(int) size];
        int n = 0;
        for (Map.Entry<Long, int[]> e : chunks.entrySet()) {
            long base = e.getKey() << SHIFT;
            int[] chunk = e.getValue();
            for (int i = 0; i < CHUNK; i++) {
                if (chunk[i] != 0) {
                    out[n++] = base + i;
                }
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
