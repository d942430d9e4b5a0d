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
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

    /** One epoch's sector numbers: an array that grows by half, and its used length. */
    private static final class Bucket {
        long[] numbers = new long[4];
        int size;
    }

    /** Adds a sector to the bucket of {@code epoch}; whether that bucket is new (and needs a timer). */
    boolean add(long epoch, long sector) {
        Bucket bucket = buckets.get(epoch);
        boolean created = bucket == null;
        if (created) {
            bucket = new Bucket();
            buckets.put(epoch, bucket);
        }
        int n = bucket.size;
        if (n == bucket.numbers.length) {
            bucket.numbers = Arrays.copyOf(bucket.numbers, n + (n >> 1) + 1);
        }
        bucket.numbers[n] = sector;
        bucket.size = n + 1;
        return created;
    }

    /** Removes the bucket of {@code epoch} and returns its sector numbers, ascending and distinct. */
    long[] take(long epoch) {
        Bucket bucket = buckets.remove(epoch);
        return bucket == null ? new long[0] : distinctSorted(bucket);
    }

    /** Visits every bucket, by epoch, with its numbers ascending and distinct. */
    void forEach(BiConsumer<Long, long[]> visitor) {
        for (Map.Entry<Long, Bucket> e : buckets.entrySet()) {
            visitor.accept(e.getKey(), distinctSorted(e.getValue()));
        }
    }

    private static long[] distinctSorted(Bucket bucket) {
        long[] out = Arrays.copyOf(bucket.numbers, bucket.size);
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
