package io.minersim.sealing.proving;

/**
 * When a live sector leaves the chain ({@code StateSectorExpiration}): on time at its quantized
 * expiration, or early at its fault max age; the other is 0.
 */
public record SectorExpiration(long onTime, long early) {
}
