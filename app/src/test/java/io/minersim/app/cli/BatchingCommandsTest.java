package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.rpc.types.SectorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sectors batching precommit|commit} against a miner whose batches leave only when flushed. */
class BatchingCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Do you want to publish these sectors now? (yes/no): ";

    @RegisterExtension
    final CliFixture sim = CliFixture.holdingBatches();

    private void twoSectorsWaitingForPreCommit() {
        sim.client().miner().pledgeSector();
        sim.client().miner().pledgeSector();
        sim.client().sim().advance(10);
        assertThat(sim.client().miner().sectorPreCommitPending()).extracting(SectorId::number).containsExactly(0L, 1L);
    }

    @Test
    void precommitListsThePendingSectorsAndPublishesNothingWhenToldNo() {
        twoSectorsWaitingForPreCommit();
        sim.stdin = "no\n";

        assertThat(sim.run("sectors", "batching", "precommit").ok().out()).isEqualTo("0\n1\n" + PROMPT);

        assertThat(sim.client().miner().sectorPreCommitPending()).hasSize(2);
    }

    @Test
    void precommitPublishesWhenToldYes() {
        twoSectorsWaitingForPreCommit();
        sim.stdin = "yes\n";

        String out = sim.run("sectors", "batching", "precommit").ok().out();

        assertThat(out).startsWith("0\n1\n" + PROMPT + "Batch 0:\n\tMessage: bafy2bzace")
                .endsWith("\n\tSectors:\n\t\t0\tOK\n\t\t1\tOK\n");
        assertThat(sim.client().miner().sectorPreCommitPending()).isEmpty();
    }

    @Test
    void precommitAnswersOtherThanYesOrNoPublishNothing() {
        twoSectorsWaitingForPreCommit();
        sim.stdin = "maybe\n";

        assertThat(sim.run("sectors", "batching", "precommit").ok().out())
                .endsWith(PROMPT + "Invalid input. Please answer with 'yes' or 'no'.\n");
        assertThat(sim.client().miner().sectorPreCommitPending()).hasSize(2);
    }

    @Test
    void precommitPublishNowSendsTheBatchAndJsonPrintsTheRawResult() throws Exception {
        twoSectorsWaitingForPreCommit();

        JsonNode json = JSON.readTree(sim.run("sectors", "batching", "precommit", "--publish-now", "--json").ok()
                .out());

        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("Sectors").toString()).isEqualTo("[0,1]");
        assertThat(json.get(0).get("Msg").get("/").asText()).startsWith("bafy2bzace");
        assertThat(json.get(0).get("Error").asText()).isEmpty();
        assertThat(sim.client().miner().sectorPreCommitPending()).isEmpty();
    }

    @Test
    void precommitWithNothingPendingSaysSo() {
        assertThat(sim.run("sectors", "batching", "precommit").ok().out())
                .isEqualTo("No sectors queued to be precommitted\n");
        assertThat(sim.run("sectors", "batching", "precommit", "--json").ok().out()).isEqualTo("[ ]\n");
        sim.run("sectors", "batching", "precommit", "--publish-now").refused("no sectors to publish");
    }

    @Test
    void commitPublishNowPrintsEachSectorOfTheBatch() {
        twoSectorsWaitingForPreCommit();
        sim.client().miner().sectorPreCommitFlush();
        sim.client().sim().advance(40);
        assertThat(sim.client().miner().sectorCommitPending()).extracting(SectorId::number).containsExactly(0L, 1L);
        assertThat(sim.run("sectors", "batching", "commit", "--json").ok().out()).contains("\"Number\": 0",
                "\"Number\": 1");

        String out = sim.run("sectors", "batching", "commit", "--publish-now").ok().out();

        assertThat(out).matches("Batch 0:\n\tMessage: bafy2bzace[a-z2-7]+\n\tSectors:\n\t\t0\tOK\n\t\t1\tOK\n");
        assertThat(sim.client().miner().sectorCommitPending()).isEmpty();
        sim.client().sim().advance(20);
        assertThat(sim.client().miner().sectorsSummary()).containsEntry("Proving", 2L);
    }

    @Test
    void commitWithNothingPendingSaysSo() {
        assertThat(sim.run("sectors", "batching", "commit").ok().out())
                .isEqualTo("No sectors queued to be committed\n");
        sim.run("sectors", "batching", "commit", "--publish-now").refused("no sectors to publish");
    }
}
