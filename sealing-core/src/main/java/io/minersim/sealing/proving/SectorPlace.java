package io.minersim.sealing.proving;

/** Where a sector is proven ({@code StateSectorPartition}): its deadline and partition indexes. */
public record SectorPlace(int deadline, int partition) {
}
