package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.workers.SchedDiag;
import io.minersim.sealing.workers.SchedRequest;
import io.minersim.sealing.workers.TaskJob;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import io.minersim.sealing.workers.WorkerStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link Scheduler} as the miner API reads it: the workers ({@code WorkerStats}), the running tasks
 * ({@code WorkerJobs}) and the queue with the open windows ({@code SealingSchedDiag}). Without a fleet, the default
 * local worker's jobs are read off the sectors in task states, each started when its sector entered the state.
 */
final class SchedulerViews {

    private final Scheduler sched;

    SchedulerViews(Scheduler sched) {
        this.sched = sched;
    }

    /** The workers, in fleet order ({@code WorkerStats}). */
    List<WorkerStatus> workerStats() {
        if (sched.workers == null) {
            Scheduler.Worker local = new Scheduler.Worker(WorkerSpec.local(), sched.workerId(0, WorkerSpec.LOCAL_HOSTNAME));
            for (TaskJob job : jobs()) {
                sched.account(local, job.task(), 1);
            }
            return List.of(status(local));
        }
        List<WorkerStatus> out = new ArrayList<>();
        for (Scheduler.Worker w : sched.workers) {
            out.add(status(w));
        }
        return out;
    }

    private static WorkerStatus status(Scheduler.Worker w) {
        SortedMap<String, Integer> counts = new TreeMap<>(w.taskCounts);
        return new WorkerStatus(w.id, w.spec, w.enabled, w.memUsedMin, w.memUsedMax, w.gpuUsed, w.cpuUse, counts);
    }

    /** The running tasks, by worker then sector ({@code WorkerJobs}, RunWait 0). */
    List<TaskJob> jobs() {
        List<TaskJob> out = new ArrayList<>();
        if (sched.workers == null) {
            String id = sched.workerId(0, WorkerSpec.LOCAL_HOSTNAME);
            for (Map.Entry<SectorState, TaskType[]> e : Scheduler.plansByState().entrySet()) {
                TaskType[] plan = e.getValue();
                sched.p.sectors.forEachIn(e.getKey(), x -> out.add(new TaskJob(sched.callId(x, plan.length - 1), x.number,
                        plan[plan.length - 1], 0, entered(x), id, WorkerSpec.LOCAL_HOSTNAME)));
            }
            out.sort(Comparator.comparingLong(TaskJob::sector));
            return out;
        }
        for (Scheduler.Job j : sched.running.values()) {
            Sector x = sched.p.sectors.get(j.sector());
            Scheduler.Worker w = sched.workers.get(j.worker());
            out.add(new TaskJob(sched.callId(x, j.step()), j.sector(), j.task(), 0, j.start(), w.id,
                    w.spec.hostname()));
        }
        out.sort(Comparator.comparing(TaskJob::workerId).thenComparingLong(TaskJob::sector));
        return out;
    }

    /** The queue and the open windows ({@code SealingSchedDiag}). */
    SchedDiag diag() {
        List<SchedRequest> requests = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        if (sched.workers == null) {
            String id = sched.workerId(0, WorkerSpec.LOCAL_HOSTNAME);
            for (int i = 0; i < Scheduler.WINDOWS_PER_WORKER; i++) {
                windows.add(id);
            }
        } else {
            for (Scheduler.Request r : sched.queue) {
                requests.add(new SchedRequest(r.sector(), Scheduler.task(r), r.priority(), sched.schedId(r), r.created()));
            }
            for (Scheduler.Worker w : sched.workers) {
                for (int i = 0; w.enabled && i < Scheduler.WINDOWS_PER_WORKER; i++) {
                    windows.add(w.id);
                }
            }
            windows.sort(null);
        }
        return new SchedDiag(requests, windows, sched.earlyReturns);
    }

    /** The worker running the sector's task, or {@code null} (a hook for where a sector's files are made). */
    String workerOf(long sector) {
        if (sched.workers == null) {
            Sector x = sched.p.sectors.get(sector);
            return x != null && Scheduler.plan(x.state) != null ? sched.workerId(0, WorkerSpec.LOCAL_HOSTNAME) : null;
        }
        Scheduler.Job j = sched.running.get(sector);
        return j == null ? null : sched.workers.get(j.worker()).id;
    }

    /** The epoch the sector entered its state: its last log entry's. */
    static long entered(Sector s) {
        int n = s.log().size();
        return n == 0 ? s.createdEpoch : s.log().epoch(n - 1);
    }
}
