package io.minersim.app.contract;

import static io.minersim.app.contract.MethodContractTest.ADD_PIECE;
import static io.minersim.app.contract.MethodContractTest.DEAL_41;
import static io.minersim.app.contract.MethodContractTest.NULL_READER_1016;
import static io.minersim.app.contract.MethodContractTest.ZERO_PIECE_1016;
import static io.minersim.app.contract.MethodContractTest.expectHandlerError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code SectorAddPieceToAny} with data whose piece CID is not the deal's, over HTTP and WebSocket, as Lotus's
 * {@code handleAddPiece} treats it: the piece is assigned to a sector, the caller gets code 1 with
 * {@code got unexpected piece CID: expected:<deal's>, got:<data's>}, the sector's AddPiece fails that check
 * ({@code AddPieceFailed}, the error in its log and {@code LastErr}) and it goes back to {@code WaitDeals} at once,
 * without the piece; the right data then goes into the same sector.
 */
class AddPieceMismatchContractTest {

    /** 1016 bytes of 7s: a piece CID that 1016 zero bytes do not have. */
    private static final String OTHER_PIECE = otherPiece();

    private static String otherPiece() {
        byte[] sevens = new byte[1016];
        Arrays.fill(sevens, (byte) 7);
        return Cid.unsealedCommitment(PieceCommitments.pieceCommitment(sevens)).toString();
    }

    static List<Wire> wires() {
        return Wire.both();
    }

    private static List<String> log(JsonNode status) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : status.path("Log")) {
            String trace = e.path("Trace").asText();
            out.add(e.path("Kind").asText().replace("event;sealing.", "")
                    + (trace.isEmpty() ? "" : " [" + trace + "]"));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void dataThatIsNotTheDealsPieceIsAssignedAndItsAddPieceFailsWithLotusError(Wire wire) throws Exception {
        try (MinerNode node = Ctx.startNode()) {
            Ctx c = new Ctx(node, wire);
            String expected = "got unexpected piece CID: expected:" + OTHER_PIECE + ", got:" + ZERO_PIECE_1016;
            Wire.Answer a = c.call(node.adminToken(), "Filecoin.SectorAddPieceToAny",
                    "[1016," + NULL_READER_1016 + "," + DEAL_41.replace(ZERO_PIECE_1016, OTHER_PIECE) + "]");
            expectHandlerError(c, a, expected);

            assertThat(c.observe("Filecoin.SectorsList", "[]").toString()).as("the piece was assigned")
                    .isEqualTo("[0]");
            assertThat(c.state(0)).isEqualTo("AddPiece");
            for (int i = 0; i < 20 && c.observe("Filecoin.SectorsStatus", "[0,false]").path("Log").size() < 4; i++) {
                c.admin("Sim.Advance", "[1]");
            }
            JsonNode status = c.observe("Filecoin.SectorsStatus", "[0,false]");
            assertThat(status.path("State").asText()).isEqualTo("WaitDeals");
            assertThat(log(status)).containsExactly("SectorStart", "SectorAddPiece",
                    "SectorAddPieceFailed [" + expected + "]", "SectorRetryWaitDeals");
            assertThat(status.path("LastErr").asText()).isEqualTo(expected);
            assertThat(status.path("Pieces").toString()).isEqualTo("[]");
            assertThat(status.path("Deals").toString()).isEqualTo("[]");
            List<String> moves = new ArrayList<>();
            for (JsonNode m : c.observe("Sim.Events", "[0,100]")) {
                if (m.path("Sector").asLong(-1) == 0) {
                    moves.add(m.path("To").asText() + " by " + m.path("Kind").asText());
                }
            }
            assertThat(moves).containsExactly("WaitDeals by SectorStart", "AddPiece by SectorAddPiece",
                    "AddPieceFailed by SectorAddPieceFailed", "WaitDeals by SectorRetryWaitDeals");

            JsonNode at = Ctx.ok(c.call(node.adminToken(), "Filecoin.SectorAddPieceToAny", ADD_PIECE),
                    "SectorAddPieceToAny", ADD_PIECE);
            assertThat(at.toString()).as("the same sector takes the right data")
                    .isEqualTo("{\"Sector\":0,\"Offset\":0}");
            c.admin("Sim.Advance", "[1]");
            assertThat(c.observe("Filecoin.SectorsStatus", "[0,false]").path("Deals").toString()).isEqualTo("[41]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wires")
    void whatLotusRefusesBeforeAssigningIsRefusedUpFrontEvenWithDataThatIsNotTheDealsAndChangesNothing(Wire wire)
            throws Exception {
        try (MinerNode node = Ctx.startNode()) {
            Ctx c = new Ctx(node, wire);
            Ctx.Snapshot before = c.snapshot();
            String deal = DEAL_41.replace(ZERO_PIECE_1016, OTHER_PIECE);
            expectHandlerError(c, c.call(node.adminToken(), "Filecoin.SectorAddPieceToAny",
                    "[1000," + NULL_READER_1016 + "," + deal + "]"), "cannot allocate unpadded piece");
            expectHandlerError(c, c.call(node.adminToken(), "Filecoin.SectorAddPieceToAny",
                    "[4064,{\"Type\":\"null\",\"Info\":\"4064\"}," + deal + "]"), "piece cannot fit into a sector");
            expectHandlerError(c, c.call(node.adminToken(), "Filecoin.SectorAddPieceToAny",
                    "[1016," + NULL_READER_1016 + "," + deal.replace("\"StartEpoch\":2000", "\"StartEpoch\":100")
                            + "]"),
                    "cannot add piece for deal with piece CID " + OTHER_PIECE + ": current epoch " + node.miner().head()
                            + " has passed deal proposal start epoch 100");
            MethodContractTest.assertNoSectors(c);
            assertThat(c.snapshot()).isEqualTo(before);
        }
    }
}
