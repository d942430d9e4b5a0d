package io.minersim.rpc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.rpc.RpcJson;
import io.minersim.rpc.TestResources;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records against Lotus's example JSON (v1.36 docs) and the older docs' shapes. */
class WireJsonTest {
    private static final ObjectMapper JSON = RpcJson.newObjectMapper();
    private static final String CID = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4";

    private static JsonNode tree(String resource) throws Exception {
        return JSON.readTree(TestResources.text(resource));
    }

    /** Decodes {@code node} as {@code type}, re-encodes it and checks the text is identical, field order included. */
    private static <T> T roundTrip(JsonNode node, JavaType type) throws Exception {
        T value = JSON.treeToValue(node, type);
        assertThat(JSON.writeValueAsString(value)).isEqualTo(JSON.writeValueAsString(node));
        return value;
    }

    private static <T> T roundTrip(JsonNode node, Class<T> type) throws Exception {
        return roundTrip(node, JSON.constructType(type));
    }

    private static <T> T roundTrip(JsonNode node, TypeReference<T> type) throws Exception {
        return roundTrip(node, JSON.constructType(type));
    }

    @Test
    void sectorsStatusExampleRoundTripsExactly() throws Exception {
        SectorInfo info = roundTrip(tree("lotus/examples/SectorsStatus.result.json"), SectorInfo.class);
        assertThat(info.sectorId()).isEqualTo(9);
        assertThat(info.state()).isEqualTo("Proving");
        assertThat(info.commD()).isEqualTo(CidLink.of(CID));
        assertThat(new String(info.proof(), StandardCharsets.US_ASCII)).isEqualTo("byte array");
        assertThat(info.deals()).containsExactly(5432L);
        PieceDealInfo deal = info.pieces().get(0).dealInfo();
        assertThat(deal.hasLegacyDealInfo()).isTrue();
        assertThat(deal.pieceActivationManifest().size()).isEqualTo(2032);
        assertThat(deal.pieceActivationManifest().notifications()).isNull();
        assertThat(info.ticket()).isEqualTo(new SealRandomness(new byte[] {7}, 10101));
        assertThat(info.dealWeight()).isEqualTo(BigInteger.ZERO);
        assertThat(info.log()).containsExactly(new SectorLog("string value", 42, "string value", "string value"));
        assertThat(JSON.readValue(JSON.writeValueAsString(info), SectorInfo.class)).isEqualTo(info);
    }

    @Test
    void olderSectorsStatusShapeIsAcceptedAndAnsweredWithTheNullManifest() throws Exception {
        JsonNode seed = tree("lotus/seed/SectorsStatus.result.json");
        SectorInfo info = JSON.treeToValue(seed, SectorInfo.class);
        assertThat(info.commD()).isNull();
        assertThat(info.preCommitMsg()).isNull();
        PieceDealInfo deal = info.pieces().get(0).dealInfo();
        assertThat(deal.publishCid()).isNull();
        assertThat(deal.pieceActivationManifest()).isNull();
        assertThat(deal.dealProposal().label()).isEqualTo("string value");

        ObjectNode expected = seed.deepCopy();
        ObjectNode dealJson = (ObjectNode) expected.get("Pieces").get(0).get("DealInfo");
        JsonNode keep = dealJson.remove("KeepUnsealed");
        dealJson.putNull("PieceActivationManifest");
        dealJson.set("KeepUnsealed", keep);
        assertThat(JSON.writeValueAsString(info)).isEqualTo(JSON.writeValueAsString(expected));
    }

