package io.minersim.app.metrics;

import io.minersim.app.rpc.CallTimer;
import io.minersim.sealing.Miner;
import io.minersim.sealing.fsm.SectorState;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.LongSupplier;

/**
 * The metrics one lotus-miner exports that the simulated world has values for, in their own registry:
 * <ul>
 *   <li>{@code lotus_info{version,commit,node_type="miner",network} 1} ({@code cli/miner/run.go});</li>
 *   <li>{@code lotus_sealing_states{sector_state,network}}: the number of sectors in each state, as
 *       {@code storage/pipeline/stats.go} records it: a state keeps its series, at 0, once its last sector left it
 *       (here: a state shown at an earlier scrape of this node, as Lotus's series start with the process).</li>
 *   <li>{@code lotus_storage_path_*{storage_id,path_storage,path_seal,network}}: each path's space, read from the
 *       miner's storage index at scrape time ({@link StoragePathMetrics});</li>
 *   <li>{@code lotus_sealing_worker_calls_started} and {@code lotus_sealing_worker_calls_returned_count}
 *       {@code {task_type,worker_hostname,network}} ({@link WorkerCallMetrics}) and
 *       {@code lotus_sealing_worker_calls_returned_ms} ({@link WorkerCallDurations});</li>
 *   <li>{@code lotus_sealing_worker_untracked_calls_returned{network}}: the {@code Return*} calls for a call the miner
 *       has no record of (every one, as minersim hands no call to a remote worker);</li>
 *   <li>{@code lotus_api_request_duration_ms{api="lotus-miner",endpoint,network}} ({@link ApiRequestDurations}), timed
 *       at the dispatch through {@link #apiTimer()};</li>
 *   <li>{@code lotus_sched_assigner_*{network}} ({@link SchedulerCycleMetrics}), from the scheduler's assign
 *       cycles;</li>
 *   <li>the {@code process_*} metrics of this process (the Prometheus client's {@link ProcessMetrics}: CPU seconds,
 *       resident and virtual memory, start time, open and maximum file descriptors), as a lotus-miner's registry
 *       carries Go's process collector. Go's {@code go_*} runtime metrics have no truthful value in a JVM and are
 *       not exported.</li>
 * </ul>
 */
public final class MinerMetrics {
    /** Lotus's {@code MinerBuildVersion}, as {@code Version} reports it before its build suffixes. */
    static final String BUILD_VERSION = "1.36.1";
    /** Lotus's {@code CurrentCommit}; minersim's build says what it is. */
    static final String COMMIT = "+minersim";

    private final Miner miner;
    private final String network;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private boolean processMetrics;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    /** The states shown so far; their series stay, at 0 when empty. */
    private final Set<SectorState> shown = EnumSet.noneOf(SectorState.class);

    private final ApiRequestDurations api;

    /**
     * Registers the metrics and starts listening to the miner's scheduler.
     *
     * @param miner the miner whose world the metrics read
     * @param network Lotus's {@code NetworkBundle} for the profile ({@code "devnet"}, {@code "mainnet"})
     * @param untrackedReturns how many {@code Return*} calls came for calls the miner has no record of, since the
     *     process started
     */
    public MinerMetrics(Miner miner, String network, LongSupplier untrackedReturns) {
        this.miner = miner;
        this.network = network;
        GaugeWithCallback.builder().name("lotus_info").help("Lotus node information")
                .labelNames("version", "commit", "node_type", "network")
                .callback(cb -> cb.call(1, BUILD_VERSION, COMMIT, "miner", network)).register(registry);
        GaugeWithCallback.builder().name("lotus_sealing_states").help("Sector states")
                .labelNames("sector_state", "network").callback(this::sealingStates).register(registry);
        StoragePathMetrics.register(registry, miner.storage(), network);
        WorkerCallMetrics.register(registry, miner, network);
        registry.register(new WorkerCallDurations(miner, network));
        // a counter in Lotus; a gauge here, as the client would rename a counter ..._total (see WorkerCallMetrics)
        GaugeWithCallback.builder().name("lotus_sealing_worker_untracked_calls_returned")
                .help("Counter of returned untracked worker tasks").labelNames("network")
                .callback(cb -> {
                    long n = untrackedReturns.getAsLong();
                    if (n > 0) { // as in Lotus, the series appears with its first record
                        cb.call(n, network);
                    }
                }).register(registry);
        api = new ApiRequestDurations(registry, network);
        miner.onAssignCycle(new SchedulerCycleMetrics(registry, network));
    }

    /**
     * The process collector, registered by the first read rather than with the node: it reads the JVM's management
     * beans (JMX), which a start does not otherwise load, and its values are read at each scrape anyway.
     */
    private synchronized PrometheusRegistry withProcessMetrics() {
        if (!processMetrics) {
            ProcessMetrics.builder().register(registry);
            processMetrics = true;
        }
        return registry;
    }

    /** Times the miner API's calls into {@code lotus_api_request_duration_ms}, for the node's dispatcher. */
    public CallTimer apiTimer() {
        return api;
    }

    private void sealingStates(GaugeWithCallback.Callback cb) {
        SortedMap<SectorState, Long> summary = miner.summary();
        synchronized (shown) {
            shown.addAll(summary.keySet());
            for (SectorState s : shown) {
                cb.call(summary.getOrDefault(s, 0L), s.name(), network);
            }
        }
    }

    /** The registry (for a test that reads the snapshots). */
    public PrometheusRegistry registry() {
        return withProcessMetrics();
    }

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** One scrape in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, withProcessMetrics().scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
