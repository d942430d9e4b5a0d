package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.workers.SchedDiag;
import io.minersim.sealing.workers.SchedRequest;
import io.minersim.sealing.workers.TaskJob;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import io.minersim.sealing.workers.WorkerStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    /** PreCommit1 takes 10 epochs; everything else one. */
    private static final StageDurations STAGES = new StageDurations(1, 1, 1, 10, 1, 1, 1, 1, 1, 1, 1, 1);

    private static SimulatedMiner miner() {
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withStages(STAGES).withSeed(3));
    }

    /** A PC1 box with 2 CPUs (one thread per PC1: two at once) and a worker for the rest with room for all. */
    private static List<WorkerSpec> fleet() {
        Set<TaskType> rest = EnumSet.copyOf(TaskType.sealing());
        rest.remove(TaskType.PRE_COMMIT_1);
        return List.of(new WorkerSpec("pc1-box", EnumSet.of(TaskType.PRE_COMMIT_1), 2, 1L << 30, 0, List.of(), false),
                new WorkerSpec("rest", rest, 16, 64L << 30, 0, List.of(), true));
    }

    private static long[] pledge(SimulatedMiner sim, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = sim.miner.pledgeSector();
        }
        return out;
    }

    @Test
    void preCommit1QueuesWhenThePc1SlotsAreFullAndSectorsWaitExactlyAsTheQueueImplies() {
        SimulatedMiner sim = miner();
        sim.miner.configureWorkers(fleet());
        long[] s = pledge(sim, 4);
        sim.clock.advanceTo(2);
        assertThat(sim.miner.listInStates(List.of(SectorState.PreCommit1))).containsExactly(s);

        List<TaskJob> jobs = sim.miner.workerJobs();
        assertThat(jobs).extracting(TaskJob::sector).containsExactly(s[0], s[1]);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.task()).isEqualTo(TaskType.PRE_COMMIT_1);
            assertThat(j.hostname()).isEqualTo("pc1-box");
            assertThat(j.startEpoch()).isEqualTo(2);
            assertThat(j.runWait()).isZero();
        });
        SchedDiag diag = sim.miner.schedDiag();
        assertThat(diag.requests()).extracting(SchedRequest::sector).containsExactly(s[2], s[3]);
        assertThat(diag.requests()).extracting(SchedRequest::task).containsOnly(TaskType.PRE_COMMIT_1);
        WorkerStatus box = sim.miner.workerStats().get(0);
        assertThat(box.cpuUse()).isEqualTo(2);
        assertThat(box.memUsedMin()).isEqualTo(2 * 2048);
        assertThat(box.taskCounts()).containsEntry("5:seal/v0/precommit/1", 2);

        sim.advanceUntil(s[3], SectorState.PreCommit2, 40);
        assertThat(sim.moves(s[0])).contains("PreCommit1@2", "PreCommit2@12");
        assertThat(sim.moves(s[1])).contains("PreCommit1@2", "PreCommit2@12");
        // queued for the 10 epochs the first two ran, then their own 10
        assertThat(sim.moves(s[2])).contains("PreCommit1@2", "PreCommit2@22");
        assertThat(sim.moves(s[3])).contains("PreCommit1@2", "PreCommit2@22");
        sim.advanceUntil(s[3], SectorState.Proving, 200);
    }

    @Test
    void anAssignCycleListenerSeesTheQueueAndWindowsSealingSchedDiagShowsAndChangesNothing() {
        SimulatedMiner heard = miner();
        List<io.minersim.sealing.workers.AssignCycle> cycles = new java.util.ArrayList<>();
        heard.miner.onAssignCycle(cycles::add);
        heard.miner.configureWorkers(fleet());
        SimulatedMiner quiet = miner();
        quiet.miner.configureWorkers(fleet());
        long[] s = pledge(heard, 4);
        pledge(quiet, 4);
        int maxQueued = 0;
        for (int epoch = 1; epoch <= 40; epoch++) {
            int before = cycles.size();
            heard.clock.advanceTo(epoch);
            quiet.clock.advanceTo(epoch);
            SchedDiag diag = heard.miner.schedDiag();
            maxQueued = Math.max(maxQueued, diag.requests().size());
            for (io.minersim.sealing.workers.AssignCycle c : cycles.subList(before, cycles.size())) {
                assertThat(c.openWindows()).as("two windows per enabled worker").isEqualTo(diag.openWindows().size())
                        .isEqualTo(4);
                assertThat(c.totalNanos()).isGreaterThanOrEqualTo(c.candidatesNanos() + c.windowSelectNanos()
                        + c.submitNanos());
                assertThat(c.stepsRan()).isEqualTo(c.queued() > 0);
            }
        }
        assertThat(maxQueued).as("two PC1 wait while two run").isEqualTo(2);
        assertThat(cycles.stream().mapToInt(io.minersim.sealing.workers.AssignCycle::queued).max())
                .as("the longest queue a cycle saw: the fourth PC1 request joins one waiting").hasValue(maxQueued);
        for (long n : s) {
            assertThat(heard.moves(n)).as("the listener changes nothing").isEqualTo(quiet.moves(n));
        }
    }

    @Test
    void theDefaultLocalWorkerRunsEveryTaskAtOnceWithTodaysTimings() {
        SimulatedMiner sim = miner();
        long[] s = pledge(sim, 3);
        sim.clock.advanceTo(3);
        assertThat(sim.miner.workerStats()).singleElement().satisfies(w -> {
            assertThat(w.spec().hostname()).isEqualTo(WorkerSpec.LOCAL_HOSTNAME);
            assertThat(w.spec().ignoreResources()).isTrue();
            assertThat(w.taskCounts()).containsEntry("5:seal/v0/precommit/1", 3);
        });
        assertThat(sim.miner.workerJobs()).extracting(TaskJob::sector).containsExactly(s[0], s[1], s[2]);
        assertThat(sim.miner.workerJobs()).extracting(TaskJob::startEpoch).containsOnly(2L);
        assertThat(sim.miner.schedDiag().requests()).isEmpty();
        assertThat(sim.miner.schedDiag().openWindows()).hasSize(2);
        sim.advanceUntil(s[2], SectorState.PreCommit2, 20);
        assertThat(sim.moves(s[2])).contains("PreCommit1@2", "PreCommit2@12");
    }

    @Test
    void aWorkerGoingOfflineFailsItsTasksIntoLotusFailurePathAndTheRetryWaitsForAWorker() {
        SimulatedMiner sim = miner();
        sim.miner.configureWorkers(fleet());
        long[] s = pledge(sim, 1);
        sim.clock.advanceTo(4);
        sim.miner.setWorkerEnabled("pc1-box", false);
        assertThat(sim.state(s[0])).isEqualTo(SectorState.SealPreCommit1Failed);
        assertThat(sim.miner.status(s[0], false).lastErr())
                .isEqualTo("seal pre commit(1) failed: storage call error 0: worker pc1-box went offline");
        assertThat(sim.miner.workerStats().get(0).enabled()).isFalse();
        assertThat(sim.miner.workerStats().get(0).cpuUse()).isZero();

        sim.advanceUntil(s[0], SectorState.PreCommit1, 100);
        long retried = sim.clock.head();
        sim.clock.advance(30);
        assertThat(sim.state(s[0])).isEqualTo(SectorState.PreCommit1);
        assertThat(sim.miner.schedDiag().requests()).extracting(SchedRequest::sector).containsExactly(s[0]);
        assertThat(sim.miner.workerJobs()).isEmpty();

        sim.miner.setWorkerEnabled(sim.miner.workerStats().get(0).id(), true);
        long back = sim.clock.head();
        assertThat(back).isGreaterThan(retried);
        sim.advanceUntil(s[0], SectorState.PreCommit2, 20);
        assertThat(sim.moves(s[0])).contains("PreCommit2@" + (back + 10));
    }

    @Test
    void takingTheDefaultWorkerOfflineFailsWhatRunsAndQueuesTheRest() {
        SimulatedMiner sim = miner();
        long[] s = pledge(sim, 2);
        sim.clock.advanceTo(3);
        sim.miner.setWorkerEnabled(WorkerSpec.LOCAL_HOSTNAME, false);
        assertThat(sim.miner.listInStates(List.of(SectorState.SealPreCommit1Failed))).containsExactly(s);
        sim.clock.advance(100);
        assertThat(sim.miner.listInStates(List.of(SectorState.PreCommit1))).containsExactly(s);
        assertThat(sim.miner.workerJobs()).isEmpty();
        sim.miner.setWorkerEnabled(WorkerSpec.LOCAL_HOSTNAME, true);
        sim.advanceUntil(s[1], SectorState.Proving, 200);
    }

    @Test
    void sealingAbortFailsARunningCallAndKeepsAnUnknownOneAsAnEarlyReturn() {
        SimulatedMiner sim = miner();
        long[] s = pledge(sim, 1);
        sim.clock.advanceTo(3);
        TaskJob job = sim.miner.workerJobs().get(0);
        sim.miner.sealingAbort(sim.config.actorId(), s[0], job.callId());
        assertThat(sim.state(s[0])).isEqualTo(SectorState.SealPreCommit1Failed);
        assertThat(sim.miner.status(s[0], false).lastErr())
                .isEqualTo("seal pre commit(1) failed: storage call error 0: task aborted");

        String unknown = "11111111-2222-3333-4444-555555555555";
        sim.miner.sealingAbort(sim.config.actorId(), 99, unknown);
        assertThat(sim.miner.schedDiag().earlyReturns()).containsExactly(sim.config.actorId() + "-99-" + unknown);
        assertThatThrownBy(() -> sim.miner.sealingAbort(sim.config.actorId(), 99, unknown))
                .isInstanceOf(SealingException.class).hasMessage("callRes channel already has a response");
    }

    @Test
    void sealingRemoveRequestFailsTheQueuedStepAndAnUnknownIdIsLotusError() {
        SimulatedMiner sim = miner();
        sim.miner.configureWorkers(fleet());
        long[] s = pledge(sim, 3);
        sim.clock.advanceTo(2);
        SchedRequest queued = sim.miner.schedDiag().requests().get(0);
        assertThat(queued.sector()).isEqualTo(s[2]);
        sim.miner.sealingRemoveRequest(queued.schedId());
        assertThat(sim.state(s[2])).isEqualTo(SectorState.SealPreCommit1Failed);
        assertThat(sim.miner.status(s[2], false).lastErr())
                .isEqualTo("seal pre commit(1) failed: scheduling request removed");
        assertThat(sim.miner.schedDiag().requests()).isEmpty();
        long before = sim.miner.writeCount();
        Map<SectorState, Long> summary = sim.miner.summary();
        assertThatThrownBy(() -> sim.miner.sealingRemoveRequest(queued.schedId()))
                .hasMessage("No request with provided details found");
        assertThat(sim.miner.summary()).isEqualTo(summary);
        assertThat(sim.miner.writeCount()).isGreaterThan(before);
    }

    @Test
    void workersCanOnlyBeConfiguredWhileNoSectorRunsATask() {
        SimulatedMiner sim = miner();
        pledge(sim, 1);
        assertThatThrownBy(() -> sim.miner.configureWorkers(fleet())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no sector runs or waits for a task");
        assertThat(sim.miner.workerStats()).singleElement()
                .satisfies(w -> assertThat(w.spec().hostname()).isEqualTo(WorkerSpec.LOCAL_HOSTNAME));
    }

    @Test
    void theFleetRunningAndQueuedTasksSurviveASnapshotAndContinueIdentically() {
        SimulatedMiner original = miner();
        original.miner.configureWorkers(fleet());
        pledge(original, 4);
        original.clock.advanceTo(5);
        Map<String, Object> doc = original.miner.snapshot();
        assertThat(doc).containsKey("Scheduler");

        SimulatedMiner copy = miner();
        copy.clock.advanceTo(5);
        copy.miner.restore(doc);
        assertThat(copy.miner.workerJobs()).isEqualTo(original.miner.workerJobs());
        assertThat(copy.miner.schedDiag()).isEqualTo(original.miner.schedDiag());
        assertThat(copy.miner.workerStats()).isEqualTo(original.miner.workerStats());
        original.clock.advance(60);
        copy.clock.advance(60);
        assertThat(copy.miner.history(0, Integer.MAX_VALUE)).isEqualTo(original.miner.history(0, Integer.MAX_VALUE));
        assertThat(copy.miner.workerStats()).isEqualTo(original.miner.workerStats());
        assertThat(copy.miner.summary()).isEqualTo(original.miner.summary());
    }

    @Test
    void sectorsSeededIntoTaskStatesAskTheFleetLikeAnyOther() {
        SimulatedMiner sim = miner();
        sim.miner.configureWorkers(fleet());
        long[] s = sim.miner.seed(List.of(SectorSeed.of(SectorState.PreCommit1), SectorSeed.of(SectorState.PreCommit1),
                SectorSeed.of(SectorState.PreCommit1)));
        assertThat(sim.miner.workerJobs()).extracting(TaskJob::sector).containsExactly(s[0], s[1]);
        assertThat(sim.miner.schedDiag().requests()).extracting(SchedRequest::sector).containsExactly(s[2]);
        sim.advanceUntil(s[2], SectorState.Proving, 200);
    }

    @Test
    void aDefaultMinersSnapshotHasNoSchedulerPart() {
        SimulatedMiner sim = miner();
        pledge(sim, 2);
        sim.clock.advanceTo(3);
        assertThat(sim.miner.snapshot()).doesNotContainKey("Scheduler");
    }
}
