package io.minersim.sealing.workers;

/**
 * One assign cycle of the simulated scheduler, as Lotus's scheduler metrics see one {@code trySched}
 * ({@code storage/sealer/sched.go}, {@code sched_assigner_common.go}): the open windows and the queued requests at its
 * start, and how long minersim's own cycle took, in wall-clock nanoseconds of this process, in all and per step
 * (candidate workers, window selection, submitting the assigned tasks). As in Lotus, the three steps run only when
 * there is something to schedule on ({@link #stepsRan()}); their times are 0 otherwise.
 *
 * @param openWindows the scheduling windows open at the start (what {@code SealingSchedDiag} lists)
 * @param queued the requests in the queue at the start, a request that starts the cycle included
 * @param totalNanos the whole cycle
 * @param candidatesNanos step 1: which workers can take each waiting task type
 * @param windowSelectNanos step 2: the best worker where each request fits now, in queue order
 * @param submitNanos step 3: starting the assigned tasks
 */
public record AssignCycle(int openWindows, int queued, long totalNanos, long candidatesNanos,
        long windowSelectNanos, long submitNanos) {

    public AssignCycle {
        if (openWindows < 0 || queued < 0 || totalNanos < 0 || candidatesNanos < 0 || windowSelectNanos < 0
                || submitNanos < 0) {
            throw new IllegalArgumentException("negative count or duration");
        }
    }

    /** Whether the three steps ran: Lotus's cycle returns before them with no window open or nothing queued. */
    public boolean stepsRan() {
        return openWindows > 0 && queued > 0;
    }
}
