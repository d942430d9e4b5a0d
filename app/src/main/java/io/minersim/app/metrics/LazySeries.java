package io.minersim.app.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * One labelled series of a histogram that appears with its first observation, as an OpenCensus view's row appears
 * with its first record (a series resolved up front would be exported at count 0); resolved once, then observed
 * without a label lookup.
 */
final class LazySeries {
    private final Histogram histogram;
    private final String[] labelValues;
    private volatile DistributionDataPoint series;

    LazySeries(Histogram histogram, String... labelValues) {
        this.histogram = histogram;
        this.labelValues = labelValues.clone();
    }

    void observe(double value) {
        DistributionDataPoint s = series;
        if (s == null) {
            s = histogram.labelValues(labelValues);
            series = s;
        }
        s.observe(value);
    }
}
