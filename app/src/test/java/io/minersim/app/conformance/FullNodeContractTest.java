package io.minersim.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.app.fullnode.FullNode;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.app.testing.WsClient;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.Permission;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.DealProposal;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.SectorSize;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The full node's contract: every served method of Lotus's full-node OpenRPC document answers, over HTTP and over
 * WebSocket alike, JSON that validates against the method's result schema (with {@link LotusSchemaErrata}'s
 * corrections at the full node's field names), at several moments of a miner's life (messages pending, landed);
 * permissions and errors as Lotus gives them. A method whose answer is an error at that moment (a sector in no
 * partition yet) must give Lotus's error text.
 */
class FullNodeContractTest {
    static final String RESOURCE = "/lotus/full-openrpc-trimmed.json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Errors a method may answer while the chain holds no such sector in a partition. */
    private static final Map<String, Pattern> EXPECTED_ERRORS = Map.of(
            "Filecoin.StateSectorPartition", Pattern.compile("sector \\d+ not due at any deadline"),
            "Filecoin.StateSectorExpiration", Pattern.compile("failed to find sector \\d+"));

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(11));

    private final LotusOpenRpc doc = LotusOpenRpc.load(RESOURCE);
    private final LotusSchemaErrata errata = new LotusSchemaErrata().forFullNode();
    /** Methods that answered one of {@link #EXPECTED_ERRORS}. */
    private final Set<String> erred = new TreeSet<>();

    @Test
    void everyServedMethodAnswersItsSchemaOverHttpAndWebSocketAlike() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        Set<String> covered = new TreeSet<>();
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            RawRpc http = new RawRpc(full.httpUri(), full.adminToken());
            for (int i = 0; i < 3; i++) {
                s.client().miner().pledgeSector();
            }
            s.client().miner().sectorAddPieceToAny(254, new ReaderStream("null", "254"), deal(41));
            String pendingCid = null;
            for (int i = 0; i < 300 && pendingCid == null; i++) {
                s.advance(1);
                JsonNode pool = http.result("Filecoin.MpoolPending", RawRpc.NODES.arrayNode());
                if (pool.size() > 0) {
                    pendingCid = pool.get(0).get("CID").get("/").asText();
                }
            }
            assertThat(pendingCid).as("a message in the pool").isNotNull();
            covered.addAll(checkAll(http, ws, pendingCid));
            JsonNode landed = null;
            for (int i = 0; i < 300 && (landed == null || landed.isNull()); i++) {
                s.advance(1);
                landed = http.result("Filecoin.StateSearchMsg", RawRpc.NODES.arrayNode(), cid(pendingCid), -1, true);
            }
            assertThat(landed).isNotNull();
            assertThat(landed.isNull()).isFalse();
            covered.addAll(checkAll(http, ws, pendingCid));
            s.advance(200);
            covered.addAll(checkAll(http, ws, pendingCid));
        }
        Set<String> served = served();
        Set<String> inDoc = new TreeSet<>(doc.methodNames());
        assertThat(inDoc).as("the trimmed document holds exactly the served methods Lotus documents")
                .isSubsetOf(served);
        Set<String> answered = new TreeSet<>(covered);
        answered.addAll(erred);
        assertThat(answered).isEqualTo(inDoc);
        // until the proving engine places sectors in partitions, these two answer Lotus's error; their shapes are
        // checked from the wire records in io.minersim.app.fullnode.WireShapesTest
        assertThat(inDoc).containsAll(erred);
        for (LotusSchemaErrata.Erratum e : errata.all()) {
            assertThat(e.hits()).as("rewrites by %s", e.id()).isPositive();
        }
    }

    /** Calls every documented method with representative params; returns the methods checked. */
    private Set<String> checkAll(RawRpc http, WsClient ws, String messageCid) throws Exception {
        Map<String, List<Object>> calls = new LinkedHashMap<>();
        ArrayNode head = RawRpc.NODES.arrayNode();
        JsonNode tipset = http.result("Filecoin.ChainHead");
        long height = tipset.get("Height").asLong();
        ArrayNode key = (ArrayNode) tipset.get("Cids");
        String worker = "f0100";
        String key1 = http.result("Filecoin.StateAccountKey", worker, head).asText();
        ObjectNode pci = RawRpc.NODES.objectNode().put("SealProof", 5).put("SectorNumber", 9)
                .put("SealRandEpoch", 1).put("Expiration", 600000);
        pci.putNull("DealIDs");
        pci.set("SealedCID", cid("bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkiekz"));
        pci.putNull("UnsealedCid");
        calls.put("Filecoin.ChainHead", List.of());
        calls.put("Filecoin.ChainGetTipSetByHeight", List.of(Math.max(0, height - 1), key));
        calls.put("Filecoin.ChainGetTipSet", List.of(key));
        calls.put("Filecoin.StateMinerInfo", List.of("f01000", head));
        calls.put("Filecoin.StateMinerPower", List.of("f01000", key));
        calls.put("Filecoin.StateMinerProvingDeadline", List.of("f01000", head));
        calls.put("Filecoin.StateMinerDeadlines", List.of("f01000", head));
        calls.put("Filecoin.StateMinerPartitions", List.of("f01000", 3, head));
        calls.put("Filecoin.StateMinerFaults", List.of("f01000", head));
        calls.put("Filecoin.StateMinerRecoveries", List.of("f01000", head));
        calls.put("Filecoin.StateMinerActiveSectors", List.of("f01000", head));
        calls.put("Filecoin.StateMinerSectors", List.of("f01000", RawRpc.NODES.nullNode(), head));
        calls.put("Filecoin.StateMinerSectorCount", List.of("f01000", head));
        calls.put("Filecoin.StateSectorGetInfo", List.of("f01000", 0, head));
        calls.put("Filecoin.StateSectorPartition", List.of("f01000", 0, head));
        calls.put("Filecoin.StateSectorExpiration", List.of("f01000", 0, head));
        calls.put("Filecoin.StateSectorPreCommitInfo", List.of("f01000", 1, head));
        calls.put("Filecoin.StateMinerAvailableBalance", List.of("f01000", head));
        calls.put("Filecoin.StateMinerInitialPledgeCollateral", List.of("f01000", pci, head));
        calls.put("Filecoin.StateMinerPreCommitDepositForPower", List.of("f01000", pci, head));
        calls.put("Filecoin.StateGetActor", List.of("f01000", head));
        calls.put("Filecoin.WalletBalance", List.of(key1));
        calls.put("Filecoin.StateLookupID", List.of(key1, head));
        calls.put("Filecoin.StateAccountKey", List.of(worker, head));
        calls.put("Filecoin.MpoolPending", List.of(head));
        calls.put("Filecoin.StateSearchMsg", List.of(head, cid(messageCid), -1, true));
        calls.put("Filecoin.StateWaitMsg", List.of(cid(messageCid), 0, -1, true));
        calls.put("Filecoin.StateNetworkVersion", List.of(head));
        calls.put("Filecoin.StateNetworkName", List.of());
        calls.put("Filecoin.ChainGetMessage", List.of(cid(messageCid)));
        calls.put("Filecoin.StateMarketBalance", List.of("f01000", head));
        calls.put("Filecoin.StateMarketStorageDeal", List.of(41, key));
        calls.put("Filecoin.StateVerifiedClientStatus", List.of(key1, head));
        calls.put("Filecoin.StateReadState", List.of("f01000", key));
        calls.put("Filecoin.StateActorCodeCIDs", List.of(http.result("Filecoin.StateNetworkVersion", head).asLong()));
        calls.put("Filecoin.MinerGetBaseInfo", List.of("f01000", height + 1, key));
        calls.put("Filecoin.WalletList", List.of());
        calls.put("Filecoin.WalletDefaultAddress", List.of());
        calls.put("Filecoin.SyncState", List.of());
        Set<String> checked = new TreeSet<>();
        for (Map.Entry<String, List<Object>> c : calls.entrySet()) {
            String method = c.getKey();
            if (method.equals("Filecoin.StateWaitMsg")
                    && http.result("Filecoin.StateSearchMsg", head, cid(messageCid), -1, true).isNull()) {
                continue; // it would wait for the message to land
            }
            JsonNode overHttp = http.envelope(method, c.getValue().toArray());
            JsonNode overWs = viaWebSocket(ws, method, c.getValue());
            assertThat(overWs.get("result")).as("%s over WebSocket", method).isEqualTo(overHttp.get("result"));
            assertThat(overWs.get("error")).as("%s over WebSocket", method).isEqualTo(overHttp.get("error"));
            if (overHttp.has("error")) {
                Pattern allowed = EXPECTED_ERRORS.get(method);
                assertThat(allowed).as("%s failed: %s", method, overHttp).isNotNull();
                assertThat(overHttp.at("/error/code").asInt()).isEqualTo(1);
                assertThat(overHttp.at("/error/message").asText()).matches(allowed);
                erred.add(method);
                continue;
            }
            JsonNode schema = errata.correct(method, doc.rawResultSchema(method));
            assertThat(doc.problems(schema, overHttp.get("result"))).as("%s %s → %s", method, c.getValue(),
                    overHttp.get("result")).isEmpty();
            checked.add(method);
        }
        return checked;
    }

    /** A published deal of 254 bytes, provider f01000, client f01234. */
    static PieceDealInfo deal(long id) {
        CidLink piece = new CidLink(Cid.unsealedCommitment(PieceCommitments.zeroCommitment(256)).toString());
        DealProposal proposal = new DealProposal(piece, 256, false, "f01234", "f01000", "deal " + id, 2000, 600_000,
                BigInteger.TEN, BigInteger.valueOf(1000), BigInteger.valueOf(500));
        CidLink publish = new CidLink(Cid.dagCborBlake2b256(("publish " + id).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).toString());
        return new PieceDealInfo(publish, id, proposal, new DealSchedule(2000, 600_000), null, true);
    }

    /**
     * Each call of {@code bad} ({@code [method, params...]}) answers its error text over HTTP, and the same error
     * over WebSocket.
     */
    private static void assertRefused(RawRpc http, WsClient ws, Map<List<Object>, String> bad) throws Exception {
        for (Map.Entry<List<Object>, String> b : bad.entrySet()) {
            String method = (String) b.getKey().get(0);
            List<Object> params = b.getKey().subList(1, b.getKey().size());
            JsonNode overHttp = http.envelope(method, params.toArray());
            assertThat(overHttp.at("/error/message").asText()).as("%s %s", method, params).isEqualTo(b.getValue());
            assertThat(viaWebSocket(ws, method, params).get("error")).isEqualTo(overHttp.get("error"));
        }
    }

    static JsonNode viaWebSocket(WsClient ws, String method, List<Object> params) throws Exception {
        ObjectNode req = RawRpc.NODES.objectNode();
        long id = System.nanoTime();
        req.put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode array = req.putArray("params");
        params.forEach(p -> array.add(p instanceof JsonNode n ? n : RawRpc.JSON.valueToTree(p)));
        ws.send(RawRpc.JSON.writeValueAsString(req));
        while (true) {
            String frame = ws.next(Duration.ofSeconds(30));
            assertThat(frame).as("an answer to %s", method).isNotNull();
            JsonNode n = RawRpc.JSON.readTree(frame);
            if (n.path("id").asLong() == id) {
                return n;
            }
        }
    }

    private static ObjectNode cid(String text) {
        return RawRpc.NODES.objectNode().put("/", text);
    }

    private static Set<String> served() {
        Set<String> out = new TreeSet<>();
        for (Method m : FullNodeApi.class.getMethods()) {
            out.add(m.getAnnotation(JsonRpcMethod.class).value());
        }
        return out;
    }

    /**
     * The methods Lotus's document leaves out (its Net API and ID), and what the documented wallet and sync methods
     * say of the simulated world, alike over HTTP and WebSocket: a lone node in sync at its head.
     */
    @Test
    void walletSyncAndNetAnswerAsALoneSyncedLotusNode() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        RawRpc http = new RawRpc(full.httpUri(), full.adminToken());
        s.client().miner().pledgeSector();
        s.advance(5);
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            for (String method : List.of("Filecoin.ID", "Filecoin.NetPeers", "Filecoin.NetAutoNatStatus",
                    "Filecoin.NetBandwidthStats", "Filecoin.NetBandwidthStatsByProtocol", "Filecoin.WalletList",
                    "Filecoin.WalletDefaultAddress", "Filecoin.SyncState")) {
                JsonNode overHttp = http.envelope(method);
                assertThat(overHttp.has("error")).as("%s: %s", method, overHttp).isFalse();
                assertThat(viaWebSocket(ws, method, List.of()).get("result")).as(method)
                        .isEqualTo(overHttp.get("result"));
            }
        }
        assertThat(http.result("Filecoin.ID").asText()).matches("12D3KooW[1-9A-HJ-NP-Za-km-z]{44}");
        assertThat(http.result("Filecoin.NetPeers").toString()).isEqualTo("[]");
        JsonNode nat = http.result("Filecoin.NetAutoNatStatus");
        assertThat(nat.get("Reachability").asInt()).isEqualTo(1);
        assertThat(nat.get("PublicAddrs").get(0).asText()).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+");
        assertThat(http.result("Filecoin.NetBandwidthStats").toString())
                .isEqualTo("{\"TotalIn\":0,\"TotalOut\":0,\"RateIn\":0,\"RateOut\":0}");
        assertThat(http.result("Filecoin.NetBandwidthStatsByProtocol").toString()).isEqualTo("{}");
        String worker = http.result("Filecoin.StateAccountKey", "f0100", List.of()).asText();
        assertThat(http.result("Filecoin.WalletList").toString()).isEqualTo("[\"" + worker + "\"]");
        assertThat(http.result("Filecoin.WalletDefaultAddress").asText()).isEqualTo(worker);
        JsonNode sync = http.result("Filecoin.SyncState");
        JsonNode head = http.result("Filecoin.ChainHead");
        assertThat(sync.get("ActiveSyncs")).hasSize(1);
        JsonNode worker0 = sync.get("ActiveSyncs").get(0);
        assertThat(worker0.get("Stage").asInt()).as("StageSyncComplete").isEqualTo(4);
        assertThat(worker0.get("Height").asLong()).isEqualTo(5);
        assertThat(worker0.get("Target")).isEqualTo(head);
        assertThat(worker0.get("Base")).isEqualTo(http.result("Filecoin.ChainGetTipSetByHeight", 4, List.of()));
        assertThat(worker0.get("End").asText()).isEqualTo(java.time.Instant.ofEpochSecond(
                head.at("/Blocks/0/Timestamp").asLong()).toString());
        assertThat(worker0.get("Message").asText()).isEmpty();
        // wallet methods need write, as Lotus's perm tags say; the rest read
        RawRpc read = new RawRpc(full.httpUri(), full.token(Permission.READ));
        assertThat(read.envelope("Filecoin.WalletList").get("error").toString())
                .isEqualTo("{\"code\":1,\"message\":\"missing permission to invoke 'WalletList' (need 'write')\"}");
        assertThat(read.result("Filecoin.ID").asText()).startsWith("12D3KooW");
        assertThat(read.result("Filecoin.SyncState").get("ActiveSyncs")).hasSize(1);
    }

    /**
     * Messages, the market and the verified registry as the simulated chain holds them, with Lotus's errors for a
     * CID, deal, address or tipset key the chain does not have, alike over HTTP and WebSocket.
     */
    @Test
    void messagesMarketAndDatacapAnswerForTheWorldWithLotusErrors() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        RawRpc http = new RawRpc(full.httpUri(), full.adminToken());
        s.client().miner().sectorAddPieceToAny(254, new ReaderStream("null", "254"), deal(41));
        s.client().miner().pledgeSector();
        String sent = null;
        for (int i = 0; i < 300 && sent == null; i++) {
            s.advance(1);
            JsonNode pool = http.result("Filecoin.MpoolPending", RawRpc.NODES.arrayNode());
            if (pool.size() > 0) {
                sent = pool.get(0).get("CID").get("/").asText();
            }
        }
        assertThat(sent).isNotNull();
        JsonNode pending = http.result("Filecoin.MpoolPending", RawRpc.NODES.arrayNode()).get(0).get("Message");
        JsonNode message = http.result("Filecoin.ChainGetMessage", cid(sent));
        assertThat(message).as("the pool's message, as the chain store holds it").isEqualTo(pending);
        assertThat(message.get("To").asText()).isEqualTo("f01000");

        JsonNode deal = http.result("Filecoin.StateMarketStorageDeal", 41, List.of());
        assertThat(deal.at("/Proposal/Provider").asText()).isEqualTo("f01000");
        assertThat(deal.at("/Proposal/ProviderCollateral").asText()).isEqualTo("1000");
        assertThat(deal.at("/State/SectorStartEpoch").asLong()).as("not yet activated").isEqualTo(-1);
        long h = http.result("Filecoin.ChainHead").get("Height").asLong();
        assertThat(http.result("Filecoin.StateMarketBalance", "f01000", List.of()).toString())
                .isEqualTo("{\"Escrow\":\"1000\",\"Locked\":\"1000\"}");
        String clientLocked = BigInteger.valueOf(500 + 10L * (600_000 - 2000)).toString();
        assertThat(http.result("Filecoin.StateMarketBalance", "f01234", List.of()).get("Locked").asText())
                .as("at %d, before the deal starts", h).isEqualTo(clientLocked);
        assertThat(http.result("Filecoin.StateMarketBalance", "f0999", List.of()).toString())
                .isEqualTo("{\"Escrow\":\"0\",\"Locked\":\"0\"}");
        assertThat(http.result("Filecoin.StateVerifiedClientStatus", "f01234", List.of()).isNull()).isTrue();

        String unknownCid = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4";
        String unknownKey = "f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za";
        String missingTipset = "bafy2bzacebp3shtrn43k7g3unredz7fxn4gj533d3o43tqn2p2ipxxhrvchve";
        Map<List<Object>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("Filecoin.ChainGetMessage", cid(unknownCid)), "ipld: could not find " + unknownCid);
        bad.put(List.of("Filecoin.StateMarketStorageDeal", 7, List.of()), "deal 7 not found - deal may not have"
                + " completed sealing before deal proposal start epoch, or deal may have been slashed");
        bad.put(List.of("Filecoin.StateMarketBalance", unknownKey, List.of()), "resolution lookup failed ("
                + unknownKey + "): resolve address " + unknownKey + ": actor not found");
        bad.put(List.of("Filecoin.StateVerifiedClientStatus", unknownKey, List.of()), "actor not found");
        String loading = http.envelope("Filecoin.ChainGetTipSet", List.of(cid(missingTipset))).at("/error/message")
                .asText();
        assertThat(loading).contains(missingTipset);
        bad.put(List.of("Filecoin.StateMarketBalance", "f01000", List.of(cid(missingTipset))), loading);
        bad.put(List.of("Filecoin.StateMarketStorageDeal", 41, List.of(cid(missingTipset))), loading);
        bad.put(List.of("Filecoin.StateVerifiedClientStatus", "f01000", List.of(cid(missingTipset))), loading);
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            assertRefused(http, ws, bad);
            for (String method : List.of("Filecoin.StateMarketBalance", "Filecoin.StateVerifiedClientStatus")) {
                JsonNode malformed = http.envelope(method, "x01000", List.of());
                assertThat(malformed.at("/error/code").asInt()).isEqualTo(-32700);
                assertThat(malformed.at("/error/message").asText()).endsWith(": unknown address network");
                assertThat(viaWebSocket(ws, method, List.of("x01000", List.of())).get("error"))
                        .isEqualTo(malformed.get("error"));
            }
        }
        assertThat(http.envelope("Filecoin.ChainGetMessage", cid("notacid")).at("/error/code").asInt())
                .isEqualTo(-32700);
        assertThat(http.envelope("Filecoin.StateMarketStorageDeal", -1, List.of()).at("/error/code").asInt())
                .isEqualTo(-32700);
    }

    /**
     * StateReadState's miner state agrees with StateGetActor, the proving deadline and the pledge the sectors lock;
     * StateActorCodeCIDs names the codes StateGetActor answers; Lotus's errors for an unknown actor, a network version
     * the node has not run, a malformed address and a tipset key of no tipset, alike over HTTP and WebSocket.
     */
    @Test
    void readStateAndActorCodesAgreeWithTheMinerActor() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        RawRpc http = new RawRpc(full.httpUri(), full.adminToken());
        s.client().miner().pledgeSector();
        s.advance(200);
        JsonNode read = http.result("Filecoin.StateReadState", "f01000", List.of());
        JsonNode actor = http.result("Filecoin.StateGetActor", "f01000", List.of());
        JsonNode deadline = http.result("Filecoin.StateMinerProvingDeadline", "f01000", List.of());
        assertThat(read.get("Balance")).isEqualTo(actor.get("Balance"));
        assertThat(read.get("Code")).isEqualTo(actor.get("Code"));
        JsonNode state = read.get("State");
        assertThat(state.get("ProvingPeriodStart")).isEqualTo(deadline.get("PeriodStart"));
        assertThat(state.get("CurrentDeadline")).isEqualTo(deadline.get("Index"));
        assertThat(state.get("FeeDebt").asText()).isEqualTo("0");
        BigInteger locked = new BigInteger(state.get("InitialPledge").asText())
                .add(new BigInteger(state.get("PreCommitDeposits").asText()));
        assertThat(locked.signum()).as("a pledged sector locks funds").isPositive();
        assertThat(new BigInteger(actor.get("Balance").asText())
                .subtract(new BigInteger(http.result("Filecoin.StateMinerAvailableBalance", "f01000", List.of())
                        .asText()))).isEqualTo(locked);
        JsonNode account = http.result("Filecoin.StateReadState", "f0100", List.of());
        assertThat(account.at("/State/Address").asText())
                .isEqualTo(http.result("Filecoin.StateAccountKey", "f0100", List.of()).asText());

        long nv = http.result("Filecoin.StateNetworkVersion", List.of()).asLong();
        JsonNode codes = http.result("Filecoin.StateActorCodeCIDs", nv);
        assertThat(codes.get("storageminer")).isEqualTo(actor.get("Code"));
        assertThat(codes.get("account")).isEqualTo(account.get("Code"));
        assertThat(codes.size()).isEqualTo(16);

        String missingTipset = "bafy2bzacebp3shtrn43k7g3unredz7fxn4gj533d3o43tqn2p2ipxxhrvchve";
        String loading = http.envelope("Filecoin.ChainGetTipSet", List.of(cid(missingTipset))).at("/error/message")
                .asText();
        String unknownKey = "f1abjxfbp274xpdqcpuaykwkfb43omjotacm2p3za";
        Map<List<Object>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("Filecoin.StateReadState", "f0999", List.of()), "getting actor: actor not found");
        bad.put(List.of("Filecoin.StateReadState", unknownKey, List.of()), "getting actor: resolution lookup failed ("
                + unknownKey + "): resolve address " + unknownKey + ": actor not found");
        bad.put(List.of("Filecoin.StateReadState", "f01000", List.of(cid(missingTipset))), loading);
        bad.put(List.of("Filecoin.StateActorCodeCIDs", 99), "invalid network version 99: unsupported network"
                + " version 99");
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            assertRefused(http, ws, bad);
        }
        JsonNode malformed = http.envelope("Filecoin.StateReadState", "x01000", List.of());
        assertThat(malformed.at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(malformed.at("/error/message").asText()).endsWith(": unknown address network");
        assertThat(http.envelope("Filecoin.StateActorCodeCIDs", "28").at("/error/code").asInt()).isEqualTo(-32700);
    }

    /**
     * MinerGetBaseInfo: null until the miner has an active sector; then the challenged sector is one of its active
     * sectors, the power is StateMinerPower's at the Winning PoSt lookback, the beacon entries are the blocks';
     * Lotus's errors for a tipset key of no tipset and a malformed address, alike over HTTP and WebSocket.
     */
    @Test
    void minerBaseInfoChallengesAnActiveSectorWithTheLookbackPower() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        RawRpc http = new RawRpc(full.httpUri(), full.adminToken());
        assertThat(http.result("Filecoin.MinerGetBaseInfo", "f01000", 1, List.of()).isNull()).isTrue();
        s.client().miner().pledgeSector();
        JsonNode active = RawRpc.NODES.arrayNode();
        for (int i = 0; i < 200 && active.isEmpty(); i++) {
            s.advance(50);
            active = http.result("Filecoin.StateMinerActiveSectors", "f01000", List.of());
        }
        assertThat(active).as("a sector became active").isNotEmpty();
        s.advance(20);
        JsonNode head = http.result("Filecoin.ChainHead");
        long h = head.get("Height").asLong();
        JsonNode info = http.result("Filecoin.MinerGetBaseInfo", "f01000", h + 1, head.get("Cids"));
        assertThat(info.at("/Sectors/0/SectorNumber")).isEqualTo(active.get(0).get("SectorNumber"));
        assertThat(info.at("/Sectors/0/SealedCID")).isEqualTo(active.get(0).get("SealedCID"));
        assertThat(info.get("SectorSize").asLong()).isEqualTo(2048);
        assertThat(info.get("WorkerKey").asText())
                .isEqualTo(http.result("Filecoin.StateAccountKey", "f0100", List.of()).asText());
        JsonNode lookback = http.result("Filecoin.ChainGetTipSetByHeight", h + 1 - 10, List.of()).get("Cids");
        JsonNode power = http.result("Filecoin.StateMinerPower", "f01000", lookback);
        assertThat(info.get("MinerPower")).isEqualTo(power.at("/MinerPower/QualityAdjPower"));
        assertThat(info.get("NetworkPower")).isEqualTo(power.at("/TotalPower/QualityAdjPower"));
        assertThat(info.get("EligibleForMining")).isEqualTo(power.get("HasMinPower"));
        assertThat(info.get("PrevBeaconEntry")).isEqualTo(head.at("/Blocks/0/BeaconEntries/0"));
        assertThat(info.get("BeaconEntries")).hasSize(1);
        s.advance(1);
        assertThat(info.at("/BeaconEntries/0")).as("the entry the next block carries")
                .isEqualTo(http.result("Filecoin.ChainHead").at("/Blocks/0/BeaconEntries/0"));
        assertThat(http.result("Filecoin.MinerGetBaseInfo", "f0999", h + 1, List.of()).isNull()).isTrue();

        String missingTipset = "bafy2bzacebp3shtrn43k7g3unredz7fxn4gj533d3o43tqn2p2ipxxhrvchve";
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            List<Object> params = List.of("f01000", h + 1, List.of(cid(missingTipset)));
            JsonNode overHttp = http.envelope("Filecoin.MinerGetBaseInfo", params.toArray());
            assertThat(overHttp.at("/error/message").asText()).isEqualTo("failed to load tipset for mining base: "
                    + "get block " + missingTipset + ": ipld: could not find " + missingTipset);
            assertThat(viaWebSocket(ws, "Filecoin.MinerGetBaseInfo", params).get("error"))
                    .isEqualTo(overHttp.get("error"));
            JsonNode malformed = http.envelope("Filecoin.MinerGetBaseInfo", "x01000", 1, List.of());
            assertThat(malformed.at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(viaWebSocket(ws, "Filecoin.MinerGetBaseInfo", List.of("x01000", 1, List.of())).get("error"))
                    .isEqualTo(malformed.get("error"));
        }
    }

    @Test
    void discoverListsExactlyTheServedMethodsLotusDocuments() {
        FullNode full = sim.get().fullNode();
        JsonNode d = new RawRpc(full.httpUri(), full.adminToken()).result("Filecoin.Discover");
        Set<String> names = new TreeSet<>();
        d.get("methods").forEach(m -> names.add(m.get("name").asText()));
        Set<String> servedAndDocumented = new TreeSet<>(served());
        servedAndDocumented.retainAll(doc.methodNames());
        assertThat(names).isEqualTo(servedAndDocumented);
        assertThat(served()).containsAll(names);
        assertThat(d.get("info").get("version").asText()).isEqualTo("v1.36.2-dev");
    }

    @Test
    void permissionsAreLotusOnBothPaths() throws Exception {
        FullNode full = sim.get().fullNode();
        for (String path : List.of(FullNode.V1, FullNode.V0)) {
            URI uri = URI.create("http://127.0.0.1:" + full.port() + path);
            RawRpc read = new RawRpc(uri, full.token(Permission.READ));
            assertThat(read.result("Filecoin.ChainHead").get("Height").asLong()).isZero();
            JsonNode denied = read.envelope("Filecoin.AuthNew", List.of("read"));
            assertThat(denied.get("error").toString())
                    .isEqualTo("{\"code\":1,\"message\":\"missing permission to invoke 'AuthNew' (need 'admin')\"}");
            RawRpc admin = new RawRpc(uri, full.adminToken());
            String token = new String(java.util.Base64.getDecoder().decode(
                    admin.result("Filecoin.AuthNew", List.of("read", "write")).asText()),
                    java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(admin.result("Filecoin.AuthVerify", token).toString()).isEqualTo("[\"read\",\"write\"]");
            JsonNode version = read.result("Filecoin.Version");
            // v0 is Lotus's wrapper of v1, which reports FullAPIVersion0
            assertThat(version.get("APIVersion").asLong())
                    .isEqualTo(path.equals(FullNode.V0) ? (1L << 16) | (5 << 8) : (2L << 16) | (3 << 8));
            assertThat(version.get("BlockDelay").asLong()).isEqualTo(4);
            assertThat(read.result("Filecoin.Session").asText()).matches("[0-9a-f-]{36}");
        }
        // the miner's token is signed with the miner's secret: not the full node's
        RawRpc minerToken = new RawRpc(full.httpUri(), sim.get().adminToken());
        assertThat(minerToken.envelopeStatus("Filecoin.ChainHead")).isEqualTo(401);
    }

    @Test
    void badInputGetsGoJsonRpcsErrorsWithoutJavaText() {
        FullNode full = sim.get().fullNode();
        RawRpc rpc = new RawRpc(full.httpUri(), full.adminToken());
        List<JsonNode> answers = new ArrayList<>();
        answers.add(rpc.envelope("Filecoin.NoSuchMethod"));
        assertThat(answers.get(0).get("error").toString())
                .isEqualTo("{\"code\":-32601,\"message\":\"method 'Filecoin.NoSuchMethod' not found\"}");
        answers.add(rpc.envelope("Filecoin.StateMinerInfo", "x01000", List.of()));
        assertThat(answers.get(1).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(answers.get(1).at("/error/message").asText()).endsWith(": unknown address network");
        answers.add(rpc.envelope("Filecoin.StateMinerInfo", "f91000", List.of()));
        assertThat(answers.get(2).at("/error/message").asText()).endsWith(": unknown address protocol");
        answers.add(rpc.envelope("Filecoin.StateMinerInfo", "f0abc", List.of()));
        assertThat(answers.get(3).at("/error/message").asText()).endsWith(": invalid address payload");
        answers.add(rpc.envelope("Filecoin.StateMinerInfo", 1000, List.of()));
        assertThat(answers.get(4).at("/error/code").asInt()).isEqualTo(-32700);
        answers.add(rpc.envelope("Filecoin.StateMinerPartitions", "f01000", -1, List.of()));
        assertThat(answers.get(5).at("/error/code").asInt()).isEqualTo(-32700);
        answers.add(rpc.envelope("Filecoin.ChainGetTipSet", List.of(cid("notacid"))));
        assertThat(answers.get(6).at("/error/code").asInt()).isEqualTo(-32700);
        answers.add(rpc.envelope("Filecoin.ChainNotify"));
        assertThat(answers.get(7).get("error").toString()).isEqualTo("{\"code\":-32601,\"message\":\"method "
                + "'Filecoin.ChainNotify' not supported in this mode (no out channel support)\"}");
        answers.add(rpc.envelope("Filecoin.StateMinerInfo", "f01000"));
        assertThat(answers.get(8).at("/error/code").asInt()).isEqualTo(-32602);
        for (JsonNode a : answers) {
            assertThat(a.toString()).doesNotContain("java.", "Exception", "io.minersim", "<html");
        }
    }

    @Test
    void chainNotifySendsTheCurrentHeadThenEachApply() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { })) {
            ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ChainNotify\",\"params\":[]}");
            JsonNode opened = RawRpc.JSON.readTree(ws.next(Duration.ofSeconds(10)));
            long channel = opened.get("result").asLong();
            JsonNode current = RawRpc.JSON.readTree(ws.next(Duration.ofSeconds(10)));
            assertThat(current.get("method").asText()).isEqualTo("xrpc.ch.val");
            assertThat(current.at("/params/0").asLong()).isEqualTo(channel);
            assertThat(current.at("/params/1").size()).isEqualTo(1);
            assertThat(current.at("/params/1/0/Type").asText()).isEqualTo("current");
            assertThat(current.at("/params/1/0/Val/Height").asLong()).isZero();
            JsonNode tipsetSchema = errata.correct("Filecoin.ChainHead", doc.rawResultSchema("Filecoin.ChainHead"));
            assertThat(doc.problems(tipsetSchema, current.at("/params/1/0/Val"))).isEmpty();
            s.advance(1);
            JsonNode apply = RawRpc.JSON.readTree(ws.next(Duration.ofSeconds(10)));
            assertThat(apply.at("/params/1/0/Type").asText()).isEqualTo("apply");
            assertThat(apply.at("/params/1/0/Val/Height").asLong()).isEqualTo(1);
            s.advance(3);
            List<Long> heights = new ArrayList<>();
            while (heights.isEmpty() || heights.get(heights.size() - 1) < 4) {
                JsonNode next = RawRpc.JSON.readTree(ws.next(Duration.ofSeconds(10)));
                next.at("/params/1").forEach(h -> {
                    assertThat(h.get("Type").asText()).isEqualTo("apply");
                    heights.add(h.at("/Val/Height").asLong());
                });
            }
            assertThat(heights).containsExactly(2L, 3L, 4L);
        }
    }
}
