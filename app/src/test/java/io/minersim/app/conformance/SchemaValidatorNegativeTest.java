package io.minersim.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.node.MinerNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation in {@link ResultSchemaConformanceTest} can fail: a served result, mutated into a wrong shape,
 * is rejected, by the corrected schema and (where the document itself is right) by Lotus's unmodified one.
 */
class SchemaValidatorNegativeTest {
    private static MinerNode node;
    private static RawRpc rpc;
    private static LotusOpenRpc doc;
    private static JsonNode sectorInfoSchema;
    private static JsonNode sectorInfo;

    @BeforeAll
    static void start() throws Exception {
        doc = LotusOpenRpc.load();
        sectorInfoSchema = new LotusSchemaErrata().correct("Filecoin.SectorsStatus",
                doc.rawResultSchema("Filecoin.SectorsStatus"));
        node = MinerNode.builder().config(PipelineScenario.config()).manualClock(true).listen("127.0.0.1", 0)
                .start();
        rpc = new RawRpc(node.httpUri(), node.adminToken());
        long n = rpc.result("Filecoin.PledgeSector").path("Number").asLong();
        node.manualClock().advance(2);
        sectorInfo = rpc.result("Filecoin.SectorsStatus", n, true);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static JsonNode corrected(String method) {
        return new LotusSchemaErrata().correct(method, doc.rawResultSchema(method));
    }

    private static ObjectNode mutated() {
        return (ObjectNode) sectorInfo.deepCopy();
    }

    @Test
    void theServedSectorInfoIsValid() {
        assertThat(doc.problems(sectorInfoSchema, sectorInfo)).isEmpty();
    }

    @Test
    void aSectorIdAsAStringIsRejected() {
        ObjectNode bad = mutated().put("SectorID", "9");
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString()
                .contains("/SectorID").contains("string found, number expected");
        assertThat(doc.problems(doc.rawResultSchema("Filecoin.SectorsStatus"), bad))
                .anySatisfy(m -> assertThat(m).contains("/SectorID").contains("string found, number expected"));
    }

    @Test
    void aCidAsTheDocumentDescribesItIsRejected() {
        // the corrected schema wants {"/": "..."}; a bare string, as Lotus's document describes cid.Cid, is wrong
        ObjectNode bad = mutated().put("CommD", "baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy");
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("/CommD");
        ObjectNode notACid = mutated();
        notACid.putObject("CommR").put("/", "not a cid");
        assertThat(doc.problems(sectorInfoSchema, notACid)).singleElement().asString().contains("/CommR/~1");
    }

    @Test
    void aBigIntAsANumberIsRejected() {
        ObjectNode bad = mutated().put("InitialPledge", 0);
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("/InitialPledge");
    }

    @Test
    void randomnessAsAnArrayOfNumbersIsRejected() {
        ObjectNode bad = mutated();
        ((ObjectNode) bad.get("Ticket")).putArray("Value").add(1).add(2);
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("/Ticket/Value");
    }

    @Test
    void anExtraFieldIsRejected() {
        ObjectNode bad = mutated().put("Sector", 9);
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("Sector");
        assertThat(doc.problems(doc.rawResultSchema("Filecoin.SectorsStatus"), bad))
                .anySatisfy(m -> assertThat(m).contains("Sector").contains("not defined in the schema"));
    }

    @Test
    void aMissingFieldIsRejectedOnlyThanksToTheTightening() {
        ObjectNode bad = mutated();
        bad.remove("Log");
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("Log");
        assertThat(doc.problems(doc.rawResultSchema("Filecoin.SectorsStatus"), bad))
                .noneSatisfy(m -> assertThat(m).contains("Log"));
    }

    @Test
    void aWrongSecondListElementIsRejectedOnlyThanksToTheTightening() {
        JsonNode list = RawRpc.JSON.valueToTree(List.of(1, "2"));
        assertThat(doc.problems(corrected("Filecoin.SectorsList"), list)).singleElement().asString()
                .contains("/1").contains("string found");
        // draft-07 reads Lotus's "items":[X] as a tuple: element 1 is not checked
        assertThat(doc.problems(doc.rawResultSchema("Filecoin.SectorsList"), list)).isEmpty();
    }

    @Test
    void nullIsAcceptedOnlyWhereLotusSendsIt() {
        assertThat(doc.problems(corrected("Filecoin.SectorsList"), RawRpc.NODES.nullNode())).isNotEmpty();
        assertThat(doc.problems(corrected("Filecoin.SectorsListInStates"), RawRpc.NODES.nullNode())).isEmpty();
        assertThat(doc.problems(corrected("Filecoin.PledgeSector"), RawRpc.NODES.nullNode())).isNotEmpty();
        ObjectNode bad = mutated().putNull("Log");
        assertThat(doc.problems(sectorInfoSchema, bad)).singleElement().asString().contains("/Log");
    }

    @Test
    void theDraft07TypeArraysAreEnforced() {
        // {"type":["number"]} and {"type":["null"]}
        assertThat(doc.problems(corrected("Filecoin.SectorGetSealDelay"), RawRpc.NODES.textNode("1"))).isNotEmpty();
        assertThat(doc.problems(corrected("Filecoin.SectorGetSealDelay"), RawRpc.NODES.numberNode(1))).isEmpty();
        assertThat(doc.problems(corrected("Filecoin.SectorRemove"), RawRpc.NODES.objectNode())).isNotEmpty();
        assertThat(doc.problems(corrected("Filecoin.SectorRemove"), RawRpc.NODES.nullNode())).isEmpty();
        // patternProperties values of SectorsSummary
        ObjectNode summary = RawRpc.NODES.objectNode().put("Proving", "3");
        assertThat(doc.problems(corrected("Filecoin.SectorsSummary"), summary)).singleElement().asString()
                .contains("/Proving");
    }
}
