package io.minersim.app.stats;

import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.Measure;
import io.minersim.sealing.stats.SectorStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The ten sector endpoints of Spacescope's storage-provider API, each with its response fields in
 * the order and with the names and types of Spacescope's documentation. Every row starts with
 * {@code stat_date} (DATE) and {@code miner_id} (STRING).
 */
public enum StatsEndpoint {
    TOTAL("total",
            count("total_num_sector", s -> s.total(Measure.ONBOARDED_SECTORS)),
            bytes("total_sector_rbp", s -> s.total(Measure.ONBOARDED_RBP)),
            bytes("total_sector_qap", s -> s.total(Measure.ONBOARDED_QAP)),
            count("daily_sector_onboarding_count", s -> s.daily(Measure.ONBOARDED_SECTORS)),
            bytes("daily_sector_onboarding_rbp", s -> s.daily(Measure.ONBOARDED_RBP)),
            bytes("daily_sector_onboarding_qap", s -> s.daily(Measure.ONBOARDED_QAP))),
    COMMIT_SECTOR_COUNT("commit_sector_count",
            count("total_sealed_sector_count", s -> s.total(Measure.SEALED_SECTORS)),
            count("precommit_sector_count", s -> s.total(Measure.PRE_COMMIT_SECTORS)),
            count("precommit_batch_sector_count", s -> s.total(Measure.PRE_COMMIT_BATCH_SECTORS)),
            ratio("avg_precommit_batch_sector_count", SectorStats::averagePreCommitBatchSectors),
            count("provecommit_sector_count", s -> s.total(Measure.PROVE_COMMIT_SECTORS)),
            count("provecommit_batch_sector_count", s -> s.total(Measure.PROVE_COMMIT_AGGREGATE_SECTORS)),
            ratio("avg_provecommit_batch_sector_count", SectorStats::averageProveCommitAggregateSectors)),
    COMMIT_SECTOR_SIZE("commit_sector_size",
            bytes("precommit_sector_rbp", s -> s.total(Measure.PRE_COMMIT_RBP)),
            bytes("precommit_sector_qap", s -> s.total(Measure.PRE_COMMIT_QAP)),
            bytes("precommit_batch_sector_rbp", s -> s.total(Measure.PRE_COMMIT_BATCH_RBP)),
            bytes("precommit_batch_sector_qap", s -> s.total(Measure.PRE_COMMIT_BATCH_QAP)),
            bytes("provecommit_sector_rbp", s -> s.total(Measure.PROVE_COMMIT_RBP)),
            bytes("provecommit_sector_qap", s -> s.total(Measure.PROVE_COMMIT_QAP)),
            bytes("provecommit_batch_sector_rbp", s -> s.total(Measure.PROVE_COMMIT_AGGREGATE_RBP))),
    TERMINATE("terminate",
            bytes("daily_new_terminate_rbp",
                    s -> s.daily(Measure.ACTIVE_TERMINATED_RBP) + s.daily(Measure.PASSIVE_TERMINATED_RBP)),
            bytes("daily_new_terminate_qap",
                    s -> s.daily(Measure.ACTIVE_TERMINATED_QAP) + s.daily(Measure.PASSIVE_TERMINATED_QAP)),
            bytes("total_terminate_rbp",
                    s -> s.total(Measure.ACTIVE_TERMINATED_RBP) + s.total(Measure.PASSIVE_TERMINATED_RBP)),
            bytes("total_terminate_qap",
                    s -> s.total(Measure.ACTIVE_TERMINATED_QAP) + s.total(Measure.PASSIVE_TERMINATED_QAP)),
            bytes("daily_new_active_terminate_rbp", s -> s.daily(Measure.ACTIVE_TERMINATED_RBP)),
            bytes("daily_new_active_terminate_qap", s -> s.daily(Measure.ACTIVE_TERMINATED_QAP)),
            bytes("total_active_terminate_rbp", s -> s.total(Measure.ACTIVE_TERMINATED_RBP)),
            bytes("total_active_terminate_qap", s -> s.total(Measure.ACTIVE_TERMINATED_QAP)),
            bytes("daily_new_passive_terminate_rbp", s -> s.daily(Measure.PASSIVE_TERMINATED_RBP)),
            bytes("daily_new_passive_terminate_qap", s -> s.daily(Measure.PASSIVE_TERMINATED_QAP)),
            bytes("total_passive_terminate_rbp", s -> s.total(Measure.PASSIVE_TERMINATED_RBP)),
            bytes("total_passive_terminate_qap", s -> s.total(Measure.PASSIVE_TERMINATED_QAP))),
    FAULT("fault",
            bytes("daily_new_fault_rbp", s -> s.daily(Measure.FAULTED_RBP)),
            bytes("daily_new_fault_qap", s -> s.daily(Measure.FAULTED_QAP)),
            bytes("active_fault_rbp", s -> s.level(Level.FAULTY_RBP)),
            bytes("active_fault_qap", s -> s.level(Level.FAULTY_QAP))),
    RECOVER("recover",
            bytes("daily_new_recover_rbp", s -> s.daily(Measure.RECOVERED_RBP)),
            bytes("daily_new_recover_qap", s -> s.daily(Measure.RECOVERED_QAP))),
    EXPIRE("expire",
            bytes("daily_new_expire_rbp", s -> s.daily(Measure.EXPIRED_RBP)),
            bytes("daily_new_expire_qap", s -> s.daily(Measure.EXPIRED_QAP)),
            bytes("total_expire_rbp", s -> s.total(Measure.EXPIRED_RBP)),
            bytes("total_expire_qap", s -> s.total(Measure.EXPIRED_QAP))),
    EXTEND("extend",
            bytes("daily_new_extend_rbp", s -> s.daily(Measure.EXTENDED_RBP)),
            bytes("daily_new_extend_qap", s -> s.daily(Measure.EXTENDED_QAP))),
    SNAP("snap",
            bytes("daily_new_snap_rbp", s -> s.daily(Measure.SNAPPED_RBP)),
            bytes("daily_new_snap_qap", s -> s.daily(Measure.SNAPPED_QAP)),
            bytes("total_snap_rbp", s -> s.total(Measure.SNAPPED_RBP)),
            bytes("total_snap_qap", s -> s.total(Measure.SNAPPED_QAP))),
    SECTOR_DURATION("sector_duration",
            ratio("avg_active_sector_duration_days", SectorStats::averageActiveLifetimeDays),
            ratio("std_active_sector_duration_days", SectorStats::activeLifetimeStdDevDays));

