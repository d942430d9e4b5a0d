package io.minersim.app.api;

import io.minersim.app.world.Durability;
import io.minersim.rpc.WorkersApi;
import io.minersim.rpc.types.CallId;
import io.minersim.rpc.types.SchedDiagInfo;
import io.minersim.rpc.types.SectorId;
import io.minersim.rpc.types.TaskResources;
import io.minersim.rpc.types.Uuid;
import io.minersim.rpc.types.WorkerInfo;
import io.minersim.rpc.types.WorkerJob;
import io.minersim.rpc.types.WorkerResources;
import io.minersim.rpc.types.WorkerStats;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.workers.ResourceTable;
import io.minersim.sealing.workers.Resources;
import io.minersim.sealing.workers.SchedDiag;
import io.minersim.sealing.workers.SchedRequest;
import io.minersim.sealing.workers.TaskJob;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link WorkersApi} over one miner: its simulated workers and scheduler as Lotus's manager shows them. Worker and
 * call ids are the scheduler's UUIDs; start times are the simulated clock's; a Go map comes out with its keys
 * sorted. The early returns of {@code SealingSchedDiag} are the miner's (aborts of unknown calls) and the results
 * workers returned for calls the miner never handed out ({@link WorkerReturnApiImpl}).
 */
public final class WorkersApiImpl implements WorkersApi {

    private final Miner miner;
    private final Durability durability;
    private final WorkerReturnApiImpl returns;

    public WorkersApiImpl(Miner miner, Durability durability, WorkerReturnApiImpl returns) {
        this.miner = miner;
        this.durability = durability;
        this.returns = returns;
    }

    @Override
    public Map<String, WorkerStats> workerStats() {
        Map<String, Map<String, TaskResources>> table = resourceTable();
        Map<String, WorkerStats> out = new TreeMap<>();
        for (WorkerStatus w : miner.workerStats()) {
            List<String> tasks = new ArrayList<>();
            for (TaskType t : w.spec().tasks()) {
                tasks.add(t.wire());
            }
            WorkerResources res = new WorkerResources(w.spec().memPhysical(), 0, w.spec().memSwap(), 0,
                    w.spec().cpus(), w.spec().gpus(), table);
            out.put(w.id(), new WorkerStats(new WorkerInfo(w.spec().hostname(), w.spec().ignoreResources(), res), tasks,
                    w.enabled(), w.memUsedMin(), w.memUsedMax(), w.gpuUsed(), w.cpuUse(),
                    new LinkedHashMap<>(w.taskCounts())));
        }
        return out;
    }

    /** Lotus's table as a worker reports it: 14 task types × seal proofs 0–14 (V1, V1_1, synthetic PoRep). */
    private static Map<String, Map<String, TaskResources>> resourceTable() {
        Map<String, Map<String, TaskResources>> out = new TreeMap<>();
        SectorSize[] sizes = SectorSize.values();
        for (TaskType t : ResourceTable.withEntries()) {
            Map<String, TaskResources> byProof = new TreeMap<>();
            for (int proof = 0; proof < 3 * sizes.length; proof++) {
                Resources r = ResourceTable.of(t, sizes[proof % sizes.length]);
                byProof.put(Integer.toString(proof), new TaskResources(r.minMemory(), r.maxMemory(),
                        r.gpuUtilization(), r.maxParallelism(), r.maxParallelismGpu(), r.baseMinMemory(),
                        r.maxConcurrent()));
            }
            out.put(t.wire(), byProof);
        }
        return out;
    }

    @Override
    public Map<String, List<WorkerJob>> workerJobs() {
        return miner.reading(this::jobsNow);
    }

    private Map<String, List<WorkerJob>> jobsNow() {
        long actor = miner.config().actorId();
        Map<String, List<WorkerJob>> out = new TreeMap<>();
        for (WorkerStatus w : miner.workerStats()) {
            out.put(w.id(), new ArrayList<>());
        }
        for (TaskJob j : miner.workerJobs()) {
            SectorId sector = new SectorId(actor, j.sector());
            out.computeIfAbsent(j.workerId(), k -> new ArrayList<>()).add(new WorkerJob(new CallId(sector, j.callId()),
                    sector, j.task().wire(), j.runWait(), start(j.startEpoch()), null));
        }
        return out;
    }

    private String start(long epoch) {
        return Instant.ofEpochSecond(miner.timestampOf(epoch)).toString();
    }

    @Override
    public SchedDiagInfo sealingSchedDiag(boolean doSched) {
        return miner.reading(this::diagNow);
    }

    private SchedDiagInfo diagNow() {
        long actor = miner.config().actorId();
        SchedDiag d = miner.schedDiag();
        List<SchedDiagInfo.Request> requests = null;
        for (SchedRequest r : d.requests()) {
            if (requests == null) {
                requests = new ArrayList<>();
            }
            requests.add(new SchedDiagInfo.Request(new SectorId(actor, r.sector()), r.task().wire(), r.priority(),
                    r.schedId()));
        }
        Map<String, String> callToWork = new TreeMap<>();
        List<String> waiting = null;
        int proof = miner.config().sectorSize().sealProof();
        for (TaskJob j : miner.workerJobs()) {
            String work = j.task().wire() + "([{\"ID\":{\"Miner\":" + actor + ",\"Number\":" + j.sector()
                    + "},\"ProofType\":" + proof + "}])";
            callToWork.put(actor + "-" + j.sector() + "-" + j.callId(), work);
            if (waiting == null) {
                waiting = new ArrayList<>();
            }
            waiting.add(work);
        }
        List<String> early = new ArrayList<>(d.earlyReturns());
        for (CallId c : returns.earlyReturns()) {
            early.add(c.sector().miner() + "-" + c.sector().number() + "-" + c.id());
        }
        return new SchedDiagInfo(new SchedDiagInfo.SchedInfo(requests, d.openWindows()), null, waiting, callToWork,
                early.isEmpty() ? null : early);
    }

    @Override
    public void sealingAbort(CallId call) {
        if (returns.earlyReturns().contains(call)) {
            throw new SealingException("callRes channel already has a response");
        }
        miner.sealingAbort(call.sector().miner(), call.sector().number(), call.id());
        durability.await();
    }

    @Override
    public void sealingRemoveRequest(Uuid schedId) {
        miner.sealingRemoveRequest(schedId.value());
        durability.await();
    }
}
