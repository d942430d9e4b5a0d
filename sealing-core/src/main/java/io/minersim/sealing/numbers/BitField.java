package io.minersim.sealing.numbers;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;

/**
 * An immutable set of non-negative longs (sector numbers, 0 to 2<sup>63</sup>-1), the counterpart
 * of go-bitfield's {@code BitField}. It is stored as sorted, disjoint, non-adjacent runs of
 * consecutive numbers, so a range of a million numbers costs two words. Set operations are
 * linear in the number of runs; {@link #contains} is logarithmic.
 *
 * <p>{@link #fromRuns} and {@link #toRuns} use the go-bitfield JSON form: run lengths that
 * alternate unset/set, starting with the unset run at 0 ({@code [5,3,2,1]} = {5,6,7,10}).
 *
 * <p>The one set whose size does not fit in a long, every number from 0 to 2<sup>63</sup>-1,
 * can be built with {@link #union}; {@link #count}, {@link #toRuns} and {@link #lowestNotIn()}
 * refuse it.
 */
public final class BitField implements Iterable<Long> {
    /** The largest count {@link #toArray()} will materialise. */
    public static final int TO_ARRAY_LIMIT = 10_000_000;

    private static final BitField EMPTY = new BitField(new long[0]);

    /**
     * Inclusive bounds of the runs, {@code start0, last0, start1, last1, ...}: ascending, and
     * every start is at least two above the previous last (runs neither overlap nor touch).
     */
    private final long[] bounds;

    private BitField(long[] bounds) {
        this.bounds = bounds;
    }

    /** The empty set. */
    public static BitField empty() {
        return EMPTY;
    }

