package io.minersim.sealing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The pipeline benchmark's work (10,000 CC sectors pledged at once on a fresh devnet miner, sealed to
 * Proving one epoch at a time) timed in the calling thread's CPU time rather than wall time, so that
 * two builds can be compared on a machine other processes share. Prints each round and, over the
 * second half of the rounds (the first half warms up), the minimum and median CPU milliseconds.
 * Usage: {@code PipelineCpuHarness [rounds] [default|fleet]} (default 30, default): {@code fleet} configures a worker
 * fleet with room for every task (one worker whose CPUs, memory and 20,000 GPUs fit all 10,000 sectors' tasks at
 * once), so the timings are the default's and the difference is the scheduler's bookkeeping: a request, a fit
 * check and a job per task.
 */
public final class PipelineCpuHarness {
    private static final int SECTORS = 10_000;

    private PipelineCpuHarness() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        boolean fleet = args.length > 1 && args[1].equals("fleet");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ms = new double[rounds];
        long moves = 0;
        for (int r = 0; r < rounds; r++) {
            BenchRig rig = BenchRig.devnet();
            if (fleet) {
                rig.miner.configureWorkers(List.of(new WorkerSpec("bench", TaskType.sealing(), 1_000_000, 1L << 60,
                        0, Collections.nCopies(20_000, "GPU"), false)));
            }
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < SECTORS; i++) {
                rig.miner.pledgeSector();
            }
            rig.advanceUntilProving(SECTORS);
            ms[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
            rig.requireAllProving(SECTORS);
            moves = rig.miner.historySize();
            rig.miner.close();
            System.out.printf("round %d: %.1f ms cpu%n", r, ms[r]);
        }
        double[] measured = Arrays.copyOfRange(ms, rounds / 2, rounds);
        Arrays.sort(measured);
        double min = measured[0];
        double median = measured[measured.length / 2];
        System.out.printf((fleet ? "fleet: " : "default: ") + "%,d sectors, %,d moves a round; over the last %d rounds: min %.1f ms, median %.1f ms cpu"
                + " (%,.0f moves per cpu-second at the median)%n", SECTORS, moves, measured.length, min, median,
                moves / (median / 1e3));
    }
}
