package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.bool;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.str;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduler's part of a snapshot ({@code Scheduler}: the fleet with each worker's state, the running tasks, the
 * queue, the early returns and the next request number) and a worker's description as journals and snapshots write
 * it. A miner with the default local worker writes no {@code Scheduler} key, so its snapshot is as before.
 */
final class SnapshotWorkersCodec {

    private SnapshotWorkersCodec() {
    }

    /** The scheduler's state, or {@code null} for the default. */
    static Map<String, Object> encode(Scheduler s) {
        if (s.isDefault()) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        List<Object> workers = null;
        if (s.workers != null) {
            workers = new ArrayList<>();
            for (Scheduler.Worker w : s.workers) {
                Map<String, Object> x = encodeSpec(w.spec);
                x.put("Enabled", w.enabled);
                workers.add(x);
            }
        }
        o.put("Workers", workers);
        List<Object> jobs = new ArrayList<>();
        for (Scheduler.Job j : s.running.values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("Sector", j.sector());
            x.put("Task", j.task().wire());
            x.put("Worker", j.worker());
            x.put("Step", j.step());
            x.put("Start", j.start());
            x.put("StageEpochs", j.stageEpochs());
            jobs.add(x);
        }
        o.put("Running", jobs);
        List<Object> queue = new ArrayList<>();
        for (Scheduler.Request r : s.queue) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("Sector", r.sector());
            x.put("Task", r.task().wire());
            x.put("Step", r.step());
            x.put("StageEpochs", r.stageEpochs());
            x.put("Priority", r.priority());
            x.put("Created", r.created());
            x.put("Seq", r.seq());
            queue.add(x);
        }
        o.put("Queue", queue);
        o.put("EarlyReturns", new ArrayList<>(s.earlyReturns));
        o.put("NextSeq", s.nextSeq);
        return o;
    }

    /** The decoded scheduler state, to swap in. */
    record Decoded(List<Scheduler.Worker> workers, TreeMap<Long, Scheduler.Job> running, List<Scheduler.Request> queue,
            List<String> earlyReturns, long nextSeq) {

        static Decoded defaults() {
            return new Decoded(null, new TreeMap<>(), new ArrayList<>(), new ArrayList<>(), 0);
        }
    }

    /** The scheduler state of a snapshot's {@code Scheduler} value ({@code null}: the default). */
    static Decoded decode(Object value, Scheduler into, SectorTable sectors) {
        if (value == null) {
            return Decoded.defaults();
        }
        Map<String, Object> o = obj(value, "Scheduler");
        List<Scheduler.Worker> workers = null;
        if (o.get("Workers") != null) {
            workers = new ArrayList<>();
            List<Object> raw = list(o.get("Workers"), "Scheduler.Workers");
            for (int i = 0; i < raw.size(); i++) {
                String path = "Scheduler.Workers[" + i + "]";
                Map<String, Object> x = obj(raw.get(i), path);
                WorkerSpec spec = decodeSpec(x, path);
                Scheduler.Worker w = new Scheduler.Worker(spec, into.workerIdOf(i, spec.hostname()));
                w.enabled = bool(x, "Enabled", path);
                workers.add(w);
            }
        }
        TreeMap<Long, Scheduler.Job> running = new TreeMap<>();
        List<Object> rawJobs = list(o.get("Running"), "Scheduler.Running");
        for (int i = 0; i < rawJobs.size(); i++) {
            String path = "Scheduler.Running[" + i + "]";
            Map<String, Object> x = obj(rawJobs.get(i), path);
            long sector = sector(x, path, sectors);
            int worker = (int) lng(x, "Worker", path);
            if (workers == null || worker < 0 || worker >= workers.size()) {
                throw new Malformed(path + ".Worker", "no such worker " + worker);
            }
            running.put(sector, new Scheduler.Job(sector, task(x, path), worker, step(x, path, sectors.get(sector)),
                    lng(x, "Start", path), lng(x, "StageEpochs", path)));
        }
        List<Scheduler.Request> queue = new ArrayList<>();
        List<Object> rawQueue = list(o.get("Queue"), "Scheduler.Queue");
        for (int i = 0; i < rawQueue.size(); i++) {
            String path = "Scheduler.Queue[" + i + "]";
            Map<String, Object> x = obj(rawQueue.get(i), path);
            long sector = sector(x, path, sectors);
            queue.add(new Scheduler.Request(sector, task(x, path), step(x, path, sectors.get(sector)),
                    lng(x, "StageEpochs", path), (int) lng(x, "Priority", path), lng(x, "Created", path),
                    lng(x, "Seq", path)));
        }
        if ((!running.isEmpty() || !queue.isEmpty()) && workers == null) {
            throw new Malformed("Scheduler", "tasks without workers");
        }
        List<String> early = new ArrayList<>();
        List<Object> rawEarly = list(o.get("EarlyReturns"), "Scheduler.EarlyReturns");
        for (int i = 0; i < rawEarly.size(); i++) {
            if (!(rawEarly.get(i) instanceof String text)) {
                throw new Malformed("Scheduler.EarlyReturns[" + i + "]", "not a string");
            }
            early.add(text);
        }
        return new Decoded(workers, running, queue, early, lng(o, "NextSeq", "Scheduler"));
    }

    private static long sector(Map<String, Object> x, String path, SectorTable sectors) {
        long sector = lng(x, "Sector", path);
        Sector s = sectors.get(sector);
        if (s == null || Scheduler.plan(s.state) == null) {
            throw new Malformed(path + ".Sector", "sector " + sector + " runs no task");
        }
        return sector;
    }

    private static int step(Map<String, Object> x, String path, Sector s) {
        long step = lng(x, "Step", path);
        if (step < 0 || step >= Scheduler.plan(s.state).length) {
            throw new Malformed(path + ".Step", "no step " + step + " in " + s.state);
        }
        return (int) step;
    }

    private static TaskType task(Map<String, Object> x, String path) {
        TaskType t = TaskType.ofWire(str(x, "Task", path));
        if (t == null) {
            throw new Malformed(path + ".Task", "unknown task type");
        }
        return t;
    }

    /** A worker's description: {@code Hostname}, {@code Tasks} (wire strings), {@code CPUs}, memory, GPUs. */
    static Map<String, Object> encodeSpec(WorkerSpec w) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Hostname", w.hostname());
        List<Object> tasks = new ArrayList<>();
        for (TaskType t : w.tasks()) {
            tasks.add(t.wire());
        }
        o.put("Tasks", tasks);
        o.put("CPUs", w.cpus());
        o.put("MemPhysical", w.memPhysical());
        o.put("MemSwap", w.memSwap());
        o.put("GPUs", new ArrayList<Object>(w.gpus()));
        o.put("IgnoreResources", w.ignoreResources());
        return o;
    }

    /** The description {@link #encodeSpec} wrote. */
    static WorkerSpec decodeSpec(Map<String, Object> o, String path) {
        Set<TaskType> tasks = EnumSet.noneOf(TaskType.class);
        List<Object> raw = list(o.get("Tasks"), path + ".Tasks");
        for (int i = 0; i < raw.size(); i++) {
            TaskType t = raw.get(i) instanceof String s ? TaskType.ofWire(s) : null;
            if (t == null) {
                throw new Malformed(path + ".Tasks[" + i + "]", "unknown task type " + raw.get(i));
            }
            tasks.add(t);
        }
        List<String> gpus = new ArrayList<>();
        List<Object> rawGpus = list(o.get("GPUs"), path + ".GPUs");
        for (int i = 0; i < rawGpus.size(); i++) {
            if (!(rawGpus.get(i) instanceof String g)) {
                throw new Malformed(path + ".GPUs[" + i + "]", "not a string");
            }
            gpus.add(g);
        }
        return new WorkerSpec(str(o, "Hostname", path), tasks, lng(o, "CPUs", path), lng(o, "MemPhysical", path),
                lng(o, "MemSwap", path), gpus, bool(o, "IgnoreResources", path));
    }
}
