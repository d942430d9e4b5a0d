package io.minersim.app.metrics;

import io.minersim.sealing.workers.AssignCycle;
import io.minersim.sealing.workers.AssignCycleListener;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Lotus's scheduler histograms ({@code storage/sealer/sched.go}, {@code sched_assigner_common.go}), labelled
 * {@code network}, from each assign cycle of the simulated scheduler: {@code lotus_sched_assigner_cycle_ms} (the
 * whole cycle), {@code _cycle_candidates_ms}, {@code _cycle_window_select_ms} and {@code _cycle_submit_ms} (its
 * steps, recorded only when something could be scheduled, as in Lotus), in real milliseconds of minersim's own cycle;
 * and {@code lotus_sched_assigner_cycle_open_window} and {@code _cycle_task_queue_entry}, the simulated open windows
 * and queued requests at the cycle's start, in Lotus's {@code queueSizeDistribution} buckets.
 */
final class SchedulerCycleMetrics implements AssignCycleListener {
    private final LazySeries cycle;
    private final LazySeries candidates;
    private final LazySeries windowSelect;
    private final LazySeries submit;
    private final LazySeries openWindows;
    private final LazySeries queued;

    SchedulerCycleMetrics(PrometheusRegistry registry, String network) {
        cycle = histogram(registry, network, "lotus_sched_assigner_cycle_ms", "Duration of scheduler assigner cycle",
                Distributions.DEFAULT_MILLISECONDS);
        candidates = histogram(registry, network, "lotus_sched_assigner_cycle_candidates_ms",
                "Duration of scheduler assigner candidate matching step", Distributions.DEFAULT_MILLISECONDS);
        windowSelect = histogram(registry, network, "lotus_sched_assigner_cycle_window_select_ms",
                "Duration of scheduler window selection step", Distributions.DEFAULT_MILLISECONDS);
        submit = histogram(registry, network, "lotus_sched_assigner_cycle_submit_ms",
                "Duration of scheduler window submit step", Distributions.DEFAULT_MILLISECONDS);
        openWindows = histogram(registry, network, "lotus_sched_assigner_cycle_open_window",
                "Number of open windows in scheduling cycles", Distributions.QUEUE_SIZE);
        queued = histogram(registry, network, "lotus_sched_assigner_cycle_task_queue_entry",
                "Number of task queue entries in scheduling cycles", Distributions.QUEUE_SIZE);
    }

    private static LazySeries histogram(PrometheusRegistry registry, String network, String name, String help,
            double[] bounds) {
        return new LazySeries(Histogram.builder().name(name).help(help).labelNames("network").classicOnly()
                .classicUpperBounds(bounds).withoutExemplars().register(registry), network);
    }

    @Override
    public void cycle(AssignCycle c) {
        openWindows.observe(c.openWindows());
        queued.observe(c.queued());
        cycle.observe(c.totalNanos() / 1e6);
        if (c.stepsRan()) {
            candidates.observe(c.candidatesNanos() / 1e6);
            windowSelect.observe(c.windowSelectNanos() / 1e6);
            submit.observe(c.submitNanos() / 1e6);
        }
    }
}
