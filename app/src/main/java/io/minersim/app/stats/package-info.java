/**
 * Sector statistics over HTTP in Spacescope's shape: {@code GET /storage_provider/sector/...} with
 * {@code state_date} and {@code miner_id}, Spacescope's envelope and error codes, API keys kept in
 * the repo ({@code minersim stats create-key}), served on its own port from every simulated
 * miner's {@link io.minersim.sealing.stats.MinerStatistics}.
 */
package io.minersim.app.stats;
