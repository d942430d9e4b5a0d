package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code api.SyncState}, SyncState's result: the sync workers' states and how many messages the VM has applied.
 *
 * @param activeSyncs the sync workers (Lotus keeps the recent ones)
 * @param vmApplied the messages the node's VM has applied
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncState(
        @JsonProperty("ActiveSyncs") List<ActiveSync> activeSyncs,
        @JsonProperty("VMApplied") long vmApplied) {
    /** {@code api.StageSyncComplete}: a worker that has synced to its target. */
    public static final int STAGE_SYNC_COMPLETE = 4;
    /** {@code api.StageSyncErrored}, the last stage of the enum. */
    private static final int STAGE_LAST = 6;

    public SyncState {
        activeSyncs = Checks.listOrNull(activeSyncs, "SyncState", "ActiveSyncs");
        Checks.uint64(vmApplied, "SyncState", "VMApplied");
    }

    /**
     * {@code api.ActiveSync}: one sync worker.
     *
     * @param workerId the worker's number
     * @param base the tipset it synced from
     * @param target the tipset it synced to
     * @param stage its {@code api.SyncStateStage} (0 idle … 4 complete, 5 errored, 6 fetching messages)
     * @param height the height it has reached
     * @param start when it started (RFC 3339, as Go writes a {@code time.Time})
     * @param end when it ended (RFC 3339; Go's zero time {@code 0001-01-01T00:00:00Z} while running)
     * @param message its error text, {@code ""} when none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActiveSync(
            @JsonProperty("WorkerID") long workerId,
            @JsonProperty("Base") TipSet base,
            @JsonProperty("Target") TipSet target,
            @JsonProperty("Stage") int stage,
            @JsonProperty("Height") long height,
            @JsonProperty("Start") String start,
            @JsonProperty("End") String end,
            @JsonProperty("Message") String message) {
        public ActiveSync {
            Checks.uint64(workerId, "ActiveSync", "WorkerID");
            if (stage < 0 || stage > STAGE_LAST) {
                throw new IllegalArgumentException("ActiveSync.Stage must be 0.." + STAGE_LAST + ", got " + stage);
            }
            Checks.required(start, "ActiveSync", "Start");
            Checks.required(end, "ActiveSync", "End");
            message = Checks.string(message);
        }
    }
}
