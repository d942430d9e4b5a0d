/**
 * Lotus's sealing workers as values: task types ({@code sealtasks}), the resource table
 * ({@code storiface.ResourceTable}), a worker's description, and the views of the scheduler that the miner API
 * maps to {@code WorkerStats}, {@code WorkerJobs} and {@code SealingSchedDiag}.
 *
 * <p><b>Design.</b> The scheduler itself lives in the engine ({@code io.minersim.sealing.Scheduler}), beside the
 * state handlers it serves: a handler of a state that runs Lotus tasks asks it for the state's tasks; it answers
 * with a timer when the task starts on a worker where it fits, or keeps the request queued (the sector stays in
 * its state) until a running task ends or a worker comes online. The default fleet is one local worker that
 * ignores resources: every task starts at once, which is the engine's timing without workers, and its jobs are
 * derived from the sectors' states on demand, so the default path keeps no per-sector scheduler objects.
 * {@link io.minersim.sealing.workers.WorkerCalls} tallies the calls that returned, per task type and hostname, for
 * Lotus's worker call metrics; it is process state, like Lotus's counters, not in the snapshot, and its started
 * counts are derived from the running jobs, so they cannot drift from {@code WorkerJobs}. An
 * {@link io.minersim.sealing.workers.AssignCycleListener} hears each assign cycle of a fleet's scheduler
 * ({@link io.minersim.sealing.workers.AssignCycle}: open windows, queued requests, the cycle's real time per step) for
 * Lotus's scheduler metrics; the cycle is timed only while one listens, and nothing the engine does depends on it.
 */
package io.minersim.sealing.workers;
