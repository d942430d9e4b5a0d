package io.minersim.app.metrics;

import io.minersim.sealing.Miner;
import io.minersim.sealing.workers.WorkerCalls;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;

/**
 * {@code lotus_sealing_worker_calls_returned_ms{task_type,worker_hostname,network}}: how long the returned worker
 * calls ran, in simulated milliseconds (epochs times the block time), in Lotus's {@code workMillisecondsDistribution}
 * buckets ({@code metrics/metrics.go}). A collector of the Prometheus client that builds the histogram snapshot from
 * the miner's tally of returned calls at each scrape.
 */
final class WorkerCallDurations implements Collector {
    private static final long MIN = 60_000;
    /** Lotus's {@code workMillisecondsDistribution}. */
    private static final double[] BOUNDS = {250, 500, 1000, 2000, 5000, 10_000, 30_000, MIN, 2 * MIN, 5 * MIN,
        10 * MIN, 15 * MIN, 30 * MIN, 40 * MIN, 45 * MIN, 50 * MIN, 55 * MIN, 60 * MIN, 65 * MIN, 70 * MIN, 75 * MIN,
        80 * MIN, 85 * MIN, 100 * MIN, 120 * MIN, 130 * MIN, 140 * MIN, 150 * MIN, 160 * MIN, 180 * MIN, 200 * MIN,
        220 * MIN, 260 * MIN, 300 * MIN, 350 * MIN, 400 * MIN, 600 * MIN, 800 * MIN, 1000 * MIN, 1300 * MIN,
        1800 * MIN, 4000 * MIN, 10000 * MIN, Double.POSITIVE_INFINITY};

    private final Miner miner;
    private final String network;

    WorkerCallDurations(Miner miner, String network) {
        this.miner = miner;
        this.network = network;
    }

    @Override
    public MetricSnapshot collect() {
        long epochMillis = (miner.timestampOf(1) - miner.timestampOf(0)) * 1000;
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name("lotus_sealing_worker_calls_returned_ms")
                .help("Duration of returned worker tasks");
        for (Map.Entry<WorkerCalls.Key, WorkerCalls.Count> e : miner.workerCalls().entrySet()) {
            WorkerCalls.Count c = e.getValue();
            if (c.returned() == 0) {
                continue;
            }
            long[] counts = new long[BOUNDS.length];
            double sum = 0;
            for (Map.Entry<Long, Long> d : c.returnedByEpochs().entrySet()) {
                double ms = (double) d.getKey() * epochMillis;
                sum += ms * d.getValue();
                int i = 0;
                while (ms > BOUNDS[i]) {
                    i++;
                }
                counts[i] += d.getValue();
            }
            b.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS, counts)).sum(sum)
                    .labels(Labels.of("network", network, "task_type", e.getKey().task().wire(), "worker_hostname",
                            e.getKey().hostname()))
                    .build());
        }
        return b.build();
    }
}
