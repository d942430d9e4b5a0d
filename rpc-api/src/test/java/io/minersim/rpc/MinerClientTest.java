package io.minersim.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcClientException;
import com.sun.net.httpserver.HttpServer;
import io.minersim.rpc.types.ChainHead;
import io.minersim.rpc.types.SectorInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed client against a fake go-jsonrpc endpoint that records requests and answers canned responses. */
class MinerClientTest {
    private static final ObjectMapper JSON = RpcJson.newObjectMapper();

    record Recorded(String method, String path, String authorization, String contentType, JsonNode body) {}

    private HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    /** The {@code result} or {@code error} member to answer with, as JSON text; {@code "result":...} by default. */
    private volatile String answer = "\"result\":null";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rpc/v0", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(in);
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            String reply = "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(body.get("id")) + "," + answer + "}\n";
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rpc/v0");
    }

    @Test
    void sectorsStatusSendsPositionalParamsWithTheBearerTokenAndDecodesTheResult() throws Exception {
        String canned = TestResources.text("lotus/examples/SectorsStatus.result.json");
        answer = "\"result\":" + canned;
        MinerClient client = MinerClient.connect(url(), "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig");

        SectorInfo info = client.miner().sectorsStatus(9, false);

        assertThat(requests).hasSize(1);
        Recorded r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/rpc/v0");
        assertThat(r.authorization()).isEqualTo("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig");
        assertThat(r.contentType()).startsWith("application/json");
        ObjectNode body = (ObjectNode) r.body();
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.get("id").asText()).isEqualTo("1");
        assertThat(body.get("method").asText()).isEqualTo("Filecoin.SectorsStatus");
        assertThat(body.get("params")).isEqualTo(JSON.readTree("[9,false]"));
        ObjectNode withoutId = body.deepCopy();
        withoutId.remove("id");
        assertThat(withoutId).isEqualTo(JSON.readTree(
                "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.SectorsStatus\",\"params\":[9,false]}"));

        assertThat(info).isEqualTo(JSON.readValue(canned, SectorInfo.class));
        assertThat(info.sectorId()).isEqualTo(9);
        assertThat(info.state()).isEqualTo("Proving");
    }

    @Test
    void idsCountUpAndNoTokenMeansNoAuthorizationHeader() throws Exception {
        answer = "\"result\":[1,2]";
        MinerClient client = MinerClient.connect(url(), null);
        assertThat(client.miner().sectorsList()).containsExactly(1L, 2L);
        answer = "\"result\":null";
        client.miner().sectorRemove(2);
        assertThat(requests).extracting(Recorded::authorization).containsOnlyNulls();
        assertThat(requests).extracting(r -> r.body().get("id").asText()).containsExactly("1", "2");
        assertThat(requests.get(0).body().get("params")).as("a 0-arg call sends [] as the Go client does")
                .isEqualTo(JSON.readTree("[]"));
        assertThat(requests.get(1).body().get("params")).isEqualTo(JSON.readTree("[2]"));
    }

    @Test
    void nullResultsComeBackAsNull() throws Exception {
        MinerClient client = MinerClient.connect(url(), "t");
        assertThat(client.miner().sectorsListInStates(List.of("NoSuchState"))).isNull();
        assertThat(client.miner().sectorCommitFlush()).isNull();
        assertThat(client.miner().sectorTerminateFlush()).isNull();
        assertThat(requests.get(0).body().get("params")).isEqualTo(JSON.readTree("[[\"NoSuchState\"]]"));
    }

    @Test
    void goJsonRpcErrorsSurfaceWithTheirCodeEvenOnHttp500() {
        status = 500;
        answer = "\"error\":{\"code\":-32602,\"message\":\"wrong param count (method 'Filecoin.SectorsStatus'): 1 != 2\"}";
        MinerClient client = MinerClient.connect(url(), "t");
        assertThatThrownBy(() -> client.miner().sectorsStatus(9, true))
                .isInstanceOfSatisfying(JsonRpcClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("wrong param count");
                });
        status = 200;
        answer = "\"error\":{\"code\":1,\"message\":\"missing permission to invoke 'SectorRemove' (need 'admin')\"}";
        assertThatThrownBy(() -> client.miner().sectorRemove(1))
                .isInstanceOfSatisfying(JsonRpcClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(RpcErrorCodes.HANDLER_ERROR));
    }

    @Test
    void simMethodsUseTheSimNamespace() throws Exception {
        answer = "\"result\":{\"Epoch\":120,\"Timestamp\":1700003600,\"Unknown\":true}";
        MinerClient client = MinerClient.connect(url(), "t");
        assertThat(client.sim().advance(20)).isEqualTo(new ChainHead(120, 1_700_003_600L));
        assertThat(requests.get(0).body().get("method").asText()).isEqualTo("Sim.Advance");
        assertThat(requests.get(0).body().get("params")).isEqualTo(JSON.readTree("[20]"));
    }

    @Test
    void bytesAndLongsTravelAsLotusEncodesThem() throws Exception {
        answer = "\"result\":\"ZXlKaGJHYw==\"";
        MinerClient client = MinerClient.connect(url(), "t");
        assertThat(new String(client.miner().authNew(List.of("read", "write")), StandardCharsets.US_ASCII)).isEqualTo("eyJhbGc");
        answer = "\"result\":21600000000000";
        assertThat(client.miner().sectorGetSealDelay()).isEqualTo(21_600_000_000_000L);
        assertThat(requests.get(0).body().get("params")).isEqualTo(JSON.readTree("[[\"read\",\"write\"]]"));
    }

    @Test
    void provingMethodsSendLotusParamsAndDecodeTheirResults() throws Exception {
        answer = "\"result\":{\"9\":\"generating vanilla proof: sector not found\"}";
        MinerClient client = MinerClient.connect(url(), "t");
        assertThat(client.proving().checkProvable(10, List.of(new io.minersim.rpc.types.SectorRef(
                new io.minersim.rpc.types.SectorId(1000, 9), 5))))
                .containsExactly(Map.entry("9", "generating vanilla proof: sector not found"));
        assertThat(requests.get(0).body().get("method").asText()).isEqualTo("Filecoin.CheckProvable");
        assertThat(requests.get(0).body().get("params"))
                .isEqualTo(JSON.readTree("[10,[{\"ID\":{\"Miner\":1000,\"Number\":9},\"ProofType\":5}]]"));
    }

    @Test
    void operationalMethodsSendLotusParamsAndDecodeTheirResults() throws Exception {
        String cid = "bafy2bzacecys2f6saakfqge5z3rx5ywdwqthynw5i3aif2f6hdqdwjuzi3kr2";
        answer = "\"result\":{\"/\":\"" + cid + "\"}";
        MinerClient client = MinerClient.connect(url(), "t");
        assertThat(client.funds().actorWithdrawBalance(new io.minersim.rpc.types.BigIntString(
                new java.math.BigInteger("1500000000000000000"))).value()).isEqualTo(cid);
        assertThat(requests.get(0).body().get("method").asText()).isEqualTo("Filecoin.ActorWithdrawBalance");
        assertThat(requests.get(0).body().get("params")).isEqualTo(JSON.readTree("[\"1500000000000000000\"]"));

        answer = "\"result\":[\"advmgr\",\"sectors\"]";
        assertThat(client.log().logList()).containsExactly("advmgr", "sectors");
        assertThat(requests.get(1).body().get("method").asText()).isEqualTo("Filecoin.LogList");

        answer = "\"result\":{\"Size\":1024,\"PieceCID\":{\"/\":\"" + cid + "\"}}";
        assertThat(client.piece().computeDataCid(1016, new io.minersim.rpc.types.ReaderStream("null", "1016")).size())
                .isEqualTo(1024);
        assertThat(requests.get(2).body().get("params"))
                .isEqualTo(JSON.readTree("[1016,{\"Type\":\"null\",\"Info\":\"1016\"}]"));
    }

    @Test
    void storageMethodsSendLotusParamsAndDecodeTheirResults() throws Exception {
        answer = "\"result\":[{\"ID\":\"p1\",\"URLs\":[\"http://h/remote/sealed/s-t01000-9\"],"
                + "\"BaseURLs\":[\"http://h/remote\"],\"Weight\":10,\"CanSeal\":true,\"CanStore\":true,"
                + "\"Primary\":true,\"AllowTypes\":[],\"DenyTypes\":[],\"AllowMiners\":null,\"DenyMiners\":null}]";
        MinerClient client = MinerClient.connect(url(), "t");
        List<io.minersim.rpc.types.SectorStorageInfo> found = client.storage().storageFindSector(
                new io.minersim.rpc.types.SectorId(1000, 9), 2, 0, false);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("p1");
            assertThat(f.urls()).containsExactly("http://h/remote/sealed/s-t01000-9");
            assertThat(f.weight()).isEqualTo(10);
            assertThat(f.primary()).isTrue();
            assertThat(f.allowMiners()).isNull();
        });
        assertThat(requests.get(0).body().get("method").asText()).isEqualTo("Filecoin.StorageFindSector");
        assertThat(requests.get(0).body().get("params"))
                .isEqualTo(JSON.readTree("[{\"Miner\":1000,\"Number\":9},2,0,false]"));
    }

    @Test
    void rejectsNonHttpUrls() {
        assertThatThrownBy(() -> MinerClient.connect(URI.create("ws://127.0.0.1:2345/rpc/v0"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
    }
}
