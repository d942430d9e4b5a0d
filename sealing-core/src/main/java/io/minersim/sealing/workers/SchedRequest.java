package io.minersim.sealing.workers;

/**
 * A task waiting in the scheduler's queue ({@code SealingSchedDiag}'s {@code Requests}): the sector, the task, its
 * priority (deal sectors 1024, others 0), the request's id (a UUID) and the epoch it was made.
 */
public record SchedRequest(long sector, TaskType task, int priority, String schedId, long createdEpoch) {
}
