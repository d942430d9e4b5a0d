/**
 * Daily sector statistics of one miner, in the terms of Spacescope's storage-provider sector API:
 * onboarding, pre-commits and prove-commits (alone or batched), terminations (active and passive),
 * faults and recoveries, expirations, extensions, snap upgrades and active sector lifetimes.
 *
 * <p>{@link io.minersim.sealing.stats.MinerStatistics} is fed the chain-relevant moves of the miner's
 * history as they are recorded ({@link io.minersim.sealing.stats.SectorMove}) and keeps one row of
 * counters per UTC day of the simulated chain, so a day's figures are read, never recomputed.
 * Quality-adjusted power follows the actors' {@code QAPowerForWeight}
 * ({@link io.minersim.sealing.stats.QualityAdjustedPower}).
 */
package io.minersim.sealing.stats;
