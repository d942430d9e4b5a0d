package io.minersim.sealing.proving;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Where newly activated sectors go: the miner actor's {@code assign_deadlines}
 * ({@code deadline_assignment.rs}). Sectors, in number order, go one at a time to the best eligible
 * deadline: the fewest partitions after compaction, then the fewest partitions, then one whose last
 * partition has room (the fuller of two such), then the fewest live sectors, then the lowest index.
 */
public final class DeadlineAssignment {

    /** {@code MaxPartitionsPerDeadline}. */
    public static final long MAX_PARTITIONS_PER_DEADLINE = 3000;

    /** A deadline that may take sectors, with its live and total (live + terminated, uncompacted) sector counts. */
    public record Candidate(int index, long liveSectors, long totalSectors) {
    }

    private DeadlineAssignment() {
    }

    /**
     * Assigns {@code sectors} (ascending numbers) to the candidates; the answer has one list per
     * deadline index (48), empty for deadlines given nothing.
     *
     * @throws IllegalStateException "max partitions limit 3000 reached for all deadlines"
     */
    public static List<List<Long>> assign(long partitionSize, List<Candidate> candidates, long[] sectors) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no deadline may take sectors");
        }
        PriorityQueue<Slot> heap = new PriorityQueue<>((a, b) -> compare(a, b, partitionSize));
        for (Candidate c : candidates) {
            heap.add(new Slot(c.index(), c.liveSectors(), c.totalSectors()));
        }
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < DeadlineInfo.PERIOD_DEADLINES; i++) {
            out.add(new ArrayList<>());
        }
        for (long sector : sectors) {
            Slot best = heap.poll();
            if (best.total >= partitionSize * MAX_PARTITIONS_PER_DEADLINE) {
                throw new IllegalStateException("max partitions limit " + MAX_PARTITIONS_PER_DEADLINE
                        + " reached for all deadlines");
            }
            out.get(best.index).add(sector);
            best.live++;
            best.total++;
            heap.add(best);
        }
        return out;
    }

    private static final class Slot {
        final int index;
        long live;
        long total;

        Slot(int index, long live, long total) {
            this.index = index;
            this.live = live;
            this.total = total;
        }
    }

    private static int compare(Slot a, Slot b, long size) {
        int c = Long.compare(ceilDiv(a.live + 1, size), ceilDiv(b.live + 1, size));
        if (c != 0) {
            return c;
        }
        c = Long.compare(ceilDiv(a.total + 1, size), ceilDiv(b.total + 1, size));
        if (c != 0) {
            return c;
        }
        boolean aFull = a.total % size == 0;
        boolean bFull = b.total % size == 0;
        c = Boolean.compare(aFull, bFull);
        if (c != 0) {
            return c;
        }
        if (!aFull && !bFull) {
            c = Long.compare(b.total, a.total);
            if (c != 0) {
                return c;
            }
        }
        c = Long.compare(a.live, b.live);
        return c != 0 ? c : Integer.compare(a.index, b.index);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
