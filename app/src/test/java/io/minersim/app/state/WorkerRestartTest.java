package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A miner's worker fleet, its running and queued tasks, an offline worker and an early return survive a restart
 * of {@code minersim run}, and the run goes on as it would have without one.
 */
class WorkerRestartTest {
    @TempDir
    Path repo;

    private static final String SCENARIO = "../scenarios/pc1-queue.yaml";

    /** The scheduler as the API shows it, and the sectors' history. */
    private static String reads(Runs.Running r) throws Exception {
        return r.raw("Filecoin.WorkerStats", "[]") + r.raw("Filecoin.WorkerJobs", "[]")
                + r.raw("Filecoin.SealingSchedDiag", "[false]") + r.raw("Sim.Events", "[0,100000]")
                + r.raw("Filecoin.SectorsSummary", "[]");
    }

    /** Three PC1 running, five queued, the sealer offline, an abort of an unknown call kept as an early return. */
    private static void drive(Runs.Running r) throws Exception {
        r.result("Sim.AdvanceTo", "[10]");
        r.result("Sim.WorkerOffline", "[\"sealer\"]");
        r.result("Filecoin.SealingAbort", "[{\"Sector\":{\"Miner\":1000,\"Number\":42},"
                + "\"ID\":\"0a0b0c0d-0000-0000-0000-000000000003\"}]");
    }

    @Test
    void theFleetItsRunningAndQueuedTasksSurviveARestartAndTheRunGoesOnAsWithout() throws Exception {
        String straight;
        try (Runs.Running r = Runs.start(repo.resolve("straight"), "--scenario", SCENARIO)) {
            drive(r);
            r.result("Sim.AdvanceTo", "[30]");
            r.result("Sim.WorkerOnline", "[\"sealer\"]");
            r.result("Sim.AdvanceTo", "[120]");
            straight = reads(r);
        }
        String before;
        try (Runs.Running r = Runs.start(repo.resolve("stopped"), "--scenario", SCENARIO)) {
            drive(r);
            before = reads(r);
            JsonNode jobs = r.result("Filecoin.WorkerJobs", "[]");
            int running = 0;
            for (JsonNode list : jobs) {
                running += list.size();
            }
            assertThat(running).as("three PC1 on pc1-box").isEqualTo(3);
            assertThat(r.result("Filecoin.SealingSchedDiag", "[false]").path("SchedInfo").path("Requests").size())
                    .isEqualTo(5);
        }
        try (Runs.Running r = Runs.start(repo.resolve("stopped"))) {
            assertThat(reads(r)).isEqualTo(before);
            r.result("Sim.AdvanceTo", "[30]");
            r.result("Sim.WorkerOnline", "[\"sealer\"]");
            r.result("Sim.AdvanceTo", "[120]");
            assertThat(reads(r)).isEqualTo(straight);
        }
    }
}