    @Test
    void addPieceParamsDecodeInBothShapes() throws Exception {
        ArrayNode current = (ArrayNode) tree("lotus/examples/SectorAddPieceToAny.params.json");
        assertThat(current.get(0).asLong()).isEqualTo(1024);
        assertThat(JSON.treeToValue(current.get(1), ReaderStream.class)).isEqualTo(new ReaderStream("", ""));
        PieceDealInfo both = roundTrip(current.get(2), PieceDealInfo.class);
        assertThat(both.hasLegacyDealInfo()).isTrue();
        assertThat(both.hasPieceActivationManifest()).isTrue();

        ArrayNode older = (ArrayNode) tree("lotus/seed/SectorAddPieceToAny.params.json");
        PieceDealInfo legacy = JSON.treeToValue(older.get(2), PieceDealInfo.class);
        assertThat(legacy.hasPieceActivationManifest()).isFalse();
        assertThat(legacy.hasLegacyDealInfo()).as("PublishCid is null in the older example").isFalse();
        assertThat(legacy.dealId()).isEqualTo(5432);
        assertThat(legacy.dealSchedule()).isEqualTo(new DealSchedule(10101, 10101));
        assertThat(legacy.keepUnsealed()).isTrue();
    }

    @Test
    void ddoPieceWithNotificationsAndAllocationRoundTrips() throws Exception {
        String json = "{\"PublishCid\":null,\"DealID\":0,\"DealProposal\":null,"
                + "\"DealSchedule\":{\"StartEpoch\":100,\"EndEpoch\":200},"
                + "\"PieceActivationManifest\":{\"CID\":{\"/\":\"" + CID + "\"},\"Size\":2048,"
                + "\"VerifiedAllocationKey\":{\"Client\":1234,\"ID\":5},"
                + "\"Notify\":[{\"Address\":\"f01234\",\"Payload\":\"Bw==\"}]},\"KeepUnsealed\":false}";
        PieceDealInfo ddo = roundTrip(JSON.readTree(json), PieceDealInfo.class);
        assertThat(ddo.hasLegacyDealInfo()).isFalse();
        assertThat(ddo.pieceActivationManifest().notifications())
                .containsExactly(new DataActivationNotification("f01234", new byte[] {7}));
    }

    @Test
    void sectorReceiveParamRoundTripsWithEveryField() throws Exception {
        JsonNode param = tree("lotus/examples/SectorReceive.params.json").get(0);
        RemoteSectorMeta meta = roundTrip(param, RemoteSectorMeta.class);
        assertThat(meta.state()).isEqualTo("Proving");
        assertThat(meta.sector()).isEqualTo(new SectorId(1000, 9));
        assertThat(meta.type()).isEqualTo(8);
        assertThat(meta.preCommitInfo().dealIds()).containsExactly(5432L);
        assertThat(meta.preCommitTipSet()).hasSize(2);
        assertThat(meta.preCommitDeposit()).isEqualTo(BigInteger.ZERO);
        assertThat(meta.dataCache().headers()).containsExactly(new SecDataHttpHeader("string value", "string value"));
        assertThat(JSON.treeToValue(param, RemoteSectorMeta.class)).isEqualTo(meta);

        List<String> schemaFields = List.of("State", "Sector", "Type", "Pieces", "TicketValue", "TicketEpoch",
                "PreCommit1Out", "CommD", "CommR", "PreCommitInfo", "PreCommitDeposit", "PreCommitMessage",
                "PreCommitTipSet", "SeedValue", "SeedEpoch", "CommitProof", "CommitMessage", "Log", "DataUnsealed",
                "DataSealed", "DataCache", "RemoteCommit1Endpoint", "RemoteCommit2Endpoint",
                "RemoteSealingDoneEndpoint");
        List<String> written = JSON.valueToTree(meta).properties().stream().map(Map.Entry::getKey).toList();
        assertThat(written).containsExactlyElementsOf(schemaFields);
    }

    @Test
    void minimalSectorReceiveParamKeepsOptionalNulls() throws Exception {
        RemoteSectorMeta meta = JSON.readValue(
                "{\"State\":\"Proving\",\"Sector\":{\"Miner\":1000,\"Number\":3},\"Type\":8}", RemoteSectorMeta.class);
        assertThat(meta.pieces()).isNull();
        assertThat(meta.commitProof()).isNull();
        assertThat(meta.preCommitDeposit()).isNull();
        assertThat(meta.remoteCommit1Endpoint()).isEmpty();
        JsonNode out = JSON.valueToTree(meta);
        assertThat(out.get("PreCommitDeposit").isNull()).isTrue();
        assertThat(out.get("Pieces").isNull()).isTrue();
    }

