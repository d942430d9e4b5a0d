package io.minersim.app.metrics;

import io.minersim.app.rpc.CallTimer;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code lotus_api_request_duration_ms{api="lotus-miner",endpoint,network}}: the wall time of each miner API call's
 * handler, as Lotus's {@code MetricedStorMinerAPI} proxy records it, {@code endpoint} being the Go method name
 * ({@code SectorsStatus}), in Lotus's {@code defaultMillisecondsDistribution} buckets. Only the methods of Lotus's
 * miner API ({@code Filecoin.*}) are timed, not minersim's own {@code Sim.*}. A method's series appears with its first call
 * and is then kept, so a call costs two clock reads and one observation.
 */
final class ApiRequestDurations implements CallTimer {
    /** Lotus's {@code APIInterface} tag on the miner's listener ({@code cli/miner/run.go}). */
    static final String API = "lotus-miner";
    private static final String NAMESPACE = "Filecoin.";

    private final Histogram histogram;
    private final String network;

    ApiRequestDurations(PrometheusRegistry registry, String network) {
        this.network = network;
        this.histogram = Histogram.builder().name("lotus_api_request_duration_ms").help("Duration of API requests")
                .labelNames("api", "endpoint", "network").classicOnly()
                .classicUpperBounds(Distributions.DEFAULT_MILLISECONDS).withoutExemplars().register(registry);
    }

    @Override
    public Recorder forMethod(String wireName, String goName) {
        if (!wireName.startsWith(NAMESPACE)) {
            return null;
        }
        LazySeries series = new LazySeries(histogram, API, goName, network);
        return nanos -> series.observe(nanos / 1e6);
    }
}
