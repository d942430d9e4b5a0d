package io.minersim.sealing.workers;

/**
 * A task waiting in the scheduler's queue ({@code SealingSchedDiag}'s {@code Requests}): the sector, the task, its
 * priority (1024 for deal sectors and AddPiece, else 0), the request's id (a UUID) and the epoch it was made.
 */
public record SchedRequest(long sector, TaskType task, int priority, String schedId, long createdEpoch) {
}
