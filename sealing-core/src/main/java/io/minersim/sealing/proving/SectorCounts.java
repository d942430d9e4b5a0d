package io.minersim.sealing.proving;

/** {@code StateMinerSectorCount}: live (unproven included), active and faulty sectors over all partitions. */
public record SectorCounts(long live, long active, long faulty) {
}
