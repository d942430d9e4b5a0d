package io.minersim.sealing.bench;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.workers.TaskJob;
import java.util.List;
import java.util.Map;

/**
 * Measures {@code WorkerJobs} and {@code SealingSchedDiag} on a miner of N Proving CC sectors sealed through the
 * pipeline (the default local worker: jobs are read off the sectors' states on each call), first with nothing in a
 * task state, then with {@code busy} more sectors pledged and moved into their sealing tasks, so that each of them is a
 * running job in the answer; best of five each. Not a test: run it by hand (see the README's Performance section).
 */
public final class WorkerJobsHarness {
    private WorkerJobsHarness() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int busy = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        BenchRig rig = BenchRig.devnet();
        long s0 = System.nanoTime();
        rig.sealCc(count, 50_000);
        long sealed = System.nanoTime() - s0;
        Timed idle = time(rig);
        for (int i = 0; i < busy; i++) {
            rig.miner.pledgeSector();
        }
        rig.clock.advance(2); // AddPiece done: the new sectors sit in PreCommit1, a running PC1 task each
        Timed running = time(rig);
        Map<SectorState, Long> summary = rig.miner.summary();
        if (running.jobs < busy) {
            throw new IllegalStateException("expected " + busy + " running jobs, got " + running.jobs + ": "
                    + summary);
        }
        System.out.printf("%d Proving CC sectors (sealed in %.1f s): WorkerJobs %.3f ms (%d jobs), SealingSchedDiag "
                + "%.3f ms; with %d more sectors in their tasks (%s): WorkerJobs %.1f ms (%d jobs), SealingSchedDiag "
                + "%.3f ms%n", count, sealed / 1e9, idle.jobsMs, idle.jobs, idle.diagMs, busy, summary, running.jobsMs,
                running.jobs, running.diagMs);
    }

    private record Timed(double jobsMs, int jobs, double diagMs) {
    }

    private static Timed time(BenchRig rig) {
        long jobsBest = Long.MAX_VALUE;
        List<TaskJob> jobs = List.of();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            jobs = rig.miner.workerJobs();
            jobsBest = Math.min(jobsBest, System.nanoTime() - t0);
        }
        long diagBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            rig.miner.schedDiag();
            diagBest = Math.min(diagBest, System.nanoTime() - t0);
        }
        return new Timed(jobsBest / 1e6, jobs.size(), diagBest / 1e6);
    }
}
