package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.CallId;
import io.minersim.rpc.types.SchedDiagInfo;
import io.minersim.rpc.types.Uuid;
import io.minersim.rpc.types.WorkerJob;
import io.minersim.rpc.types.WorkerStats;
import java.util.List;
import java.util.Map;

/**
 * Lotus's miner methods about its sealing workers and scheduler ({@code api/api_storage.go}), served on the same
 * endpoint as {@link MinerApi}; kept apart from it, as {@link ProvingApi} is. All need admin, as in Lotus.
 */
public interface WorkersApi {

    /** The workers by UUID: what each is, the tasks it takes, whether enabled, and what its running tasks use. */
    @JsonRpcMethod("Filecoin.WorkerStats")
    @RequiresPermission(Permission.ADMIN)
    Map<String, WorkerStats> workerStats();

    /** The running tasks per worker UUID (RunWait 0), with their start times on the simulated clock. */
    @JsonRpcMethod("Filecoin.WorkerJobs")
    @RequiresPermission(Permission.ADMIN)
    Map<String, List<WorkerJob>> workerJobs();

    /** The scheduler's queue and open windows; {@code doSched} pokes the scheduler first (here it is always current). */
    @JsonRpcMethod("Filecoin.SealingSchedDiag")
    @RequiresPermission(Permission.ADMIN)
    SchedDiagInfo sealingSchedDiag(@GoType("bool") boolean doSched);

    /**
     * Fails a running call with "task aborted" (its sector takes the state's failure path); an unknown call is kept
     * as an early return; a second abort of it fails with "callRes channel already has a response".
     */
    @JsonRpcMethod("Filecoin.SealingAbort")
    @RequiresPermission(Permission.ADMIN)
    void sealingAbort(@GoType("storiface.CallID") CallId call);

    /** Removes a queued task request by its SchedId (its sector's step fails); unknown: an error. */
    @JsonRpcMethod("Filecoin.SealingRemoveRequest")
    @RequiresPermission(Permission.ADMIN)
    void sealingRemoveRequest(@GoType("uuid.UUID") Uuid schedId);
}
