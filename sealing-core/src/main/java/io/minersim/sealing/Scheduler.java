package io.minersim.sealing;

import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.workers.AssignCycle;
import io.minersim.sealing.workers.AssignCycleListener;
import io.minersim.sealing.workers.Resources;
import io.minersim.sealing.workers.ResourceTable;
import io.minersim.sealing.workers.TaskJob;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Lotus's sealing scheduler ({@code storage/sealer/sched*.go}): the states that run Lotus tasks ask it for them
 * ({@link Pipeline#task}); a task starts on an enabled worker that accepts its type and where it fits
 * ({@code CanHandleRequest}: memory, CPU threads, GPUs), picked by the {@code utilization} assigner, or waits in
 * the queue, ordered as Lotus orders it, and the sector stays in its state. A task's end frees its resources and
 * starts what now fits. A state of two tasks (Committing: C1 then C2; ProveReplicaUpdate: PR1 then PR2) runs the
 * first in no time and the second for the stage.
 *
 * <p>Without a fleet ({@link #workers} {@code null}) the miner has the default local worker, which ignores
 * resources: every task starts at once, so the engine runs exactly as without a scheduler; its jobs are read off
 * the sectors' states when asked, and nothing is kept per sector. Configuring workers, taking the local worker
 * offline or recording an early return makes the scheduler explicit.
 */
final class Scheduler {

    /** {@code DealSectorPriority}: the priority of a sector with deals, and of every AddPiece; others have 0. */
    static final int DEAL_PRIORITY = 1024;
    static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
    /** The scheduling windows an enabled worker keeps open (Lotus's {@code SchedWindows}), as SealingSchedDiag shows. */
    static final int WINDOWS_PER_WORKER = 2;

    private static final Map<SectorState, TaskType[]> PLANS = plans();

    final Pipeline p;
    /** What the API reads. */
    final SchedulerViews views = new SchedulerViews(this);
    /** The fleet; {@code null}: the default local worker, implicit. */
    List<Worker> workers;
    /** Running tasks by sector (only with a fleet). */
    TreeMap<Long, Job> running = new TreeMap<>();
    /** Waiting requests in scheduling order (only with a fleet). */
    List<Request> queue = new ArrayList<>();
    /** Calls aborted before they were known ({@code EarlyRet}), as CallID strings. */
    List<String> earlyReturns = new ArrayList<>();
    /** The order number of the next request (ties in the queue). */
    long nextSeq;
    /** The calls returned since the process started (Lotus's worker call counters; not snapshotted). */
    final io.minersim.sealing.workers.WorkerCalls calls = new io.minersim.sealing.workers.WorkerCalls();
    /** Hears the assign cycles (metrics), or {@code null}: then nothing is timed. Not state. */
    volatile AssignCycleListener listener;

    Scheduler(Pipeline p) {
        this.p = p;
    }

    /** A worker of the fleet and what its running tasks take. */
    static final class Worker {
        final WorkerSpec spec;
        final String id;
        boolean enabled = true;
        long memUsedMin;
        long memUsedMax;
        double gpuUsed;
        long cpuUse;
        final TreeMap<String, Integer> taskCounts = new TreeMap<>();

        Worker(WorkerSpec spec, String id) {
            this.spec = spec;
            this.id = id;
        }
    }

    /** A running task: the sector, the worker (index), the step of the state's plan, its start and the stage. */
    record Job(long sector, TaskType task, int worker, int step, long start, long stageEpochs) {
    }

    /** A waiting task request. */
    record Request(long sector, TaskType task, int step, long stageEpochs, int priority, long created, long seq) {
    }

    // ---------------------------------------------------------------------------------------------
    // the engine's side

    /** Whether there is no fleet: the default local worker runs every task at once. */
    boolean implicit() {
        return workers == null;
    }

    /** Whether the scheduler holds nothing a snapshot must carry. */
    boolean isDefault() {
        return workers == null && earlyReturns.isEmpty();
    }

    /** The tasks a state runs, or {@code null}. */
    static TaskType[] plan(SectorState state) {
        return PLANS.get(state);
    }

    /** Each task state's tasks, in state order (read only). */
    static Map<SectorState, TaskType[]> plansByState() {
        return java.util.Collections.unmodifiableMap(PLANS);
    }

    /** The states that run tasks. */
    static java.util.Set<SectorState> taskStates() {
        return PLANS.keySet();
    }

    /**
     * The state's first task for {@code s}: a timer when it starts now, else a wait in the queue. One assign cycle
     * for the new request alone: the queued ones did not fit at the last cycle and nothing was freed since.
     */
    Step request(Sector s, long stageEpochs) {
        Request r = new Request(s.number, PLANS.get(s.state)[0], 0, stageEpochs, priority(s), p.head, nextSeq++);
        AssignCycleListener l = listener;
        long t0 = l == null ? 0 : System.nanoTime();
        int windows = openWindows();
        int queued = queue.size() + 1;
        int[] candidates = candidates(r.task());
        long t1 = l == null ? 0 : System.nanoTime();
        int w = pick(r, candidates);
        long t2 = l == null ? 0 : System.nanoTime();
        Step out;
        if (w < 0) {
            enqueue(r);
            out = Step.WAIT;
        } else {
            account(workers.get(w), r.task(), 1);
            out = new Step.At(start(r, w, false));
        }
        if (l != null) {
            long t3 = System.nanoTime();
            l.cycle(windows == 0 ? new AssignCycle(0, queued, t3 - t0, 0, 0, 0)
                    : new AssignCycle(windows, queued, t3 - t0, t1 - t0, t2 - t1, t3 - t2));
        }
        return out;
    }

    /**
     * The sector's timer fired in a task state: ends its running task, asks for the next task of the state, if
     * any, and starts what now fits. True when the state's work goes on (or the timer is stale), false when the
     * handler's done half runs.
     */
    boolean taskEnded(Sector s) {
        if (workers == null || !PLANS.containsKey(s.state)) {
            return false;
        }
        Job j = running.remove(s.number);
        if (j == null) {
            return true; // a stale timer of a task that was requeued
        }
        release(j);
        boolean more = j.step() + 1 < PLANS.get(s.state).length;
        if (more) {
            enqueue(new Request(s.number, PLANS.get(s.state)[j.step() + 1], j.step() + 1, j.stageEpochs(), priority(s),
                    p.head, nextSeq++));
        }
        assign();
        return more;
    }

    /**
     * The sector moved from {@code from}, where {@code WorkerJobs} showed it since epoch {@code since}: without a
     * fleet, the local worker's calls of the two states are counted as {@code WorkerJobs} shows them (the state's
     * tasks before the last return at once, the last runs while the sector is in the state); with one, its running
     * task or request goes, and what now fits starts.
     */
    void left(Sector s, SectorState from, long since) {
        if (workers == null) {
            TaskType[] was = PLANS.get(from);
            if (was != null) {
                calls.returned(was[was.length - 1], WorkerSpec.LOCAL_HOSTNAME, p.head - since);
            }
            TaskType[] now = PLANS.get(s.state);
            if (now != null) {
                for (int i = 0; i < now.length - 1; i++) {
                    calls.returned(now[i], WorkerSpec.LOCAL_HOSTNAME, 0);
                }
            }
            return;
        }
        Job j = running.remove(s.number);
        if (j != null) {
            release(j);
        }
        boolean dropped = queue.removeIf(r -> r.sector() == s.number);
        if (j != null || dropped) {
            assign();
        }
    }

    /**
     * One assign cycle (Lotus's {@code trySched}): which workers can take each task type, then every waiting request
     * in queue order goes to the least used of them where it fits now, then the assigned tasks start.
     */
    void assign() {
        AssignCycleListener l = listener;
        long t0 = l == null ? 0 : System.nanoTime();
        int windows = openWindows();
        int queued = queue.size();
        if (windows == 0 || queued == 0) { // nothing to schedule on
            if (l != null) {
                l.cycle(new AssignCycle(windows, queued, System.nanoTime() - t0, 0, 0, 0));
            }
            return;
        }
        Map<TaskType, int[]> candidates = new EnumMap<>(TaskType.class);
        for (TaskType t : TaskType.values()) {
            candidates.put(t, candidates(t));
        }
        long t1 = l == null ? 0 : System.nanoTime();
        List<Request> assigned = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        for (Iterator<Request> it = queue.iterator(); it.hasNext(); ) {
            Request r = it.next();
            int w = pick(r, candidates.get(r.task()));
            if (w >= 0) {
                it.remove();
                account(workers.get(w), r.task(), 1);
                assigned.add(r);
                to.add(w);
            }
        }
        long t2 = l == null ? 0 : System.nanoTime();
        for (int i = 0; i < assigned.size(); i++) {
            start(assigned.get(i), to.get(i), true);
        }
        if (l != null) {
            long t3 = System.nanoTime();
            l.cycle(new AssignCycle(windows, queued, t3 - t0, t1 - t0, t2 - t1, t3 - t2));
        }
    }

    /** The open scheduling windows: {@link #WINDOWS_PER_WORKER} per enabled worker of the fleet. */
    int openWindows() {
        int n = 0;
        for (Worker w : workers) {
            if (w.enabled) {
                n += WINDOWS_PER_WORKER;
            }
        }
        return n;
    }

    /** The worker's resources were already counted for the task ({@link #account}). */
    private long start(Request r, int w, boolean setTimer) {
        Sector s = p.sectors.get(r.sector());
        Job j = new Job(r.sector(), r.task(), w, r.step(), p.head, r.stageEpochs());
        running.put(r.sector(), j);
        long end = p.head + (r.step() == PLANS.get(s.state).length - 1 ? r.stageEpochs() : 0);
        if (setTimer) {
            p.timers.schedule(end, Action.SECTOR, s, s.version);
        }
        return end;
    }

    private void enqueue(Request r) {
        int i = 0;
        while (i < queue.size() && order(queue.get(i), r) <= 0) {
            i++;
        }
        queue.add(i, r);
    }

    /** Lotus's {@code requestQueue.Less}: a negative order first, then priority, task order, sector, arrival. */
    private int order(Request a, Request b) {
        int oa = task(a).order();
        int ob = task(b).order();
        if ((oa ^ ob) < 0) {
            return Integer.compare(oa, ob);
        }
        if (a.priority() != b.priority()) {
            return Integer.compare(b.priority(), a.priority());
        }
        if (oa != ob) {
            return Integer.compare(oa, ob);
        }
        int c = Long.compare(a.sector(), b.sector());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    }

    static TaskType task(Request r) {
        return r.task();
    }

    /** Lotus's {@code sealingCtx}: deal sectors get DealSectorPriority; AddPiece always runs with it. */
    private static int priority(Sector s) {
        boolean addPiece = s.state == SectorState.AddPiece || s.state == SectorState.SnapDealsAddPiece;
        return addPiece || s.dealCount() > 0 ? DEAL_PRIORITY : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // fitting ({@code sched_resources.go})

    /**
     * The enabled workers that accept {@code t} and could hold it with nothing running (Lotus's acceptable windows),
     * in fleet order.
     */
    private int[] candidates(TaskType t) {
        Resources need = ResourceTable.of(t, p.config.sectorSize());
        int[] out = new int[workers.size()];
        int n = 0;
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            if (w.enabled && w.spec.tasks().contains(t) && fits(w.spec, 0, 0, 0, 0, need)) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The least used of {@code candidates} where the request fits now (the first on a tie), or -1. */
    private int pick(Request r, int[] candidates) {
        Resources need = ResourceTable.of(task(r), p.config.sectorSize());
        int best = -1;
        double bestUse = Double.MAX_VALUE;
        for (int i : candidates) {
            Worker w = workers.get(i);
            if (!fits(w, need)) {
                continue;
            }
            double use = utilization(w);
            if (use < bestUse) {
                best = i;
                bestUse = use;
            }
        }
        return best;
    }

    private static boolean fits(Worker w, Resources need) {
        return fits(w.spec, w.memUsedMin, w.memUsedMax, w.cpuUse, w.gpuUsed, need);
    }

    /** Lotus's {@code CanHandleRequest}: whether {@code need} fits beside what is in use. */
    private static boolean fits(WorkerSpec spec, long memUsedMin, long memUsedMax, long cpuUse, double gpuUsed,
            Resources need) {
        if (spec.ignoreResources()) {
            return true;
        }
        if (need.minMemory() + need.baseMinMemory() > spec.memPhysical() - memUsedMin) {
            return false;
        }
        if (need.maxMemory() + need.baseMinMemory() > spec.memPhysical() + spec.memSwap() - memUsedMax) {
            return false;
        }
        if (cpuUse + need.threads(spec.cpus(), spec.gpus().size()) > spec.cpus()) {
            return false;
        }
        return spec.gpus().isEmpty() || need.gpuUtilization() <= 0
                || gpuUsed + need.gpuUtilization() <= spec.gpus().size();
    }

    private static double utilization(Worker w) {
        WorkerSpec s = w.spec;
        double max = (double) w.cpuUse / s.cpus();
        max = Math.max(max, (double) w.memUsedMin / s.memPhysical());
        max = Math.max(max, (double) w.memUsedMax / (s.memPhysical() + s.memSwap()));
        if (!s.gpus().isEmpty()) {
            max = Math.max(max, w.gpuUsed / s.gpus().size());
        }
        return max;
    }

    private void release(Job j) {
        account(workers.get(j.worker()), j.task(), -1);
        calls.returned(j.task(), workers.get(j.worker()).spec.hostname(), p.head - j.start());
    }

    void account(Worker w, TaskType t, int sign) {
        Resources r = ResourceTable.of(t, p.config.sectorSize());
        w.memUsedMin += sign * r.minMemory();
        w.memUsedMax += sign * r.maxMemory();
        w.gpuUsed += w.spec.gpus().isEmpty() ? 0 : sign * r.gpuUtilization();
        w.cpuUse += sign * r.threads(w.spec.cpus(), w.spec.gpus().size());
        w.taskCounts.merge(taskKey(t), sign, (a, b) -> a + b == 0 ? null : a + b);
    }

    private String taskKey(TaskType t) {
        return p.config.sectorSize().sealProof() + ":" + t.wire();
    }

    // ---------------------------------------------------------------------------------------------
    // control

    /** Replaces the fleet; only while no sector is in a state that runs tasks. */
    void configure(List<WorkerSpec> fleet) {
        if (fleet == null || fleet.isEmpty()) {
            throw new InvalidInputException("workers", "a fleet needs at least one worker");
        }
        for (SectorState st : PLANS.keySet()) {
            if (p.sectors.count(st) > 0) {
                throw new InvalidInputException("workers",
                        "workers can only be configured while no sector runs or waits for a task (" + st + ")");
            }
        }
        List<Worker> out = new ArrayList<>();
        for (WorkerSpec spec : fleet) {
            out.add(new Worker(spec, workerId(out.size(), spec.hostname())));
        }
        workers = out;
        running = new TreeMap<>();
        queue = new ArrayList<>();
    }

    /**
     * Takes a worker (by id or hostname) offline or brings it back. Going offline, its running tasks fail as an
     * aborted call fails them: the state's failure event (a state without one runs its tasks again); coming back,
     * what fits starts.
     */
    void setEnabled(String who, boolean enabled) {
        if (workers == null) {
            resolve(who, List.of(new Worker(WorkerSpec.local(), workerId(0, WorkerSpec.LOCAL_HOSTNAME))));
            if (enabled) {
                return;
            }
            List<Sector> derived = new ArrayList<>();
            for (TaskJob job : jobs()) {
                derived.add(p.sectors.get(job.sector()));
            }
            workers = new ArrayList<>(List.of(new Worker(WorkerSpec.local(), workerId(0, WorkerSpec.LOCAL_HOSTNAME))));
            workers.get(0).enabled = false;
            for (Sector s : derived) {
                fail(s, PLANS.get(s.state).length - 1, offline(WorkerSpec.LOCAL_HOSTNAME));
            }
            return;
        }
        Worker w = resolve(who, workers);
        if (w.enabled == enabled) {
            return;
        }
        w.enabled = enabled;
        if (!enabled) {
            int index = workers.indexOf(w);
            List<Job> gone = new ArrayList<>();
            for (Job j : running.values()) {
                if (j.worker() == index) {
                    gone.add(j);
                }
            }
            for (Job j : gone) {
                running.remove(j.sector());
                release(j);
            }
            for (Job j : gone) {
                Sector s = p.sectors.get(j.sector());
                fail(s, j.step(), offline(w.spec.hostname()));
            }
        }
        assign();
    }

    private static String offline(String hostname) {
        return "storage call error 0: worker " + hostname + " went offline";
    }

    private static Worker resolve(String who, List<Worker> fleet) {
        Worker byHost = null;
        int hosts = 0;
        for (Worker w : fleet) {
            if (w.id.equals(who)) {
                return w;
            }
            if (w.spec.hostname().equals(who)) {
                byHost = w;
                hosts++;
            }
        }
        if (hosts == 1) {
            return byHost;
        }
        throw new InvalidInputException("worker", hosts > 1 ? "hostname " + who + " names several workers; use its id"
                : "worker " + who + " not found");
    }

    /**
     * {@code SealingAbort}: the running call fails with "task aborted"; an unknown call is kept as an early return;
     * a second abort of it fails as in Lotus.
     */
    void abort(long miner, long sector, String uuid) {
        for (TaskJob job : jobs()) {
            if (job.sector() == sector && job.callId().equals(uuid) && miner == p.config.actorId()) {
                Sector s = p.sectors.get(sector);
                Job j = workers == null ? null : running.remove(sector);
                int step = j == null ? PLANS.get(s.state).length - 1 : j.step();
                if (j != null) {
                    release(j);
                }
                fail(s, step, "storage call error 0: task aborted");
                if (workers != null) {
                    assign();
                }
                return;
            }
        }
        String key = miner + "-" + sector + "-" + uuid;
        if (earlyReturns.contains(key)) {
            throw new SealingException("callRes channel already has a response");
        }
        earlyReturns.add(key);
    }

    /** {@code SealingRemoveRequest}: a queued request goes; its sector's step fails. */
    void removeRequest(String schedId) {
        if (workers != null) {
            for (Request r : queue) {
                if (schedId(r).equals(schedId)) {
                    queue.remove(r);
                    fail(p.sectors.get(r.sector()), r.step(), "scheduling request removed");
                    assign();
                    return;
                }
            }
        }
        throw new SealingException("No request with provided details found");
    }

    /** A task failed: the state's failure event with Lotus's wrapping, or (a state without one) a fresh start. */
    private void fail(Sector s, int step, String error) {
        SectorEvent event = StateHandlers.failureEvent(s.state);
        if (event == null) {
            s.version++; // its old timer is stale now
            p.planner.follow(s, StateHandlers.of(s.state).enter().next(p, s));
            return;
        }
        p.planner.deliver(s, event, 0, null, wrap(s.state, step) + ": " + error);
    }

    /** The text Lotus's state handler wraps a failed task's error in. */
    private static String wrap(SectorState state, int step) {
        return switch (PLANS.get(state)[step]) {
            case ADD_PIECE -> "writing piece";
            case PRE_COMMIT_1 -> "seal pre commit(1) failed";
            case PRE_COMMIT_2 -> "seal pre commit(2) failed";
            case COMMIT_1 -> "computing seal proof failed(1)";
            case COMMIT_2 -> "computing seal proof failed(2)";
            case FINALIZE, FINALIZE_REPLICA_UPDATE -> "finalize sector";
            case REPLICA_UPDATE -> "replica update failed";
            case PROVE_REPLICA_UPDATE_1 -> "prove replica update (1) failed";
            case PROVE_REPLICA_UPDATE_2 -> "prove replica update (2) failed";
            case DOWNLOAD_SECTOR -> "downloading sector data";
            case DATA_CID, FINALIZE_UNSEALED, FETCH, UNSEAL, REGEN_SECTOR_KEY, GENERATE_WINDOW_POST,
                    GENERATE_WINNING_POST -> "task failed";
        };
    }

    // ---------------------------------------------------------------------------------------------
    // views ({@link SchedulerViews})

    List<TaskJob> jobs() {
        return views.jobs();
    }

    /** Swaps in a restored snapshot's state; the workers' usage is counted again from the running tasks. */
    void replaceWith(SnapshotWorkersCodec.Decoded d) {
        workers = d.workers();
        running = d.running();
        queue = d.queue();
        earlyReturns = d.earlyReturns();
        nextSeq = d.nextSeq();
        for (Job j : running.values()) {
            account(workers.get(j.worker()), j.task(), 1);
        }
    }

    String workerIdOf(int index, String hostname) {
        return workerId(index, hostname);
    }

    String workerId(int index, String hostname) {
        return uuid("worker:" + p.config.actorId() + ":" + index + ":" + hostname);
    }

    String callId(Sector s, int step) {
        return uuid("call:" + p.config.actorId() + ":" + s.number + ":" + s.version + ":" + step);
    }

    String schedId(Request r) {
        return uuid("sched:" + p.config.actorId() + ":" + r.sector() + ":" + r.seq());
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Map<SectorState, TaskType[]> plans() {
        Map<SectorState, TaskType[]> m = new EnumMap<>(SectorState.class);
        TaskType[] ap = {TaskType.ADD_PIECE};
        m.put(SectorState.AddPiece, ap);
        m.put(SectorState.Packing, ap);
        m.put(SectorState.PreCommit1, new TaskType[] {TaskType.PRE_COMMIT_1});
        m.put(SectorState.PreCommit2, new TaskType[] {TaskType.PRE_COMMIT_2});
        m.put(SectorState.Committing, new TaskType[] {TaskType.COMMIT_1, TaskType.COMMIT_2});
        m.put(SectorState.CommitFinalize, new TaskType[] {TaskType.FINALIZE});
        m.put(SectorState.FinalizeSector, new TaskType[] {TaskType.FINALIZE});
        m.put(SectorState.SnapDealsAddPiece, ap);
        m.put(SectorState.SnapDealsPacking, ap);
        m.put(SectorState.UpdateReplica, new TaskType[] {TaskType.REPLICA_UPDATE});
        m.put(SectorState.ProveReplicaUpdate,
                new TaskType[] {TaskType.PROVE_REPLICA_UPDATE_1, TaskType.PROVE_REPLICA_UPDATE_2});
        m.put(SectorState.FinalizeReplicaUpdate, new TaskType[] {TaskType.FINALIZE_REPLICA_UPDATE});
        m.put(SectorState.ReceiveSector, new TaskType[] {TaskType.DOWNLOAD_SECTOR});
        return m;
    }
}
