/**
 * The miner's Prometheus endpoint, {@code GET /debug/metrics} on the API listener, as lotus-miner serves it
 * ({@code node/rpc.go}: the same mux as {@code /rpc/v0}, no token needed).
 *
 * <p>Design: the metrics are views of the simulated world, not counters kept beside it. Each is a callback metric of
 * the Prometheus Java client ({@code io.prometheus:prometheus-metrics-*}) that reads the miner when scraped, so a
 * scrape and {@code SectorsSummary} at the same head agree by construction (one truth), and nothing is recorded
 * twice or journaled. The one tally is the engine's count of returned worker calls (Lotus's
 * {@code lotus_sealing_worker_calls_*} are counters since the process started), read the same way. What only
 * the process can know is recorded as it happens, never journaled: the miner API's handler times (a
 * {@link io.minersim.app.rpc.CallTimer} the dispatcher asks once per method, so the hot path pays two clock reads and
 * one observation), the scheduler's assign cycles (an {@link io.minersim.sealing.workers.AssignCycleListener}, as
 * sealing-core has no metrics library), the untracked worker returns, and the process's own metrics. Names and
 * labels are Lotus's ({@code metrics/metrics.go}, exported by OpenCensus with the {@code lotus} namespace); the text is the client library's Prometheus text format, never written by hand.
 */
package io.minersim.app.metrics;
