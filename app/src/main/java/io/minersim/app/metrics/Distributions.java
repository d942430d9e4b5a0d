package io.minersim.app.metrics;

/** Lotus's histogram buckets ({@code metrics/metrics.go}), as upper bounds; the client adds {@code +Inf}. */
final class Distributions {
    /** {@code defaultMillisecondsDistribution}: API requests and the scheduler's cycle steps. */
    static final double[] DEFAULT_MILLISECONDS = {0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20,
        25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000, 3000, 4000, 5000, 7500,
        10_000, 20_000, 50_000, 100_000, 250_000, 500_000, 1_000_000};
    /** {@code queueSizeDistribution}: the scheduler's open windows and queue entries per cycle. */
    static final double[] QUEUE_SIZE = {0, 1, 2, 3, 5, 7, 10, 15, 25, 35, 50, 70, 90, 130, 200, 300, 500, 1000, 2000,
        5000, 10_000};

    private Distributions() {
    }
}
