package io.minersim.sealing.proving;

import io.minersim.sealing.numbers.BitField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of a miner's 48 deadlines ({@code deadline_state.rs}): its partitions in index order, the
 * partitions proven in the current occurrence ({@code PostSubmissions}), and its live and total sector
 * counts, which deadline assignment reads.
 */
public final class Deadline {

    /** A partition's part in a Window PoSt: its index and the sectors the miner could not prove. */
    public record PoStPartition(int index, BitField skipped) {
    }

    private final QuantSpec quant;
    private final long partitionSize;
    private final List<Partition> partitions = new ArrayList<>();
    private BitField postSubmissions = BitField.empty();
    private long liveSectors;
    private long totalSectors;

    public Deadline(QuantSpec quant, long partitionSize) {
        if (partitionSize <= 0) {
            throw new IllegalArgumentException("partition size must be positive, got " + partitionSize);
        }
        this.quant = quant;
        this.partitionSize = partitionSize;
    }

    /** A deadline as a snapshot kept it. */
    public static Deadline restore(QuantSpec quant, long partitionSize, List<Partition> partitions,
            BitField postSubmissions, long liveSectors, long totalSectors) {
        Deadline d = new Deadline(quant, partitionSize);
        d.partitions.addAll(partitions);
        d.postSubmissions = postSubmissions;
        d.liveSectors = liveSectors;
        d.totalSectors = totalSectors;
        return d;
    }

    public QuantSpec quant() {
        return quant;
    }

    public List<Partition> partitions() {
        return Collections.unmodifiableList(partitions);
    }

    /** The partitions proven in this deadline's current occurrence. */
    public BitField postSubmissions() {
        return postSubmissions;
    }

    public long liveSectors() {
        return liveSectors;
    }

    public long totalSectors() {
        return totalSectors;
    }

    /**
     * Adds activated sectors ({@code add_sectors}), ascending by number, filling the last partition up
     * to the partition size before opening a new one.
     */
    public void addSectors(Map<Long, Long> expirationBySector) {
        List<Map.Entry<Long, Long>> todo = new ArrayList<>(new TreeMap<>(expirationBySector).entrySet());
        int i = 0;
        while (i < todo.size()) {
            Partition last = partitions.isEmpty() ? null : partitions.get(partitions.size() - 1);
            if (last == null || last.sectors().count() >= partitionSize) {
                last = new Partition(quant);
                partitions.add(last);
            }
            long room = partitionSize - last.sectors().count();
            Map<Long, Long> batch = new TreeMap<>();
            for (; i < todo.size() && batch.size() < room; i++) {
                batch.put(todo.get(i).getKey(), todo.get(i).getValue());
            }
            last.addSectors(batch);
            liveSectors += batch.size();
            totalSectors += batch.size();
        }
    }

    /** The index of the partition holding {@code sector}, or -1. */
    public int partitionOf(long sector) {
        for (int p = 0; p < partitions.size(); p++) {
            if (partitions.get(p).sectors().contains(sector)) {
                return p;
            }
        }
        return -1;
    }

    /**
     * A Window PoSt for some partitions ({@code record_proven_sectors}): each is proven with its skipped
     * sectors made faulty. Returns the recovered sectors.
     */
    public BitField recordProven(List<PoStPartition> proofs, long faultExpiration) {
        BitField seen = BitField.empty();
        for (PoStPartition proof : proofs) {
            if (seen.contains(proof.index())) {
                throw new IllegalArgumentException("duplicate partitions proven");
            }
            seen = seen.union(BitField.of(proof.index()));
            if (proof.index() < 0 || proof.index() >= partitions.size()) {
                throw new IllegalArgumentException("no such partition " + proof.index());
            }
            if (postSubmissions.contains(proof.index())) {
                throw new IllegalArgumentException("partition already proven: " + proof.index());
            }
        }
        BitField recovered = BitField.empty();
        for (PoStPartition proof : proofs) {
            recovered = recovered.union(partitions.get(proof.index()).recordProven(proof.skipped(), faultExpiration));
            postSubmissions = postSubmissions.union(BitField.of(proof.index()));
        }
        return recovered;
    }

    /**
     * The deadline closes ({@code process_deadline_end}): every partition not proven in this occurrence
     * that still has provable sectors misses its PoSt (all live sectors faulty); then the proven set
     * resets. Returns the sectors newly faulty.
     */
    public BitField processDeadlineEnd(long faultExpiration) {
        BitField detected = BitField.empty();
        for (int p = 0; p < partitions.size(); p++) {
            if (postSubmissions.contains(p)) {
                continue;
            }
            Partition part = partitions.get(p);
            boolean allFaulty = part.recoveries().isEmpty() && part.faults().equals(part.live());
            if (!allFaulty) {
                detected = detected.union(part.recordMissedPost(faultExpiration));
            }
        }
        postSubmissions = BitField.empty();
        return detected;
    }

    /** Pops the expirations due by {@code until} from every partition; returns the sectors that left, on time and early. */
    public Partition.ExpirationSet popExpired(long until) {
        BitField onTime = BitField.empty();
        BitField early = BitField.empty();
        for (Partition p : partitions) {
            Partition.ExpirationSet set = p.popExpired(until);
            onTime = onTime.union(set.onTime());
            early = early.union(set.early());
        }
        liveSectors -= onTime.count() + early.count();
        return new Partition.ExpirationSet(onTime, early);
    }

    /** Terminates live sectors ({@code terminate_sectors}); returns those terminated. */
    public BitField terminate(BitField sectors) {
        BitField out = BitField.empty();
        for (Partition p : partitions) {
            BitField mine = sectors.intersect(p.sectors());
            if (!mine.isEmpty()) {
                out = out.union(p.terminate(mine));
            }
        }
        liveSectors -= out.count();
        return out;
    }

    /** The union over partitions of a set: {@code Partition::faults}, {@code ::recoveries}, and so on. */
    public BitField union(java.util.function.Function<Partition, BitField> set) {
        BitField out = BitField.empty();
        for (Partition p : partitions) {
            out = out.union(set.apply(p));
        }
        return out;
    }
}