    @Test
    void batchResultsRoundTripInBothShapes() throws Exception {
        TypeReference<List<CommitBatchRes>> commits = new TypeReference<>() {};
        TypeReference<List<PreCommitBatchRes>> preCommits = new TypeReference<>() {};
        List<CommitBatchRes> c = roundTrip(tree("lotus/examples/SectorCommitFlush.result.json"), commits);
        assertThat(c.get(0).failedSectors()).containsExactly(Map.entry(123L, "can't acquire read lock"));
        assertThat(c.get(0).msg()).isEqualTo(CidLink.of(CID));
        assertThat(roundTrip(tree("lotus/seed/SectorCommitFlush.result.json"), commits).get(0).msg()).isNull();
        assertThat(roundTrip(tree("lotus/examples/SectorPreCommitFlush.result.json"), preCommits).get(0).sectors())
                .containsExactly(123L, 124L);
        assertThat(roundTrip(tree("lotus/seed/SectorPreCommitFlush.result.json"), preCommits).get(0).msg()).isNull();
    }

    @Test
    void otherResultsRoundTrip() throws Exception {
        NumAssignerMeta meta = roundTrip(tree("lotus/examples/SectorNumAssignerMeta.result.json"), NumAssignerMeta.class);
        assertThat(meta.inUse().numbers()).containsExactly(5L);
        Map<String, BitFieldRuns> reservations = roundTrip(
                tree("lotus/examples/SectorNumReservations.result.json"), new TypeReference<Map<String, BitFieldRuns>>() {});
        assertThat(reservations.get("").numbers()).containsExactly(5L, 6L, 7L, 10L);
        VersionInfo version = roundTrip(tree("lotus/examples/Version.result.json"), VersionInfo.class);
        assertThat(version.apiVersion()).isEqualTo(131840);
        AddressConfig addresses = roundTrip(tree("lotus/examples/ActorAddressConfig.result.json"), AddressConfig.class);
        assertThat(addresses.dealPublishControl()).containsExactly("f01234");
        Map<String, List<SealedRef>> refs = roundTrip(
                tree("lotus/examples/SectorsRefs.result.json"), new TypeReference<Map<String, List<SealedRef>>>() {});
        assertThat(refs.get("98000")).containsExactly(new SealedRef(100, 10485760, 1048576));
        roundTrip(tree("lotus/seed/SectorsRefs.result.json"), new TypeReference<Map<String, List<SealedRef>>>() {});
        assertThat(roundTrip(tree("lotus/examples/SectorTerminateFlush.result.json"), CidLink.class).value()).isEqualTo(CID);
        assertThat(JSON.treeToValue(tree("lotus/seed/SectorTerminateFlush.result.json"), CidLink.class)).isNull();
        assertThat(roundTrip(tree("lotus/examples/PledgeSector.result.json"), SectorId.class)).isEqualTo(new SectorId(1000, 9));
    }

    @Test
    void positionalParamsDecodeIntoTheirJavaTypes() throws Exception {
        for (String resource : List.of("lotus/examples/SectorsUnsealPiece.params.json", "lotus/seed/SectorsUnsealPiece.params.json")) {
            ArrayNode p = (ArrayNode) tree(resource);
            assertThat(p).hasSize(5);
            assertThat(roundTrip(p.get(0), SectorRef.class)).isEqualTo(new SectorRef(new SectorId(1000, 9), 8));
            assertThat(p.get(1).asLong()).isEqualTo(1040384);
            assertThat(p.get(2).asLong()).isEqualTo(1024);
            assertThat(JSON.treeToValue(p.get(3), byte[].class)).containsExactly(7);
        }
        assertThat(JSON.treeToValue(tree("lotus/examples/SectorsUnsealPiece.params.json").get(4), CidLink.class))
                .isEqualTo(CidLink.of(CID));
        assertThat(JSON.treeToValue(tree("lotus/seed/SectorsUnsealPiece.params.json").get(4), CidLink.class)).isNull();
        ArrayNode reserve = (ArrayNode) tree("lotus/examples/SectorNumReserve.params.json");
        assertThat(roundTrip(reserve.get(1), BitFieldRuns.class)).isEqualTo(BitFieldRuns.of(5));
    }

