package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.rpc.WorkersApi;
import io.minersim.rpc.types.SchedDiagInfo;
import io.minersim.rpc.types.WorkerJob;
import io.minersim.rpc.types.WorkerStats;
import io.minersim.sealing.HistoryEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The README's fleet example ({@code scenarios/pc1-queue.yaml}), read over the typed client: PreCommit1 queues
 * when pc1-box's memory is full, {@code WorkerJobs} and {@code SealingSchedDiag} show it, and the sectors reach
 * PreCommit2 exactly when the queue lets them.
 */
class WorkerFleetScenarioTest {

    @Test
    void aConstrainedPc1WorkerQueuesSectorsAndTheyTakeLongerExactlyAsTheQueueImplies() throws Exception {
        try (MinerSimulator sim = MinerSimulator.builder()
                .scenario(ScenarioExamplesTest.EXAMPLES.resolve("pc1-queue.yaml")).start()) {
            WorkersApi workers = sim.client().workers();
            sim.advanceTo(3);
            assertThat(sim.miner().listInStates(List.of(SectorState.PreCommit1))).hasSize(8);

            Map<String, WorkerStats> stats = workers.workerStats();
            String pc1Box = stats.entrySet().stream().filter(e -> e.getValue().info().hostname().equals("pc1-box"))
                    .findFirst().orElseThrow().getKey();
            assertThat(stats.get(pc1Box).taskCounts()).containsExactly(Map.entry("8:seal/v0/precommit/1", 3));
            assertThat(stats.get(pc1Box).memUsedMax()).isEqualTo(3 * (64L << 30));

            List<WorkerJob> running = workers.workerJobs().get(pc1Box);
            assertThat(running).extracting(j -> j.sector().number()).containsExactly(0L, 1L, 2L);
            assertThat(running).allSatisfy(j -> {
                assertThat(j.runWait()).isZero();
                assertThat(j.task()).isEqualTo("seal/v0/precommit/1");
                assertThat(j.start()).isEqualTo(java.time.Instant.ofEpochSecond(sim.miner().timestampOf(3))
                        .toString());
            });
            SchedDiagInfo diag = workers.sealingSchedDiag(true);
            assertThat(diag.schedInfo().requests()).extracting(r -> r.sector().number())
                    .containsExactly(3L, 4L, 5L, 6L, 7L);
            assertThat(diag.schedInfo().requests()).extracting(SchedDiagInfo.Request::taskType)
                    .containsOnly("seal/v0/precommit/1");

            sim.advanceTo(69);
            Map<Long, Long> reachedPc2 = new TreeMap<>();
            for (HistoryEvent e : sim.miner().history(0, Integer.MAX_VALUE)) {
                if (e.to() == SectorState.PreCommit2) {
                    reachedPc2.put(e.sector(), e.epoch());
                }
            }
            assertThat(reachedPc2).containsExactlyEntriesOf(new TreeMap<>(Map.of(0L, 23L, 1L, 23L, 2L, 23L,
                    3L, 43L, 4L, 43L, 5L, 43L, 6L, 63L, 7L, 63L)));
            assertThat(workers.sealingSchedDiag(false).schedInfo().requests()).isNull();

            sim.advanceTo(70); // pc1-box goes offline: nothing of it is running, it just takes no new task
            assertThat(workers.workerStats().get(pc1Box).enabled()).isFalse();
            sim.advanceTo(80);
            assertThat(workers.workerStats().get(pc1Box).enabled()).isTrue();
        }
    }
}
