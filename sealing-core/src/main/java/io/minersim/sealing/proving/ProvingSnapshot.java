package io.minersim.sealing.proving;

import io.minersim.sealing.numbers.BitField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The proving state frozen at one epoch: each deadline's partitions (their five sets) and PoSt submissions, what
 * {@code State*} reads at a tipset below the head. The sets are immutable {@link BitField}s, so freezing copies
 * references only, and a snapshot taken after another shares with it every partition whose sets did not change and
 * every deadline none of whose partitions did: a snapshot costs what changed since the previous one.
 */
public final class ProvingSnapshot {
    /** One partition's sets as they stood. */
    public record Part(BitField sectors, BitField unproven, BitField faults, BitField recoveries,
            BitField terminated) {
        static Part of(Partition p) {
            return new Part(p.sectors(), p.unproven(), p.faults(), p.recoveries(), p.terminated());
        }

        /** Whether {@code p} still holds these very sets. */
        boolean same(Partition p) {
            return sectors == p.sectors() && unproven == p.unproven() && faults == p.faults()
                    && recoveries == p.recoveries() && terminated == p.terminated();
        }

        /** Live: not terminated. */
        public BitField live() {
            return sectors.subtract(terminated);
        }

        /** Active: live, neither faulty nor unproven. */
        public BitField active() {
            return live().subtract(faults).subtract(unproven);
        }

        /** The sets as {@code StateMinerPartitions} reports them. */
        public PartitionSectors sets() {
            return new PartitionSectors(sectors, faults, recoveries, live(), active());
        }
    }

    /** One deadline: its partitions in index order and the partitions proven in its current occurrence. */
    record Dl(List<Part> partitions, BitField postSubmissions) {
    }

    private final Dl[] deadlines;

    private ProvingSnapshot(Dl[] deadlines) {
        this.deadlines = deadlines;
    }

    /** Freezes {@code proving}, sharing with {@code previous} (or null) what has not changed since it. */
    public static ProvingSnapshot of(MinerProving proving, ProvingSnapshot previous) {
        Dl[] out = new Dl[(int) DeadlineInfo.PERIOD_DEADLINES];
        for (int d = 0; d < out.length; d++) {
            Deadline now = proving.deadline(d);
            List<Partition> parts = now.partitions();
            List<Part> old = previous == null ? List.of() : previous.deadlines[d].partitions;
            boolean same = previous != null && previous.deadlines[d].postSubmissions == now.postSubmissions()
                    && old.size() == parts.size();
            for (int i = 0; same && i < parts.size(); i++) {
                same = old.get(i).same(parts.get(i));
            }
            if (same) {
                out[d] = previous.deadlines[d];
                continue;
            }
            List<Part> list = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                Partition p = parts.get(i);
                list.add(i < old.size() && old.get(i).same(p) ? old.get(i) : Part.of(p));
            }
            out[d] = new Dl(Collections.unmodifiableList(list), now.postSubmissions());
        }
        return new ProvingSnapshot(out);
    }

    /** Deadline {@code d}'s partitions, in index order. */
    public List<Part> partitions(int d) {
        return deadlines[d].partitions;
    }

    /** The partitions proven in deadline {@code d}'s occurrence then. */
    public BitField postSubmissions(int d) {
        return deadlines[d].postSubmissions;
    }

    /** The union of one set over every partition. */
    public BitField union(Function<Part, BitField> set) {
        BitField out = BitField.empty();
        for (Dl d : deadlines) {
            for (Part p : d.partitions) {
                out = out.union(set.apply(p));
            }
        }
        return out;
    }

    /** Live, active and faulty sectors, as {@link MinerProving#counts()} counts them. */
    public SectorCounts counts() {
        long live = 0;
        long active = 0;
        long faulty = 0;
        for (Dl d : deadlines) {
            for (Part p : d.partitions) {
                live += p.live().count();
                active += p.active().count();
                faulty += p.faults().count();
            }
        }
        return new SectorCounts(live, active, faulty);
    }

    /** The partition holding {@code sector} then, or null. */
    public Part partitionOf(SectorPlace place, long sector) {
        if (place == null) {
            return null;
        }
        List<Part> parts = deadlines[place.deadline()].partitions;
        if (place.partition() >= parts.size()) {
            return null;
        }
        Part p = parts.get(place.partition());
        return p.sectors.contains(sector) ? p : null;
    }
}
