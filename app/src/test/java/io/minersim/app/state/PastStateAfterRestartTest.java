package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full node's past states are a derived view the engine keeps in memory, not run state: after a restart, the
 * head's state is the one kept on disk; a tipset from before the restart answers its state as it was when the
 * restart replayed the journal over it, else as a Lotus node whose splitstore pruned it; tipsets after the restart
 * answer their own state.
 */
class PastStateAfterRestartTest {
    @TempDir
    Path repo;

    @Test
    void aTipsetFromBeforeARestartAnswersItsStateOrThePrunedStateErrorAndLaterOnesTheirState() throws Exception {
        String cids3;
        JsonNode countAt3;
        JsonNode countAtHead;
        try (Runs.Running run = Runs.start(repo, "--clock", "manual", "--sector-size", "2KiB")) {
            String base = fullNode();
            String token = Files.readString(repo.resolve("full").resolve("token"));
            run.result("Filecoin.PledgeSector", "[]");
            run.result("Sim.Advance", "[7]");
            cids3 = Runs.call(base, token, "Filecoin.ChainGetTipSetByHeight", "[3,[]]").at("/result/Cids").toString();
            countAt3 = Runs.call(base, token, "Filecoin.StateMinerSectorCount", "[\"f01000\"," + cids3 + "]")
                    .get("result");
            assertThat(countAt3).isNotNull();
            countAtHead = Runs.call(base, token, "Filecoin.StateMinerSectorCount", "[\"f01000\",[]]").get("result");
            run.stop();
        }
        try (Runs.Running run = Runs.start(repo, "--clock", "manual", "--sector-size", "2KiB")) {
            String base = fullNode();
            String token = Files.readString(repo.resolve("full").resolve("token"));
            JsonNode again = Runs.call(base, token, "Filecoin.StateMinerSectorCount", "[\"f01000\",[]]");
            assertThat(again.get("result")).as("%s", again).isEqualTo(countAtHead);
            // before the restart: the state then if the restart replayed the journal over those epochs (the history
            // is rebuilt as the calls run again), else the error of a pruned state; never anything else
            JsonNode then = Runs.call(base, token, "Filecoin.StateMinerSectorCount", "[\"f01000\"," + cids3 + "]");
            String root = Runs.call(base, token, "Filecoin.ChainGetTipSet", "[" + cids3 + "]")
                    .at("/result/Blocks/0/ParentStateRoot/~1").asText();
            if (then.has("result")) {
                assertThat(then.get("result")).isEqualTo(countAt3);
            } else {
                assertThat(then.get("error").toString()).isEqualTo("{\"code\":1,\"message\":\"load state tree: "
                        + "failed to load state tree " + root + ": failed to load hamt node: ipld: could not find "
                        + root + "\"}");
            }
            run.result("Sim.Advance", "[5]");
            String cids9 = Runs.call(base, token, "Filecoin.ChainGetTipSetByHeight", "[9,[]]").at("/result/Cids")
                    .toString();
            assertThat(Runs.call(base, token, "Filecoin.StateMinerSectorCount", "[\"f01000\"," + cids9 + "]")
                    .has("result")).isTrue();
            run.stop();
        }
    }

    /** The full node's URL from its repo's api file, once it is written. */
    private String fullNode() throws Exception {
        Path api = repo.resolve("full").resolve("api");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(api) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String[] parts = Files.readString(api).split("/");
        return "http://" + parts[2] + ":" + parts[4] + "/rpc/v1";
    }
}
