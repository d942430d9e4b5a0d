package io.minersim.sealing.workers;

/**
 * What one task of a type needs on a worker ({@code storiface.Resources}): memory in bytes, the share of GPUs,
 * the CPU threads ({@code -1}: 92 % of the worker's CPUs), the threads when on a GPU ({@code 0}: as without), the
 * memory shared between tasks and the most tasks of the type at once ({@code 0}: no limit).
 */
public record Resources(long minMemory, long maxMemory, double gpuUtilization, int maxParallelism,
        int maxParallelismGpu, long baseMinMemory, int maxConcurrent) {

    /** A task that needs nothing (Lotus's zero value for types without an entry). */
    public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0, 0);

    public Resources {
        if (minMemory < 0 || maxMemory < 0 || baseMinMemory < 0 || gpuUtilization < 0 || maxParallelism < -1
                || maxParallelismGpu < -1 || maxConcurrent < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
    }

    /** The CPU threads the task takes on a worker of {@code cpus} CPUs and {@code gpus} GPUs ({@code Threads}). */
    public long threads(long cpus, int gpus) {
        int mp = maxParallelism;
        if (gpuUtilization > 0 && gpus > 0 && maxParallelismGpu != 0) {
            mp = maxParallelismGpu;
        }
        if (mp == -1) {
            long n = cpus * 92 / 100;
            return n == 0 ? cpus : n;
        }
        return mp;
    }
}
