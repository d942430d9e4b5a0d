package io.minersim.app.metrics;

import io.minersim.sealing.Miner;
import io.minersim.sealing.workers.WorkerCalls;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToLongFunction;

/**
 * lotus-miner's worker call counters ({@code storage/sealer/worker_tracked.go}):
 * {@code lotus_sealing_worker_calls_started} and {@code lotus_sealing_worker_calls_returned_count}, labelled
 * {@code task_type} (the wire string, {@code seal/v0/precommit/1}), {@code worker_hostname} and {@code network}, read
 * from the miner at scrape time ({@link Miner#workerCalls()}): started minus returned is what {@code WorkerJobs}
 * shows running for that task type and host.
 *
 * <p>Lotus's OpenCensus exporter writes these as counters under exactly these names. The Prometheus Java client
 * writes every counter with a {@code _total} suffix, which would rename them; so they are exported as gauges, keeping
 * the sample names that queries use.
 */
final class WorkerCallMetrics {
    private WorkerCallMetrics() {
    }

    /** Registers the two series families on {@code registry}. */
    static void register(PrometheusRegistry registry, Miner miner, String network) {
        gauge(registry, miner, network, "lotus_sealing_worker_calls_started", "Counter of started worker tasks",
                WorkerCalls.Count::started);
        gauge(registry, miner, network, "lotus_sealing_worker_calls_returned_count",
                "Counter of returned worker tasks", WorkerCalls.Count::returned);
    }

    private static void gauge(PrometheusRegistry registry, Miner miner, String network, String name, String help,
            ToLongFunction<WorkerCalls.Count> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("task_type", "worker_hostname", "network")
                .callback(cb -> miner.workerCalls().forEach((k, c) -> {
                    long v = value.applyAsLong(c);
                    if (v > 0) { // as in Lotus, a series appears with its first record
                        cb.call(v, k.task().wire(), k.hostname(), network);
                    }
                })).register(registry);
    }
}