    /** The path prefix every endpoint shares. */
    public static final String PREFIX = "/storage_provider/sector/";

    /** A response field: its Spacescope name and type, and how a day's statistics give its value. */
    public record Field(String name, String type, Function<SectorStats, Number> value) {
    }

    private final String name;
    private final List<Field> fields;

    StatsEndpoint(String name, Field... fields) {
        this.name = name;
        List<Field> all = new ArrayList<>();
        all.add(new Field("stat_date", "DATE", null));
        all.add(new Field("miner_id", "STRING", null));
        all.addAll(List.of(fields));
        this.fields = Collections.unmodifiableList(all);
    }

    /** The last path segment, e.g. {@code commit_sector_count}. */
    public String endpointName() {
        return name;
    }

    public String path() {
        return PREFIX + name;
    }

    /** Every field, {@code stat_date} and {@code miner_id} first. */
    public List<Field> fields() {
        return fields;
    }

    /** The endpoint of a path segment, or null. */
    public static StatsEndpoint ofName(String name) {
        for (StatsEndpoint e : values()) {
            if (e.name.equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static Field count(String name, Function<SectorStats, Number> value) {
        return new Field(name, "BIGINT", value);
    }

    private static Field bytes(String name, Function<SectorStats, Number> value) {
        return new Field(name, "NUMERIC", value);
    }

    private static Field ratio(String name, Function<SectorStats, Number> value) {
        return new Field(name, "NUMERIC", value);
    }
}
