/**
 * The miner actor's proving model, as {@code builtin-actors/actors/miner} keeps it: the proving period
 * and its 48 deadlines ({@link io.minersim.sealing.proving.DeadlineInfo}), epoch quantization
 * ({@link io.minersim.sealing.proving.QuantSpec}) and where activated sectors go
 * ({@link io.minersim.sealing.proving.DeadlineAssignment}). Constants are the actors' (identical in
 * epochs on mainnet and Lotus's 2k devnet). Pure values and functions: the engine holds the state.
 */
package io.minersim.sealing.proving;