    @Test
    void freshSectorIsWrittenWithLotusNullsAndEmpties() throws Exception {
        SectorInfo fresh = new SectorInfo(3, "Packing", null, null, null, null, null, null, null, null, null, 0, false,
                null, null, null, 8, 0, 0, null, null, null, 0, 0);
        assertThat(JSON.writeValueAsString(fresh)).isEqualTo("{\"SectorID\":3,\"State\":\"Packing\",\"CommD\":null,"
                + "\"CommR\":null,\"Proof\":null,\"Deals\":[],\"Pieces\":[],\"Ticket\":{\"Value\":null,\"Epoch\":0},"
                + "\"Seed\":{\"Value\":null,\"Epoch\":0},\"PreCommitMsg\":null,\"CommitMsg\":null,\"Retries\":0,"
                + "\"ToUpgrade\":false,\"ReplicaUpdateMessage\":null,\"LastErr\":\"\",\"Log\":[],\"SealProof\":8,"
                + "\"Activation\":0,\"Expiration\":0,\"DealWeight\":\"0\",\"VerifiedDealWeight\":\"0\","
                + "\"InitialPledge\":\"0\",\"OnTime\":0,\"Early\":0}");
        SectorPiece filler = new SectorPiece(new PieceInfo(2048, CidLink.of(CID)), null);
        assertThat(JSON.writeValueAsString(filler))
                .isEqualTo("{\"Piece\":{\"Size\":2048,\"PieceCID\":{\"/\":\"" + CID + "\"}},\"DealInfo\":null}");
    }

    @Test
    void emptyCollectionsAreWrittenAsLotusDoes() throws Exception {
        assertThat(JSON.writeValueAsString(new CommitBatchRes(null, null, null, null)))
                .isEqualTo("{\"Sectors\":[],\"FailedSectors\":{},\"Msg\":null,\"Error\":\"\"}");
        assertThat(JSON.writeValueAsString(new PreCommitBatchRes(List.of(1L), null, "out of funds")))
                .isEqualTo("{\"Sectors\":[1],\"Msg\":null,\"Error\":\"out of funds\"}");
        assertThat(JSON.writeValueAsString(AddressConfig.NONE)).isEqualTo("{\"PreCommitControl\":null,"
                + "\"CommitControl\":null,\"TerminateControl\":null,\"DealPublishControl\":null,"
                + "\"DisableOwnerFallback\":false,\"DisableWorkerFallback\":false}");
        assertThat(JSON.writeValueAsString(new NumAssignerMeta(null, null, null, 0)))
                .isEqualTo("{\"Reserved\":[0],\"Allocated\":[0],\"InUse\":[0],\"Next\":0}");
        Map<Long, String> failed = new LinkedHashMap<>();
        failed.put(124L, "b");
        failed.put(12L, "a");
        assertThat(JSON.writeValueAsString(new CommitBatchRes(List.of(12L, 124L), failed, null, "")))
                .isEqualTo("{\"Sectors\":[12,124],\"FailedSectors\":{\"12\":\"a\",\"124\":\"b\"},\"Msg\":null,\"Error\":\"\"}");
    }