    /** The set of the given numbers, in any order, duplicates allowed; all must be &ge; 0. */
    public static BitField of(long... values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("sector numbers must not be negative: " + sorted[0]);
        }
        Builder b = new Builder(8);
        for (long v : sorted) {
            b.add(v, v);
        }
        return b.build();
    }

    /** The numbers {@code fromInclusive} to {@code toExclusive - 1}; empty when they are equal. */
    public static BitField range(long fromInclusive, long toExclusive) {
        if (fromInclusive < 0) {
            throw new IllegalArgumentException("range start must not be negative: " + fromInclusive);
        }
        if (toExclusive < fromInclusive) {
            throw new IllegalArgumentException(
                    "range end " + toExclusive + " is below its start " + fromInclusive);
        }
        if (toExclusive == fromInclusive) {
            return EMPTY;
        }
        return new BitField(new long[] {fromInclusive, toExclusive - 1});
    }

    /**
     * Parses go-bitfield's JSON run form: the first element is the length of the run of unset
     * numbers starting at 0, then set and unset run lengths alternate. {@code []} and {@code [0]}
     * are empty. Like go-bitfield, only the first element may be 0, and a trailing unset run is
     * accepted and dropped.
     *
     * @throws IllegalArgumentException on a negative length, a zero-length run after the first
     *     element, or a set that would reach beyond 2<sup>63</sup>-1
     */
    public static BitField fromRuns(long[] runs) {
        Objects.requireNonNull(runs, "runs");
        Builder b = new Builder(runs.length);
        long pos = 0; // next number to place, valid unless pastEnd
        boolean pastEnd = false; // pos would be 2^63
        for (int i = 0; i < runs.length; i++) {
            long len = runs[i];
            if (len < 0) {
                throw new IllegalArgumentException("run " + i + " has a negative length: " + len);
            }
            if (len == 0 && i != 0) {
                throw new IllegalArgumentException(
                        "Cannot have a zero-length run except at start (run " + i + ")");
            }
            boolean set = (i & 1) == 1;
            if (!set) {
                if (i == runs.length - 1) {
                    break; // trailing unset run: no information
                }
                if (pastEnd || len > Long.MAX_VALUE - pos) {
                    throw overflow(i);
                }
                pos += len;
            } else {
                if (pastEnd || len - 1 > Long.MAX_VALUE - pos) {
                    throw overflow(i);
                }
                long last = pos + (len - 1);
                b.add(pos, last);
                if (last == Long.MAX_VALUE) {
                    pastEnd = true;
                } else {
                    pos = last + 1;
                }
            }
        }
        return b.build();
    }

    private static IllegalArgumentException overflow(int run) {
        return new IllegalArgumentException(
                "runs overflow: run " + run + " reaches beyond " + Long.MAX_VALUE);
    }

    /**
     * The canonical go-bitfield JSON run form, as Lotus marshals it: starts with the unset run at
     * 0 (0 when 0 is in the set), no trailing unset run, {@code [0]} when empty.
     *
     * @throws ArithmeticException for the full set, whose run length 2<sup>63</sup> fits no long
     */
    public long[] toRuns() {
        int n = runCount();
        if (n == 0) {
            return new long[] {0};
        }
        long[] out = new long[2 * n];
        long prevLast = -1;
        for (int i = 0; i < n; i++) {
            long s = bounds[2 * i];
            long e = bounds[2 * i + 1];
            out[2 * i] = s - prevLast - 1;
            out[2 * i + 1] = Math.addExact(e - s, 1);
            prevLast = e;
        }
        return out;
    }

    /** The number of maximal runs of consecutive numbers: the storage size of this set. */
    public int runCount() {
        return bounds.length / 2;
    }

    /** First number of run {@code run} (0-based, below {@link #runCount()}). */
    long runStart(int run) {
        return bounds[2 * run];
    }

    /** Last number (inclusive) of run {@code run}. */
    long runLast(int run) {
        return bounds[2 * run + 1];
    }

    /** Whether {@code value} is in the set. */
    public boolean contains(long value) {
        int i = runAtOrBefore(value);
        return i >= 0 && value <= bounds[2 * i + 1];
    }

    /**
     * How many numbers the set holds.
     *
     * @throws ArithmeticException for the full set of 2<sup>63</sup> numbers
     */
    public long count() {
        long c = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            c = Math.addExact(c, Math.addExact(bounds[i + 1] - bounds[i], 1));
        }
        return c;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /**
     * The smallest number in the set.
     *
     * @throws NoSuchElementException when empty
     */
    public long first() {
        if (isEmpty()) {
            throw new NoSuchElementException("bitfield is empty");
        }
        return bounds[0];
    }

    /**
     * The largest number in the set.
     *
     * @throws NoSuchElementException when empty
     */
    public long last() {
        if (isEmpty()) {
            throw new NoSuchElementException("bitfield is empty");
        }
        return bounds[bounds.length - 1];
    }

    /**
     * The lowest non-negative number not in the set.
     *
     * @throws IllegalStateException when the set holds every number up to 2<sup>63</sup>-1
     */
    public long lowestNotIn() {
        if (bounds.length == 0 || bounds[0] > 0) {
            return 0;
        }
        if (bounds[1] == Long.MAX_VALUE) {
            throw new IllegalStateException("every non-negative long is in the bitfield");
        }
        return bounds[1] + 1;
    }

    /**
     * The {@code count} lowest non-negative numbers not in the set.
     *
     * @throws IllegalArgumentException if count is negative
     * @throws IllegalStateException if fewer than {@code count} numbers up to 2<sup>63</sup>-1
     *     are free
     */
    public BitField lowestNotIn(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Builder b = new Builder(8);
        long remaining = count;
        long gapStart = 0;
        for (int i = 0; i < bounds.length && remaining > 0; i += 2) {
            long s = bounds[i];
            if (s > gapStart) {
                long take = Math.min(remaining, s - gapStart);
                b.add(gapStart, gapStart + take - 1);
                remaining -= take;
            }
            if (bounds[i + 1] == Long.MAX_VALUE) {
                if (remaining > 0) {
                    throw notEnoughFree(count);
                }
                return b.build();
            }
            gapStart = bounds[i + 1] + 1;
        }
        if (remaining > 0) {
            if (remaining - 1 > Long.MAX_VALUE - gapStart) {
                throw notEnoughFree(count);
            }
            b.add(gapStart, gapStart + remaining - 1);
        }
        return b.build();
    }

    private static IllegalStateException notEnoughFree(long count) {
        return new IllegalStateException(
                "fewer than " + count + " numbers up to " + Long.MAX_VALUE + " are free");
    }

    /** The numbers in either set. */
    public BitField union(BitField other) {
        long[] a = bounds;
        long[] o = other.bounds;
        if (o.length == 0) {
            return this;
        }
        if (a.length == 0) {
            return other;
        }
        Builder b = new Builder(a.length + o.length);
        int i = 0;
        int j = 0;
        while (i < a.length || j < o.length) {
            if (j >= o.length || (i < a.length && a[i] <= o[j])) {
                b.add(a[i], a[i + 1]);
                i += 2;
            } else {
                b.add(o[j], o[j + 1]);
                j += 2;
            }
        }
        return b.build();
    }

    /** The numbers in this set and not in {@code other}. */
    public BitField subtract(BitField other) {
        long[] a = bounds;
        long[] o = other.bounds;
        if (a.length == 0 || o.length == 0) {
            return this;
        }
        Builder b = new Builder(a.length + o.length);
        int j = 0;
        for (int i = 0; i < a.length; i += 2) {
            long cur = a[i];
            long end = a[i + 1];
            while (j < o.length && o[j + 1] < cur) {
                j += 2;
            }
            boolean consumed = false;
            while (j < o.length && o[j] <= end) {
                if (o[j] > cur) {
                    b.add(cur, o[j] - 1);
                }
                if (o[j + 1] >= end) {
                    consumed = true; // this run of other may still cut the next run of ours
                    break;
                }
                cur = o[j + 1] + 1;
                j += 2;
            }
            if (!consumed) {
                b.add(cur, end);
            }
        }
        return b.build();
    }

    /** The numbers in both sets. */
    public BitField intersect(BitField other) {
        long[] a = bounds;
        long[] o = other.bounds;
        Builder b = new Builder(Math.min(a.length, o.length) + 2);
        int i = 0;
        int j = 0;
        while (i < a.length && j < o.length) {
            long lo = Math.max(a[i], o[j]);
            long hi = Math.min(a[i + 1], o[j + 1]);
            if (lo <= hi) {
                b.add(lo, hi);
            }
            if (a[i + 1] < o[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return b.build();
    }

    /** Whether the two sets share a number. */
    public boolean intersects(BitField other) {
        long[] a = bounds;
        long[] o = other.bounds;
        int i = 0;
        int j = 0;
        while (i < a.length && j < o.length) {
            if (Math.max(a[i], o[j]) <= Math.min(a[i + 1], o[j + 1])) {
                return true;
            }
            if (a[i + 1] < o[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return false;
    }

    /** The numbers in ascending order. */
    @Override
    public PrimitiveIterator.OfLong iterator() {
        return new PrimitiveIterator.OfLong() {
            private int run;
            private long next = bounds.length == 0 ? 0 : bounds[0];

            @Override
            public boolean hasNext() {
                return run < bounds.length;
            }

            @Override
            public long nextLong() {
                if (run >= bounds.length) {
                    throw new NoSuchElementException();
                }
                long v = next;
                if (v == bounds[run + 1]) {
                    run += 2;
                    if (run < bounds.length) {
                        next = bounds[run];
                    }
                } else {
                    next = v + 1;
                }
                return v;
            }
        };
    }

    /**
     * The numbers in ascending order.
     *
     * @throws IllegalStateException when the set holds more than {@link #TO_ARRAY_LIMIT} numbers
     */
    public long[] toArray() {
        long c;
        try {
            c = count();
        } catch (ArithmeticException e) {
            c = Long.MAX_VALUE;
        }
        if (c > TO_ARRAY_LIMIT) {
            throw new IllegalStateException("bitfield holds " + c
                    + " numbers, more than toArray's limit of " + TO_ARRAY_LIMIT);
        }
        long[] out = new long[(int) c];
        int k = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            for (long v = bounds[i]; ; v++) {
                out[k++] = v;
                if (v == bounds[i + 1]) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof BitField other && Arrays.equals(bounds, other.bounds));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** Human ranges in the style of Lotus's strle, e.g. {@code BitField{3-4,7,16-18}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BitField{");
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(bounds[i]);
            if (bounds[i + 1] != bounds[i]) {
                sb.append('-').append(bounds[i + 1]);
            }
        }
        return sb.append('}').toString();
    }

    /** Index of the last run starting at or before {@code value}, or -1. */
    private int runAtOrBefore(long value) {
        int lo = 0;
        int hi = runCount() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (bounds[2 * mid] <= value) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Builds a BitField from runs added in ascending order of start; merges overlaps. */
    static final class Builder {
        private long[] buf;
        private int size;

        Builder(int capacity) {
            buf = new long[Math.max(2, capacity + (capacity & 1))];
        }

        /** Adds the run [start, last]; start must not be below the previous run's start. */
        void add(long start, long last) {
            if (size > 0) {
                long prevLast = buf[size - 1];
                if (prevLast == Long.MAX_VALUE || start <= prevLast + 1) {
                    if (last > prevLast) {
                        buf[size - 1] = last;
                    }
                    return;
                }
            }
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = start;
            buf[size++] = last;
        }

        BitField build() {
            return size == 0 ? EMPTY : new BitField(Arrays.copyOf(buf, size));
        }
    }
}
