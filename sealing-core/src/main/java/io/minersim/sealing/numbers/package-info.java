/**
 * Sector number bookkeeping, after Lotus's {@code storage/pipeline/numassign.go}: the
 * {@link io.minersim.sealing.numbers.BitField} run-length set of sector numbers (go-bitfield's
 * JSON run form) and the per-miner {@link io.minersim.sealing.numbers.SectorNumberAssigner}
 * with its allocated numbers and named reservations.
 */
package io.minersim.sealing.numbers;
