package io.minersim.sealing.workers;

import io.minersim.sealing.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One simulated worker as a scenario describes it: its hostname, the task types it accepts, its CPUs, memory
 * and swap in bytes, its GPUs' names and whether it ignores resources (then every task it accepts fits).
 */
public record WorkerSpec(String hostname, Set<TaskType> tasks, long cpus, long memPhysical, long memSwap,
        List<String> gpus, boolean ignoreResources) {

    /** The hostname of the default local worker. */
    public static final String LOCAL_HOSTNAME = "minersim";

    public WorkerSpec {
        if (hostname == null || hostname.isBlank()) {
            throw new InvalidInputException("workers", "a worker needs a hostname");
        }
        if (tasks == null || tasks.isEmpty()) {
            throw new InvalidInputException("workers", "worker " + hostname + " accepts no task type");
        }
        if (cpus <= 0 || memPhysical <= 0 || memSwap < 0) {
            throw new InvalidInputException("workers", "worker " + hostname
                    + " needs a positive CPU count and memory, and no negative swap");
        }
        tasks = java.util.Collections.unmodifiableSet(EnumSet.copyOf(tasks));
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }

    /**
     * The default: lotus-miner's local worker taking every sealing task, with room for all of them at once
     * ({@code IgnoreResources}), so sealing takes exactly the stage durations.
     */
    public static WorkerSpec local() {
        return new WorkerSpec(LOCAL_HOSTNAME, TaskType.sealing(), 64, 256L << 30, 0, List.of(), true);
    }
}
