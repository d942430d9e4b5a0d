package io.minersim.sealing;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The sectors that will expire, by expiration epoch: one bucket of sector numbers per epoch, so that
 * a million proving sectors cost a million longs and one timer per distinct epoch rather than a timer
 * each. Buckets are lazy: a sector whose expiration moved stays in its old bucket, and whoever takes
 * a bucket checks each sector's expiration again.
 */
final class ExpirationQueue {
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    /** The used length of each bucket's array (arrays grow by half). */
    private final Map<Long, Integer> sizes = new java.util.HashMap<>();

    /** Adds a sector to the bucket of {@code epoch}; whether that bucket is new (and needs a timer). */
    boolean add(long epoch, long sector) {
        long[] bucket = buckets.get(epoch);
        if (bucket == null) {
            buckets.put(epoch, new long[] {sector, 0, 0, 0});
            sizes.put(epoch, 1);
            return true;
        }
        int n = sizes.get(epoch);
        if (n == bucket.length) {
            bucket = Arrays.copyOf(bucket, n + (n >> 1) + 1);
            buckets.put(epoch, bucket);
        }
        bucket[n] = sector;
        sizes.put(epoch, n + 1);
        return false;
    }

    /** Removes the bucket of {@code epoch} and returns its sector numbers, ascending and distinct. */
    long[] take(long epoch) {
        long[] bucket = buckets.remove(epoch);
        Integer n = sizes.remove(epoch);
        return bucket == null ? new long[0] : distinctSorted(bucket, n);
    }

    /** Visits every bucket, by epoch, with its numbers ascending and distinct. */
    void forEach(BiConsumer<Long, long[]> visitor) {
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            visitor.accept(e.getKey(), distinctSorted(e.getValue(), sizes.get(e.getKey())));
        }
    }

    int bucketCount() {
        return buckets.size();
    }

    private static long[] distinctSorted(long[] bucket, int n) {
        long[] out = Arrays.copyOf(bucket, n);
        Arrays.sort(out);
        int k = 0;
        for (int i = 0; i < out.length; i++) {
            if (k == 0 || out[i] != out[k - 1]) {
                out[k++] = out[i];
            }
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
    }
}
