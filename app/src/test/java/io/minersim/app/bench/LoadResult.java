package io.minersim.app.bench;

/**
 * What one timed window measured. Latencies in microseconds; {@code otherCores} is the CPU other processes on
 * the machine used meanwhile (NaN when not measured).
 */
record LoadResult(long requests, double seconds, double rps, double p50, double p90, double p99, double max,
        long errors, String note, double otherCores) {
    LoadResult(long requests, double seconds, double rps, double p50, double p90, double p99, double max,
            long errors, String note) {
        this(requests, seconds, rps, p50, p90, p99, max, errors, note, Double.NaN);
    }

    LoadResult withOtherCores(double cores) {
        return new LoadResult(requests, seconds, rps, p50, p90, p99, max, errors, note, cores);
    }
}
