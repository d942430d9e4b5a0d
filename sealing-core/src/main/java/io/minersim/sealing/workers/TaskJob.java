package io.minersim.sealing.workers;

/**
 * A task as {@code WorkerJobs} lists it: its call (a UUID; the nil UUID for one not yet running), the sector, the
 * task, Lotus's {@code RunWait} ({@code 0} running) and the epoch it started (or was asked for), on a worker.
 */
public record TaskJob(String callId, long sector, TaskType task, int runWait, long startEpoch, String workerId,
        String hostname) {
}
