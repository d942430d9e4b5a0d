/**
 * The miner actor's proving model, as {@code builtin-actors/actors/miner} keeps it: the proving period
 * and its 48 deadlines ({@link io.minersim.sealing.proving.DeadlineInfo}), epoch quantization
 * ({@link io.minersim.sealing.proving.QuantSpec}) and where activated sectors go
 * ({@link io.minersim.sealing.proving.DeadlineAssignment}), and a partition's sector sets and
 * expiration queue through faults, recoveries, Window PoSts, missed PoSts, terminations and expirations
 * ({@link io.minersim.sealing.proving.Partition}), gathered per deadline with its PoSt submissions
 * ({@link io.minersim.sealing.proving.Deadline}). Constants are the actors' (identical in
 * epochs on mainnet and Lotus's 2k devnet). The engine will hold one such state per miner (issue 10).
 */
package io.minersim.sealing.proving;
