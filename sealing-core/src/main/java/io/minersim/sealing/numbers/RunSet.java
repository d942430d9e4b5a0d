package io.minersim.sealing.numbers;

import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable, grow-only set of non-negative longs kept as runs in a tree, so that adding a number
 * and finding the lowest absent number cost O(log runs). Not thread-safe.
 */
final class RunSet {
    /** Run start to run last (inclusive); runs neither overlap nor touch. */
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    /** Adds the run [start, last]. */
    void add(long start, long last) {
        long newStart = start;
        long newLast = last;
        Map.Entry<Long, Long> floor = runs.floorEntry(start);
        if (floor != null && (start == 0 || floor.getValue() >= start - 1)) {
            if (floor.getValue() >= last) {
                return; // already covered
            }
            newStart = floor.getKey();
            runs.remove(floor.getKey());
        }
        Map.Entry<Long, Long> next = runs.ceilingEntry(newStart);
        while (next != null && (newLast == Long.MAX_VALUE || next.getKey() <= newLast + 1)) {
            newLast = Math.max(newLast, next.getValue());
            runs.remove(next.getKey());
            next = runs.ceilingEntry(newStart);
        }
        runs.put(newStart, newLast);
    }

    /** Adds one number. */
    void add(long value) {
        add(value, value);
    }

    /** Adds every number of {@code bf}. */
    void addAll(BitField bf) {
        for (int i = 0; i < bf.runCount(); i++) {
            add(bf.runStart(i), bf.runLast(i));
        }
    }

    /** Removes everything. */
    void clear() {
        runs.clear();
    }

    /** Whether {@code bf} shares a number with this set. */
    boolean intersects(BitField bf) {
        for (int i = 0; i < bf.runCount(); i++) {
            Map.Entry<Long, Long> floor = runs.floorEntry(bf.runLast(i));
            if (floor != null && floor.getValue() >= bf.runStart(i)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest non-negative number not in the set, or -1 if every one up to 2^63-1 is. */
    long lowestNotIn() {
        Map.Entry<Long, Long> first = runs.firstEntry();
        if (first == null || first.getKey() > 0) {
            return 0;
        }
        return first.getValue() == Long.MAX_VALUE ? -1 : first.getValue() + 1;
    }

    /** A snapshot. */
    BitField toBitField() {
        BitField.Builder b = new BitField.Builder(2 * runs.size());
        for (Map.Entry<Long, Long> e : runs.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }
}
