package io.minersim.app.metrics;

import io.minersim.sealing.Miner;
import io.minersim.sealing.fsm.SectorState;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedMap;

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
 *       {@code lotus_sealing_worker_calls_returned_ms} ({@link WorkerCallDurations}).</li>
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
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    /** The states shown so far; their series stay, at 0 when empty. */
    private final Set<SectorState> shown = EnumSet.noneOf(SectorState.class);

    /**
     * @param miner the miner whose world the metrics read
     * @param network Lotus's {@code NetworkBundle} for the profile ({@code "devnet"}, {@code "mainnet"})
     */
    public MinerMetrics(Miner miner, String network) {
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
        return registry;
    }

    /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
    public String contentType() {
        return writer.getContentType();
    }

    /** One scrape in the Prometheus text format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
