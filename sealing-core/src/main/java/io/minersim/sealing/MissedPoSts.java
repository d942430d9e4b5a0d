package io.minersim.sealing;

import io.minersim.sealing.numbers.BitField;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Window PoSts the miner is told to miss ({@link Miner#missPoSt}): per deadline, the partitions
 * left out of its next submission, or all of them. Taken once, at that submission.
 */
final class MissedPoSts {

    /** Every partition of the deadline. */
    static final BitField ALL = BitField.range(0, Integer.MAX_VALUE);

    private final Map<Integer, BitField> byDeadline = new TreeMap<>();

    void miss(int deadline, BitField partitions) {
        byDeadline.merge(deadline, partitions, BitField::union);
    }

    /** The partitions of {@code deadline} to leave out now (empty if none); forgotten once taken. */
    BitField take(int deadline, int partitionCount) {
        BitField missed = byDeadline.remove(deadline);
        return missed == null ? BitField.empty() : missed.intersect(BitField.range(0, Math.max(0, partitionCount)));
    }

    Map<Integer, BitField> asMap() {
        return new TreeMap<>(byDeadline);
    }
}
