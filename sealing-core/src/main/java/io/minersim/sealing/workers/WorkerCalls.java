package io.minersim.sealing.workers;

import java.util.Map;
import java.util.TreeMap;

/**
 * The calls the scheduler handed to workers since this miner process started, per task type and worker hostname:
 * what Lotus counts in {@code lotus_sealing_worker_calls_started} ({@code worker_tracked.go track}) and
 * {@code lotus_sealing_worker_calls_returned_count} ({@code onDone}). Like Lotus's counters they start at 0 with
 * the process and are not part of the miner's snapshot. Only returns are counted as they happen; a series' started
 * count is its returns plus the calls {@code WorkerJobs} shows running for that type and host (so the two always
 * agree, also for calls that were running when the miner was restored).
 */
public final class WorkerCalls {
    /**
     * One (task type, hostname) series: calls started and returned, and how many returned calls took each duration,
     * in epochs of the simulated chain (ascending).
     */
    public record Count(long started, long returned, Map<Long, Long> returnedByEpochs) {
    }

    /** A series key: the task type and the worker's hostname. */
    public record Key(TaskType task, String hostname) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = task.wire().compareTo(o.task.wire());
            return c != 0 ? c : hostname.compareTo(o.hostname);
        }
    }

    private final TreeMap<Key, TreeMap<Long, Long>> returned = new TreeMap<>();

    /**
     * A call of {@code task} on the worker named {@code hostname} returned (done, failed or aborted) after running
     * {@code epochs} epochs.
     */
    public void returned(TaskType task, String hostname, long epochs) {
        returned.computeIfAbsent(new Key(task, hostname), k -> new TreeMap<>()).merge(epochs, 1L, Long::sum);
    }

    /** Every series so far, given the calls running now ({@code WorkerJobs} with RunWait 0). */
    public Map<Key, Count> snapshot(Iterable<TaskJob> running) {
        Map<Key, long[]> c = new TreeMap<>();
        returned.forEach((k, v) -> c.computeIfAbsent(k, x -> new long[2])[1] = v.values().stream()
                .mapToLong(Long::longValue).sum());
        for (TaskJob j : running) {
            if (j.runWait() == 0) {
                c.computeIfAbsent(new Key(j.task(), j.hostname()), x -> new long[2])[0]++;
            }
        }
        Map<Key, Count> out = new TreeMap<>();
        c.forEach((k, v) -> out.put(k, new Count(v[0] + v[1], v[1],
                java.util.Collections.unmodifiableMap(new TreeMap<>(returned.getOrDefault(k, new TreeMap<>()))))));
        return out;
    }
}
