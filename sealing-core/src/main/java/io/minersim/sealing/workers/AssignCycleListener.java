package io.minersim.sealing.workers;

/**
 * Hears the scheduler's assign cycles (for Lotus's {@code lotus_sched_assigner_*} metrics). Called under the miner's
 * lock, on the engine's thread, so it must be quick and must not call back into the miner. Nothing the engine does
 * depends on it: the cycle is timed only while one listens.
 */
@FunctionalInterface
public interface AssignCycleListener {
    /** One cycle ended. */
    void cycle(AssignCycle cycle);
}
