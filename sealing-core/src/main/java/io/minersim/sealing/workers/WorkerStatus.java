package io.minersim.sealing.workers;

import java.util.SortedMap;

/**
 * A worker as {@code WorkerStats} shows it: its id (a UUID), what it is, whether it is enabled (online), what its
 * running tasks take and how many of each {@code "<seal proof>:<task>"} it runs.
 */
public record WorkerStatus(String id, WorkerSpec spec, boolean enabled, long memUsedMin, long memUsedMax,
        double gpuUsed, long cpuUse, SortedMap<String, Integer> taskCounts) {

    public WorkerStatus {
        taskCounts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(taskCounts));
    }
}