    @Test
    void simpleResultsHaveLotusShapes() throws Exception {
        assertThat(JSON.writeValueAsString(new SectorOffset(9, 1032))).isEqualTo("{\"Sector\":9,\"Offset\":1032}");
        assertThat(JSON.writeValueAsString(new ChainHead(100, 1_700_000_000L)))
                .isEqualTo("{\"Epoch\":100,\"Timestamp\":1700000000}");
        assertThat(JSON.writeValueAsString(new VersionInfo("1.36.1+mainnet", VersionInfo.MINER_API_VERSION, 30, "lotus")))
                .isEqualTo("{\"Version\":\"1.36.1+mainnet\",\"APIVersion\":66816,\"BlockDelay\":30,\"Agent\":\"lotus\"}");
        assertThat(JSON.writeValueAsString(ReaderStream.zeros(1016))).isEqualTo("{\"Type\":\"null\",\"Info\":\"1016\"}");
        assertThat(JSON.writeValueAsString(BitFieldRuns.of(0, 1, 2))).isEqualTo("[0,3]");
    }

    @Test
    void bigIntegersAreDecimalStringsAndAcceptBareNumbers() throws Exception {
        String base = "{\"PieceCID\":{\"/\":\"" + CID + "\"},\"PieceSize\":2048,\"VerifiedDeal\":false,\"Client\":\"f01\","
                + "\"Provider\":\"f02\",\"Label\":\"\",\"StartEpoch\":1,\"EndEpoch\":2,";
        DealProposal p = JSON.readValue(base + "\"StoragePricePerEpoch\":\"123456789012345678901234567890\","
                + "\"ProviderCollateral\":42,\"ClientCollateral\":null}", DealProposal.class);
        assertThat(p.storagePricePerEpoch()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(p.providerCollateral()).isEqualTo(BigInteger.valueOf(42));
        assertThat(p.clientCollateral()).isEqualTo(BigInteger.ZERO);
        JsonNode out = JSON.valueToTree(p);
        assertThat(out.get("StoragePricePerEpoch").textValue()).isEqualTo("123456789012345678901234567890");
        assertThat(out.get("ProviderCollateral").textValue()).isEqualTo("42");
        assertThat(out.get("ClientCollateral").textValue()).isEqualTo("0");
        for (String bad : List.of("\"1.5\"", "1.5", "\"abc\"", "\"1e3\"", "\"\"", "true", "[1]")) {
            assertThatThrownBy(() -> JSON.readValue(base + "\"StoragePricePerEpoch\":" + bad
                    + ",\"ProviderCollateral\":\"0\",\"ClientCollateral\":\"0\"}", DealProposal.class))
                    .as("price %s", bad).hasMessageContaining("StoragePricePerEpoch");
        }
    }

    @Test
    void unknownFieldsAreIgnoredByTheRecordsThemselves() throws Exception {
        ObjectMapper plain = new ObjectMapper();
        ObjectNode node = (ObjectNode) tree("lotus/examples/SectorsStatus.result.json");
        node.put("SomethingNew", 1);
        ((ObjectNode) node.get("Pieces").get(0).get("DealInfo")).put("Extra", "x");
        ((ObjectNode) node.get("Ticket")).put("Extra", "x");
        assertThat(plain.treeToValue(node, SectorInfo.class).sectorId()).isEqualTo(9);
        ObjectNode param = (ObjectNode) tree("lotus/examples/SectorReceive.params.json").get(0);
        param.put("FutureField", true);
        assertThat(plain.treeToValue(param, RemoteSectorMeta.class).state()).isEqualTo("Proving");
    }

    @Test
    void goZeroValuesForMissingOrNullFields() throws Exception {
        PieceDealInfo empty = JSON.readValue("{}", PieceDealInfo.class);
        assertThat(empty.dealSchedule()).isEqualTo(DealSchedule.ZERO);
        assertThat(empty.publishCid()).isNull();
        SectorRef ref = JSON.readValue("{\"ProofType\":8}", SectorRef.class);
        assertThat(ref.id()).isEqualTo(new SectorId(0, 0));
        SectorLog log = JSON.readValue("{\"Kind\":null,\"Timestamp\":5}", SectorLog.class);
        assertThat(log).isEqualTo(new SectorLog("", 5, "", ""));
    }
}
