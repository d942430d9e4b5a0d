package io.minersim.sealing.proving;

import io.minersim.sealing.numbers.BitField;

/**
 * One partition as Lotus's {@code StateMinerPartitions} shows it ({@code api.Partition}): all its
 * sectors, the faulty, the recovering, the live (not terminated) and the active (live, neither faulty
 * nor unproven) ones.
 */
public record PartitionSectors(BitField all, BitField faulty, BitField recovering, BitField live, BitField active) {

    /** The sets of {@code p} as they stand. */
    public static PartitionSectors of(Partition p) {
        return new PartitionSectors(p.sectors(), p.faults(), p.recoveries(), p.live(), p.active());
    }
}
