package io.minersim.sealing.proving;

import io.minersim.sealing.numbers.BitField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One miner's proving state as its actor keeps it: the proving period offset, the 48 deadlines with
 * their partitions, and where each activated sector is. Sectors come in by {@link #activate} (the
 * actor's {@code assign_sectors_to_deadlines}); the engine drives the rest (Window PoSts, recovery
 * declarations, deadline closes, terminations, extensions). Not thread-safe: the miner's lock guards it.
 */
public final class MinerProving {

    private final long periodOffset;
    private final long partitionSize;
    private final Deadline[] deadlines = new Deadline[(int) DeadlineInfo.PERIOD_DEADLINES];
    /** Each activated sector's deadline and partition. */
    private final SectorPlaces places = new SectorPlaces();

    /**
     * @param periodOffset the proving period offset, in [0, 2880)
     * @param partitionSize {@code WindowPoStPartitionSectors} of the miner's seal proof
     */
    public MinerProving(long periodOffset, long partitionSize) {
        if (periodOffset < 0 || periodOffset >= DeadlineInfo.PROVING_PERIOD) {
            throw new IllegalArgumentException("proving period offset " + periodOffset + " not in [0, "
                    + DeadlineInfo.PROVING_PERIOD + ")");
        }
        this.periodOffset = periodOffset;
        this.partitionSize = partitionSize;
        for (int d = 0; d < deadlines.length; d++) {
            deadlines[d] = new Deadline(DeadlineInfo.of(periodOffset, d, 0).quant(), partitionSize);
        }
    }

    public long periodOffset() {
        return periodOffset;
    }

    public long partitionSize() {
        return partitionSize;
    }

    /** The start of the proving period {@code epoch} falls in. */
    public long periodStart(long epoch) {
        return DeadlineInfo.provingPeriodStart(epoch, periodOffset);
    }

    /** The deadline open at {@code epoch} ({@code StateMinerProvingDeadline}). */
    public DeadlineInfo deadlineInfo(long epoch) {
        return DeadlineInfo.current(periodStart(epoch), epoch);
    }

    /** Deadline {@code index}'s occurrence open at or next after {@code epoch}. */
    public DeadlineInfo occurrence(int index, long epoch) {
        return DeadlineInfo.of(periodStart(epoch), index, epoch).nextNotElapsed();
    }

    /** Puts back a deadline a snapshot kept, and the places of its sectors. */
    public void restoreDeadline(int index, Deadline d) {
        deadlines[index] = d;
        List<Partition> parts = d.partitions();
        for (int p = 0; p < parts.size(); p++) {
            for (long sector : parts.get(p).sectors()) {
                places.put(sector, index, p);
            }
        }
    }

    public Deadline deadline(int index) {
        return deadlines[index];
    }

    /**
     * Assigns a newly activated sector to the best mutable deadline at {@code epoch}, in its last
     * partition or a new one; it is live and unproven.
     */
    public SectorPlace activate(long sector, long expiration, long epoch) {
        if (places.contains(sector)) {
            throw new IllegalStateException("sector " + sector + " is already assigned");
        }
        long ps = periodStart(epoch);
        List<DeadlineAssignment.Candidate> candidates = new ArrayList<>();
        for (int d = 0; d < deadlines.length; d++) {
            if (DeadlineInfo.isMutable(ps, d, epoch)) {
                candidates.add(new DeadlineAssignment.Candidate(d, deadlines[d].liveSectors(),
                        deadlines[d].totalSectors()));
            }
        }
        List<List<Long>> assigned = DeadlineAssignment.assign(partitionSize, candidates, new long[] {sector});
        for (int d = 0; d < assigned.size(); d++) {
            if (!assigned.get(d).isEmpty()) {
                deadlines[d].addSectors(Map.of(sector, expiration));
                int partition = deadlines[d].partitions().size() - 1;
                places.put(sector, d, partition);
                return new SectorPlace(d, partition);
            }
        }
        throw new IllegalStateException("no deadline took sector " + sector);
    }

    /** Where the sector is proven, or {@code null} if it never was activated. */
    public SectorPlace placeOf(long sector) {
        return places.get(sector);
    }

    /** A sector proven before (a seeded past): no longer unproven. */
    public void markProven(long sector) {
        Partition p = partitionOf(sector);
        if (p != null) {
            p.markProven(BitField.of(sector));
        }
    }

    /** The sector's partition, or {@code null}. */
    public Partition partitionOf(long sector) {
        SectorPlace at = placeOf(sector);
        return at == null ? null : deadlines[at.deadline()].partitions().get(at.partition());
    }

    /** When the live sector leaves the chain, or {@code null} if it is not live in a partition. */
    public SectorExpiration expirationOf(long sector) {
        Partition p = partitionOf(sector);
        if (p == null || !p.live().contains(sector)) {
            return null;
        }
        Map.Entry<Long, Boolean> due = p.expirationOf(sector);
        if (due == null) {
            return null;
        }
        return due.getValue() ? new SectorExpiration(0, due.getKey()) : new SectorExpiration(due.getKey(), 0);
    }

    /** Whether the sector is live and neither faulty nor unproven. */
    public boolean isActive(long sector) {
        Partition p = partitionOf(sector);
        return p != null && p.active().contains(sector);
    }

    /** Whether the sector is faulty on chain. */
    public boolean isFaulty(long sector) {
        Partition p = partitionOf(sector);
        return p != null && p.faults().contains(sector);
    }

    public SectorCounts counts() {
        long live = 0;
        long active = 0;
        long faulty = 0;
        for (Deadline d : deadlines) {
            for (Partition p : d.partitions()) {
                live += p.live().count();
                active += p.active().count();
                faulty += p.faults().count();
            }
        }
        return new SectorCounts(live, active, faulty);
    }

    /** Whether any deadline holds a sector (the actor's deadline cron runs). */
    public boolean hasSectors() {
        return !places.isEmpty();
    }

    /** Every assigned sector, ascending. */
    public long[] assignedSectors() {
        return places.sectors();
    }

    /** {@link Deadline#union} over every deadline. */
    public BitField union(java.util.function.Function<Partition, BitField> set) {
        BitField out = BitField.empty();
        for (Deadline d : deadlines) {
            out = out.union(d.union(set));
        }
        return out;
    }
}
