package io.minersim.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.fullnode.FullNode;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.app.testing.WsClient;
import io.minersim.sealing.SectorSize;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The full node's {@code /rpc/v0} takes Lotus's v0 signatures where v0 differs from v1 ({@code api/v0api/full.go},
 * served through {@code v0api.WrapperV1Full}), and {@code /rpc/v1} keeps v1's: each call is made over HTTP and over
 * WebSocket on both paths, and the two transports must answer alike.
 */
class FullNodeV0ContractTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(11));

    private final LotusOpenRpc doc = LotusOpenRpc.load(FullNodeContractTest.RESOURCE);
    private final LotusSchemaErrata errata = new LotusSchemaErrata().forFullNode();

    /** One endpoint path over both transports. */
    private final class Path implements AutoCloseable {
        private final RawRpc http;
        private final WsClient ws;

        Path(FullNode full, String path) throws Exception {
            this.http = new RawRpc(URI.create("http://127.0.0.1:" + full.port() + path), full.adminToken());
            this.ws = WsClient.connect(HTTP, URI.create("ws://127.0.0.1:" + full.port() + path), f -> { },
                    "Authorization", "Bearer " + full.adminToken());
        }

        /** The HTTP envelope, after checking that WebSocket answered the same result or error. */
        JsonNode call(String method, Object... params) throws Exception {
            JsonNode overHttp = http.envelope(method, params);
            JsonNode overWs = FullNodeContractTest.viaWebSocket(ws, method, Arrays.asList(params));
            assertThat(overWs.get("result")).as("%s over WebSocket", method).isEqualTo(overHttp.get("result"));
            assertThat(overWs.get("error")).as("%s over WebSocket", method).isEqualTo(overHttp.get("error"));
            return overHttp;
        }

        JsonNode result(String method, Object... params) throws Exception {
            JsonNode env = call(method, params);
            assertThat(env.has("error")).as("%s failed: %s", method, env).isFalse();
            return env.get("result");
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    @Test
    void v0TakesV0sMessageSignaturesAndV1KeepsV1s() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        try (Path v0 = new Path(full, FullNode.V0); Path v1 = new Path(full, FullNode.V1)) {
            s.client().miner().pledgeSector();
            String cid = firstPending(s, v1);
            ObjectNode msg = RawRpc.NODES.objectNode().put("/", cid);
            ArrayNode head = RawRpc.NODES.arrayNode();

            // not landed yet: null on both paths, each in its own form
            assertThat(v0.result("Filecoin.StateSearchMsg", msg).isNull()).isTrue();
            assertThat(v0.result("Filecoin.StateGetReceipt", msg, head).isNull()).isTrue();
            assertThat(v1.result("Filecoin.StateSearchMsg", head, msg, -1, true).isNull()).isTrue();

            JsonNode landed = RawRpc.NODES.nullNode();
            for (int i = 0; i < 300 && landed.isNull(); i++) {
                s.advance(1);
                landed = v1.result("Filecoin.StateSearchMsg", head, msg, -1, true);
            }
            assertThat(landed.isNull()).as("the message landed").isFalse();
            JsonNode lookupSchema = errata.correct("Filecoin.StateSearchMsg",
                    doc.rawResultSchema("Filecoin.StateSearchMsg"));
            s.advance(3);
            JsonNode v1Lookup = v1.result("Filecoin.StateSearchMsg", head, msg, -1, true);

            // v0: one CID param; the same lookup as v1's search from the head without limit
            JsonNode v0Lookup = v0.result("Filecoin.StateSearchMsg", msg);
            assertThat(v0Lookup).isEqualTo(v1Lookup);
            assertThat(doc.problems(lookupSchema, v0Lookup)).isEmpty();
            // v0's limited forms: a limit short of the message's tipset finds nothing
            assertThat(v0.result("Filecoin.StateSearchMsgLimited", msg, 1).isNull()).isTrue();
            assertThat(v0.result("Filecoin.StateSearchMsgLimited", msg, 100)).isEqualTo(v1Lookup);
            assertThat(v1.result("Filecoin.StateSearchMsg", head, msg, 1, true).isNull()).isTrue();
            // v0's wait: (cid, confidence), and the limited form
            assertThat(v0.result("Filecoin.StateWaitMsg", msg, 2)).isEqualTo(v1Lookup);
            assertThat(v0.result("Filecoin.StateWaitMsgLimited", msg, 2, 100)).isEqualTo(v1Lookup);
            assertThat(v1.result("Filecoin.StateWaitMsg", msg, 2, -1, true)).isEqualTo(v1Lookup);
            // v0's receipt
            assertThat(v0.result("Filecoin.StateGetReceipt", msg, head)).isEqualTo(v1Lookup.get("Receipt"));

            // each path refuses the other's form as go-jsonrpc does
            assertWrongParamCount(v0.call("Filecoin.StateSearchMsg", head, msg, -1, true), "Filecoin.StateSearchMsg",
                    4, 1);
            assertWrongParamCount(v1.call("Filecoin.StateSearchMsg", msg), "Filecoin.StateSearchMsg", 1, 4);
            assertWrongParamCount(v0.call("Filecoin.StateWaitMsg", msg, 0, -1, true), "Filecoin.StateWaitMsg", 4, 2);
            assertWrongParamCount(v1.call("Filecoin.StateWaitMsg", msg, 0), "Filecoin.StateWaitMsg", 2, 4);
            for (String v0Only : List.of("Filecoin.StateSearchMsgLimited", "Filecoin.StateWaitMsgLimited",
                    "Filecoin.StateGetReceipt")) {
                assertThat(v1.call(v0Only, msg, 1).get("error").toString())
                        .isEqualTo("{\"code\":-32601,\"message\":\"method '" + v0Only + "' not found\"}");
            }
        }
    }

    @Test
    void v0sPreCommitInfoFailsWhereV1AnswersNullAndVersionsDiffer() throws Exception {
        FullNode full = sim.get().fullNode();
        try (Path v0 = new Path(full, FullNode.V0); Path v1 = new Path(full, FullNode.V1)) {
            ArrayNode head = RawRpc.NODES.arrayNode();
            assertThat(v1.result("Filecoin.StateSectorPreCommitInfo", "f01000", 77, head).isNull()).isTrue();
            assertThat(v0.call("Filecoin.StateSectorPreCommitInfo", "f01000", 77, head).get("error").toString())
                    .isEqualTo("{\"code\":1,\"message\":\"precommit info does not exist\"}");
            JsonNode version0 = v0.result("Filecoin.Version");
            JsonNode version1 = v1.result("Filecoin.Version");
            assertThat(version0.get("APIVersion").asLong()).isEqualTo((1L << 16) | (5 << 8)); // FullAPIVersion0
            assertThat(version1.get("APIVersion").asLong()).isEqualTo((2L << 16) | (3 << 8)); // FullAPIVersion1
            assertThat(version0.get("Version")).isEqualTo(version1.get("Version"));
            // methods v0 shares with v1 answer alike on both paths
            assertThat(v0.result("Filecoin.StateMinerSectorCount", "f01000", head))
                    .isEqualTo(v1.result("Filecoin.StateMinerSectorCount", "f01000", head));
            assertThat(v0.result("Filecoin.ChainHead")).isEqualTo(v1.result("Filecoin.ChainHead"));
        }
    }

    /** The node, wallet, market and actor-state methods v0 shares with v1 answer alike on both paths. */
    @Test
    void walletSyncNetMarketAndActorStateAnswerAlikeOnV0AndV1() throws Exception {
        MinerSimulator s = sim.get();
        FullNode full = s.fullNode();
        try (Path v0 = new Path(full, FullNode.V0); Path v1 = new Path(full, FullNode.V1)) {
            s.client().miner().pledgeSector();
            String cid = firstPending(s, v1);
            ArrayNode head = RawRpc.NODES.arrayNode();
            long nv = v1.result("Filecoin.StateNetworkVersion", head).asLong();
            List<List<Object>> calls = List.of(List.of("Filecoin.WalletList"), List.of("Filecoin.WalletDefaultAddress"),
                    List.of("Filecoin.SyncState"), List.of("Filecoin.ID"), List.of("Filecoin.NetPeers"),
                    List.of("Filecoin.NetAutoNatStatus"), List.of("Filecoin.NetBandwidthStats"),
                    List.of("Filecoin.NetBandwidthStatsByProtocol"),
                    List.of("Filecoin.ChainGetMessage", RawRpc.NODES.objectNode().put("/", cid)),
                    List.of("Filecoin.StateMarketBalance", "f01000", head),
                    List.of("Filecoin.StateVerifiedClientStatus", "f0100", head),
                    List.of("Filecoin.StateReadState", "f01000", head),
                    List.of("Filecoin.StateActorCodeCIDs", nv),
                    List.of("Filecoin.MinerGetBaseInfo", "f01000", 5, head));
            for (List<Object> c : calls) {
                Object[] params = c.subList(1, c.size()).toArray();
                String method = (String) c.get(0);
                assertThat(v0.result(method, params)).as(method).isEqualTo(v1.result(method, params));
            }
            JsonNode missing = v0.call("Filecoin.StateMarketStorageDeal", 5, head);
            assertThat(missing.get("error")).isEqualTo(v1.call("Filecoin.StateMarketStorageDeal", 5, head)
                    .get("error"));
        }
    }

    /** Advances the clock until the pool holds a message; its CID. */
    private static String firstPending(MinerSimulator s, Path v1) throws Exception {
        for (int i = 0; i < 300; i++) {
            s.advance(1);
            JsonNode pool = v1.result("Filecoin.MpoolPending", RawRpc.NODES.arrayNode());
            if (!pool.isEmpty()) {
                return pool.get(0).at("/CID/~1").asText();
            }
        }
        throw new AssertionError("no message reached the pool");
    }

    private static void assertWrongParamCount(JsonNode envelope, String method, int got, int want) {
        assertThat(envelope.at("/error/code").asInt()).as("%s", envelope).isEqualTo(-32602);
        assertThat(envelope.at("/error/message").asText())
                .isEqualTo("wrong param count (method '" + method + "'): " + got + " != " + want);
    }
}
