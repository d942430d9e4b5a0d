package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A piece whose data is not its deal's, acknowledged (with Lotus's error) and then SIGKILLed before its sector's
 * AddPiece ran: the restarted {@code minersim run} has the piece assigned and fails the same AddPiece, with the same
 * error, as the process that was killed would have.
 */
class AddPieceMismatchRestartTest {
    @TempDir
    Path repo;

    /** A deal for 1016 zero bytes that names another piece CID (that of 508 zero bytes). */
    private static final String DEAL = "{\"PublishCid\":{\"/\":\"bafy2bzacecys2f6saakfqge5z3rx5ywdwqthynw5i3aif2f6"
            + "hdqdwjuzi3kr2\"},\"DealID\":41,\"DealProposal\":{\"PieceCID\":{\"/\":\""
            + Cid.unsealedCommitment(PieceCommitments.zeroCommitment(512)) + "\"},\"PieceSize\":1024,"
            + "\"VerifiedDeal\":false,\"Client\":\"f01234\",\"Provider\":\"f01000\",\"Label\":\"deal 41\","
            + "\"StartEpoch\":2000,\"EndEpoch\":600000,\"StoragePricePerEpoch\":\"0\",\"ProviderCollateral\":\"0\","
            + "\"ClientCollateral\":\"0\"},\"DealSchedule\":{\"StartEpoch\":2000,\"EndEpoch\":600000},"
            + "\"KeepUnsealed\":true}";

    @Test
    void anAcknowledgedMismatchedPieceFailsItsAddPieceAfterSigkill() throws Exception {
        String expected = "got unexpected piece CID: expected:" + Cid.unsealedCommitment(
                PieceCommitments.zeroCommitment(512)) + ", got:" + Cid.unsealedCommitment(
                PieceCommitments.zeroCommitment(1024));
        KillNineTest.Child child = KillNineTest.Child.start(repo, "os");
        String status;
        try {
            JsonNode a = child.call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},"
                    + DEAL + "]");
            assertThat(a.path("error").path("code").asInt()).isEqualTo(1);
            assertThat(a.path("error").path("message").asText()).isEqualTo(expected);
            status = child.raw("Filecoin.SectorsStatus", "[0,false]");
            assertThat(child.call("Filecoin.SectorsStatus", "[0,false]").path("result").path("State").asText())
                    .isEqualTo("AddPiece");
        } finally {
            child.kill();
        }
        KillNineTest.Child again = KillNineTest.Child.start(repo, "os");
        try {
            assertThat(again.raw("Filecoin.SectorsStatus", "[0,false]")).as("restored as acknowledged")
                    .isEqualTo(status);
            JsonNode s = null;
            for (int i = 0; i < 20; i++) {
                again.call("Sim.Advance", "[1]");
                s = again.call("Filecoin.SectorsStatus", "[0,false]").path("result");
                if (s.path("Log").size() >= 4) {
                    break;
                }
            }
            assertThat(s.path("State").asText()).isEqualTo("WaitDeals");
            assertThat(s.path("LastErr").asText()).isEqualTo(expected);
            assertThat(s.path("Log").get(2).path("Kind").asText()).isEqualTo("event;sealing.SectorAddPieceFailed");
            assertThat(s.path("Log").get(2).path("Trace").asText()).isEqualTo(expected);
            assertThat(s.path("Pieces").toString()).isEqualTo("[]");
        } finally {
            again.kill();
        }
    }
}
