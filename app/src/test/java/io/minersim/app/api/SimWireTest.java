package io.minersim.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.fsm.SectorState;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Sim.* control methods over plain HTTP against a real node: each injectable sealing failure drives Lotus's
 * failure path and retries (fsm-facts b.3), and a snapshot restored into a fresh node answers every read method
 * byte for byte as the original, and goes on doing so under the same calls.
 */
class SimWireTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A legacy deal for 1016 zero bytes (the zero commitment of a 1024-byte piece). */
    private static final String ADD_PIECE = "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},{\"PublishCid\":{\"/\":"
            + "\"bafy2bzacecys2f6saakfqge5z3rx5ywdwqthynw5i3aif2f6hdqdwjuzi3kr2\"},\"DealID\":41,\"DealProposal\":"
            + "{\"PieceCID\":{\"/\":\"baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly\"},"
            + "\"PieceSize\":1024,\"VerifiedDeal\":false,\"Client\":\"f01234\",\"Provider\":\"f01000\",\"Label\":\"d\","
            + "\"StartEpoch\":3000,\"EndEpoch\":600000,\"StoragePricePerEpoch\":\"0\",\"ProviderCollateral\":\"0\","
            + "\"ClientCollateral\":\"0\"},\"DealSchedule\":{\"StartEpoch\":3000,\"EndEpoch\":600000},"
            + "\"KeepUnsealed\":true}]";

    private final List<MinerNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MinerNode::close);
    }

    private MinerNode start() throws Exception {
        MinerNode n = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB))
                .manualClock(true).listen("127.0.0.1", 0).start();
        nodes.add(n);
        return n;
    }

    /** The raw answer body. */
    private static String raw(MinerNode n, String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(n.httpUri()).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + n.adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static JsonNode call(MinerNode n, String method, String params) throws Exception {
        JsonNode answer = JSON.readTree(raw(n, method, params));
        assertThat(answer.has("error")).as("%s %s answered %s", method, params, answer).isFalse();
        return answer.path("result");
    }

    private static String state(MinerNode n, long sector) throws Exception {
        return call(n, "Filecoin.SectorsStatus", "[" + sector + ",false]").path("State").asText();
    }

    /** The states the sector entered, in order, from Sim.Events. */
    private static List<String> path(MinerNode n, long sector) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode e : call(n, "Sim.Events", "[0,100000]")) {
            if (e.path("Sector").asLong() == sector) {
                out.add(e.path("To").asText());
            }
        }
        return out;
    }

    private static void advanceUntil(MinerNode n, long sector, String state, int maxEpochs) throws Exception {
        for (int i = 0; i < maxEpochs && !state(n, sector).equals(state); i++) {
            call(n, "Sim.Advance", "[1]");
        }
        assertThat(state(n, sector)).as("sector %d after %d epochs; path %s", sector, maxEpochs, path(n, sector))
                .isEqualTo(state);
    }

    // ------------------------------------------------------------------------------------------ failure paths

    @ParameterizedTest(name = "{0} x{1} ({2}): {3}")
    @CsvSource(delimiter = ';', value = {
        "PreCommit1;1;pledge;PreCommit1 SealPreCommit1Failed PreCommit1 PreCommit2;Proving",
        "PreCommit1;4;pledge;SealPreCommit1Failed PreCommit1 SealPreCommit1Failed Removing Removed;Removed",
        "PreCommit2;1;pledge;PreCommit2 SealPreCommit2Failed PreCommit2 SubmitPreCommitBatch;Proving",
        "PreCommit2;4;pledge;SealPreCommit2Failed PreCommit2 SealPreCommit2Failed PreCommit1 PreCommit2;Proving",
        "SubmitPreCommitBatch;1;pledge;SubmitPreCommitBatch PreCommitFailed PreCommitting SubmitPreCommitBatch;Proving",
        "PreCommitBatchWait;1;pledge;PreCommitBatchWait PreCommitFailed PreCommitting SubmitPreCommitBatch;Proving",
        "WaitSeed;1;pledge;WaitSeed PreCommitFailed WaitSeed Committing;Proving",
        "Committing;1;pledge;Committing ComputeProofFailed Committing SubmitCommitAggregate;Proving",
        "Committing;3;pledge;ComputeProofFailed Committing ComputeProofFailed SealPreCommit1Failed PreCommit1;Proving",
        "SubmitCommitAggregate;1;pledge;SubmitCommitAggregate CommitFailed Committing SubmitCommitAggregate;Proving",
        "CommitAggregateWait;1;pledge;CommitAggregateWait CommitFailed Committing SubmitCommitAggregate;Proving",
        "FinalizeSector;1;pledge;FinalizeSector FinalizeFailed FinalizeSector Proving;Proving",
        "Removing;1;remove;Removing RemoveFailed Removing Removed;Removed",
        "Terminating;1;terminate;Terminating TerminateFailed Terminating TerminateWait;Removed",
        "AddPiece;1;deal;AddPiece AddPieceFailed WaitDeals;WaitDeals"
    })
    void eachInjectedFailureFollowsLotusFailurePathAndRetries(String state, int count, String action, String expected,
            String last) throws Exception {
        MinerNode n = start();
        if (action.equals("terminate")) {
            call(n, "Filecoin.PledgeSector", "[]");
            advanceUntil(n, 0, "Proving", 200);
        }
        call(n, "Sim.InjectFailure", "[{\"State\":\"" + state + "\",\"Count\":" + count + ",\"Error\":\"injected\"}]");
        switch (action) {
            case "pledge" -> call(n, "Filecoin.PledgeSector", "[]");
            case "remove" -> {
                call(n, "Filecoin.PledgeSector", "[]");
                call(n, "Filecoin.SectorRemove", "[0]");
            }
            case "terminate" -> call(n, "Filecoin.SectorTerminate", "[0]");
            case "deal" -> call(n, "Filecoin.SectorAddPieceToAny", ADD_PIECE);
            default -> throw new IllegalArgumentException(action);
        }
        advanceUntil(n, 0, last, 1500);
        List<String> walked = path(n, 0);
        assertThat(walked).as("the path of sector 0").containsSequence(Arrays.asList(expected.split(" ")));
        String failure = expected.split(" ")[1].endsWith("Failed") ? expected.split(" ")[1] : expected.split(" ")[0];
        assertThat(walked.stream().filter(s -> s.equals(failure)).count()).as("failures into %s", failure)
                .isEqualTo(count);
        JsonNode status = call(n, "Filecoin.SectorsStatus", "[0,false]");
        assertThat(status.path("LastErr").asText()).isNotEmpty();
        assertThat(status.path("Log").findValuesAsText("Trace")).as("the injected error in the log").contains("injected");
        assertThat(n.miner().failureRules()).as("every injected failure used").isEmpty();
        assertThat(SectorState.byName(last)).isPresent();
    }

    // ------------------------------------------------------------------------------------------ snapshots

    /** Every read method, with every sector's status both ways, as raw answers. */
    private static List<String> reads(MinerNode n) throws Exception {
        List<String> out = new ArrayList<>();
        out.add(raw(n, "Filecoin.SectorsList", "[]"));
        out.add(raw(n, "Filecoin.SectorsSummary", "[]"));
        for (JsonNode sector : call(n, "Filecoin.SectorsList", "[]")) {
            out.add(raw(n, "Filecoin.SectorsStatus", "[" + sector.asLong() + ",false]"));
            out.add(raw(n, "Filecoin.SectorsStatus", "[" + sector.asLong() + ",true]"));
        }
        for (SectorState s : SectorState.values()) {
            out.add(raw(n, "Filecoin.SectorsListInStates", "[[\"" + s.name() + "\"]]"));
        }
        for (String m : List.of("Filecoin.SectorsRefs", "Filecoin.SectorPreCommitPending",
                "Filecoin.SectorCommitPending", "Filecoin.SectorTerminatePending", "Filecoin.SectorNumAssignerMeta",
                "Filecoin.SectorNumReservations", "Filecoin.SectorGetSealDelay",
                "Filecoin.SectorGetExpectedSealDuration", "Sim.Head")) {
            out.add(raw(n, m, "[]"));
        }
        out.add(raw(n, "Sim.Events", "[0,1000000]"));
        return out;
    }

    private static void busy(MinerNode n) throws Exception {
        call(n, "Filecoin.SectorNumReserve", "[\"held\",[100,3],false]");
        call(n, "Sim.InjectFailure", "[{\"State\":\"PreCommit2\",\"Count\":2}]");
        for (int i = 0; i < 3; i++) {
            call(n, "Filecoin.PledgeSector", "[]");
        }
        call(n, "Sim.Advance", "[40]");
        call(n, "Filecoin.SectorAddPieceToAny", ADD_PIECE);
        call(n, "Sim.DeclareFaults", "[[0]]");
        call(n, "Filecoin.SectorTerminate", "[1]");
        call(n, "Filecoin.PledgeSector", "[]");
        call(n, "Sim.Advance", "[3]");
    }

    private static void sameCalls(MinerNode n) throws Exception {
        call(n, "Sim.Recover", "[[0]]");
        call(n, "Filecoin.PledgeSector", "[]");
        call(n, "Filecoin.SectorStartSealing", "[3]");
        call(n, "Sim.Advance", "[7]");
        call(n, "Filecoin.SectorCommitFlush", "[]");
        call(n, "Sim.AdvanceTo", "[200]");
        call(n, "Sim.ExtendSectors", "[[2],3680700]");
        call(n, "Sim.AdvanceTo", "[3680702]");
    }

    @Test
    void aSnapshotRestoredIntoAFreshNodeAnswersEveryReadIdenticallyAndContinuesIdentically() throws Exception {
        MinerNode original = start();
        busy(original);
        String snapshot = call(original, "Sim.Snapshot", "[]").toString();
        MinerNode fresh = start();
        assertThat(call(fresh, "Sim.Restore", "[" + snapshot + "]").isNull()).isTrue();

        assertThat(reads(fresh)).isEqualTo(reads(original));
        sameCalls(original);
        sameCalls(fresh);
        List<String> after = reads(original);
        assertThat(after.stream().filter(s -> s.contains("SectorExpired")).count()).as("sector 2 expired").isPositive();
        assertThat(reads(fresh)).isEqualTo(after);
        assertThat(raw(fresh, "Sim.Snapshot", "[]")).isEqualTo(raw(original, "Sim.Snapshot", "[]"));
    }
}
