package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A go-bitfield {@code BitField} in its JSON form: the RLE run lengths, starting with a run of UNSET bits, then
 * alternating set/unset. {@code [5,1]} = {5}; {@code [0,3]} = {0,1,2}; {@code [5,3,2,1]} = {5,6,7,10}; the empty set
 * is {@code [0]}.
 *
 * <p>Checked as go-bitfield checks it: no negative values (Go {@code uint64}), a zero-length run only at the start,
 * and the total length must fit in 63 bits. Stored in Lotus's canonical form: a trailing unset run is dropped and an
 * empty array becomes {@code [0]}, which is what Lotus sends back after decoding the input.
 *
 * @param runs the run lengths (a copy is kept and returned)
 */
public record BitFieldRuns(long[] runs) {
    /** The empty bitfield, {@code [0]}. */
    public static final BitFieldRuns EMPTY = new BitFieldRuns(new long[] {0});

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public BitFieldRuns {
        if (runs == null) {
            throw new IllegalArgumentException("bitfield must be an array of run lengths, got null");
        }
        long total = 0;
        for (int i = 0; i < runs.length; i++) {
            long r = runs[i];
            if (r < 0) {
                throw new IllegalArgumentException("bitfield run " + i + " is negative: " + r);
            }
            if (r == 0 && i != 0) {
                throw new IllegalArgumentException("bitfield: cannot have a zero-length run except at start (run " + i
                        + " of " + Arrays.toString(runs) + ")");
            }
            try {
                total = Math.addExact(total, r);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("bitfield is longer than 2^63-1 bits", e);
            }
        }
        int len = runs.length;
        if (len % 2 == 1) {
            len--; // a trailing unset run (even index) says nothing
        }
        runs = len == 0 ? new long[] {0} : Arrays.copyOf(runs, len);
    }

    /** The run lengths, as sent on the wire (a copy). */
    @Override
    @JsonValue
    public long[] runs() {
        return runs.clone();
    }

    /** The bitfield holding exactly these numbers (any order, duplicates allowed, none negative). */
    public static BitFieldRuns of(long... numbers) {
        long[] sorted = numbers.clone();
        Arrays.sort(sorted);
        if (sorted.length > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("bitfield numbers must not be negative: " + sorted[0]);
        }
        long[] out = new long[sorted.length * 2 + 1];
        int n = 0;
        long end = 0; // first bit after the last set run
        for (int i = 0; i < sorted.length; ) {
            long start = sorted[i];
            long last = start;
            while (i < sorted.length && sorted[i] - last <= 1) {
                last = Math.max(last, sorted[i]);
                i++;
            }
            if (n == 0) {
                out[n++] = start; // may be 0: the leading zero-length run
            } else {
                out[n++] = start - end;
            }
            out[n++] = last - start + 1;
            end = last + 1;
        }
        return new BitFieldRuns(Arrays.copyOf(out, n));
    }

    /** The bitfield {@code [start, start+count)}. */
    public static BitFieldRuns range(long start, long count) {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("bitfield range must not be negative: start " + start + ", count " + count);
        }
        return count == 0 ? EMPTY : new BitFieldRuns(new long[] {start, count});
    }

    /** The set numbers, ascending (lazily, so large ranges are cheap to skip through). */
    public LongStream numbers() {
        int sets = runs.length / 2;
        long[] starts = new long[sets];
        long pos = 0;
        for (int i = 0; i < runs.length; i++) {
            if (i % 2 == 1) {
                starts[i / 2] = pos;
            }
            pos += runs[i];
        }
        return IntStream.range(0, sets).mapToObj(k -> LongStream.range(starts[k], starts[k] + runs[2 * k + 1]))
                .flatMapToLong(s -> s);
    }

    /** How many bits are set. */
    public long count() {
        long c = 0;
        for (int i = 1; i < runs.length; i += 2) {
            c += runs[i];
        }
        return c;
    }

    /** Whether no bit is set. */
    public boolean isEmpty() {
        return count() == 0;
    }

    /** Whether bit {@code n} is set. */
    public boolean contains(long n) {
        long pos = 0;
        for (int i = 0; i < runs.length; i++) {
            long next = pos + runs[i];
            if (n < next) {
                return n >= pos && i % 2 == 1;
            }
            pos = next;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitFieldRuns other && Arrays.equals(runs, other.runs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(runs);
    }

    @Override
    public String toString() {
        return Arrays.toString(runs);
    }
}
