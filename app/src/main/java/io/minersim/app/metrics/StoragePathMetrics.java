package io.minersim.app.metrics;

import io.minersim.sealing.MinerStorage;
import io.minersim.sealing.storage.FsStat;
import io.minersim.sealing.storage.PathMeta;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToDoubleFunction;

/**
 * lotus-miner's storage-path gauges ({@code storage/paths/index.go StorageReportHealth}), labelled
 * {@code storage_id}, {@code path_storage}, {@code path_seal} ({@code "true"}/{@code "false"}) and {@code network}.
 * Lotus records them from each health report; here every scrape reads each path's {@code StorageStat} and
 * {@code StorageInfo} from the miner's index, so they agree with the API at the same head. As in Lotus, the
 * capacity series exist only for a path with a capacity, the limit series only for a path with a {@code Max}.
 */
final class StoragePathMetrics {
    private final MinerStorage storage;
    private final String network;

    private StoragePathMetrics(MinerStorage storage, String network) {
        this.storage = storage;
        this.network = network;
    }

    /** Registers the ten gauges on {@code registry}. */
    static void register(PrometheusRegistry registry, MinerStorage storage, String network) {
        StoragePathMetrics m = new StoragePathMetrics(storage, network);
        m.gauge(registry, "lotus_storage_path_fs_available_frac", "Portion of filesystem available",
                false, s -> (double) s.fsAvailable() / s.capacity());
        m.gauge(registry, "lotus_storage_path_available_frac", "Portion of available space", false,
                s -> (double) s.available() / s.capacity());
        m.gauge(registry, "lotus_storage_path_reserved_frac", "Portion of reserved space", false,
                s -> (double) s.reserved() / s.capacity());
        m.gauge(registry, "lotus_storage_path_limit_used_frac", "Portion of space used under the limit", true,
                s -> (double) s.used() / s.max());
        m.gauge(registry, "lotus_storage_path_capacity_bytes", "Storage capacity", false, s -> (double) s.capacity());
        m.gauge(registry, "lotus_storage_path_fs_available_bytes", "Available filesystem space", false,
                s -> (double) s.fsAvailable());
        m.gauge(registry, "lotus_storage_path_available_bytes", "Available storage space", false,
                s -> (double) s.available());
        m.gauge(registry, "lotus_storage_path_reserved_bytes", "Reserved storage space", false,
                s -> (double) s.reserved());
        m.gauge(registry, "lotus_storage_path_limit_used_bytes", "Used storage space under the limit", true,
                s -> (double) s.used());
        m.gauge(registry, "lotus_storage_path_limit_max_bytes", "Storage space limit", true,
                s -> (double) s.max());
    }

    private void gauge(PrometheusRegistry registry, String name, String help, boolean limit,
            ToDoubleFunction<FsStat> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .labelNames("storage_id", "path_storage", "path_seal", "network")
                .callback(cb -> {
                    for (String id : storage.ids()) {
                        FsStat st;
                        PathMeta meta;
                        try {
                            st = storage.stat(id);
                            meta = storage.info(id);
                        } catch (RuntimeException e) { // detached between the listing and the read
                            continue;
                        }
                        if (limit ? st.max() > 0 : st.capacity() > 0) {
                            cb.call(value.applyAsDouble(st), id, Boolean.toString(meta.canStore()),
                                    Boolean.toString(meta.canSeal()), network);
                        }
                    }
                }).register(registry);
    }

}
