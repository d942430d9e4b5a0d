package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.app.testing.WsClient;
import io.minersim.rpc.FullNodeClient;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.SignedMessage;
import io.minersim.sealing.SectorSize;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * StateWaitMsg never holds a thread for nothing: as Lotus's {@code WaitForMessage}, a CID the node does not hold
 * and a confidence above finality fail at once; a call waiting for a message that does not land ends when its
 * client goes away, over HTTP and over WebSocket; and only {@link FullNodeApiImpl#MAX_WAITING} calls wait at once.
 */
class StateWaitMsgReleaseTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String UNKNOWN = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4";

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(5));

    private static String pendingMessage(MinerSimulator s, MinerClient miner, FullNodeClient client) {
        miner.miner().pledgeSector();
        for (int i = 0; i < 300; i++) {
            s.advance(1);
            List<SignedMessage> pool = client.fullNode().mpoolPending(null);
            if (!pool.isEmpty()) {
                return pool.get(0).cid().value();
            }
        }
        throw new AssertionError("no message reached the pool");
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin." + method + "\",\"params\":" + params + "}";
    }

    @Test
    void anUnknownMessageOrTooHighAConfidenceFailsAtOnceOverBothTransports(MinerSimulator s) throws Exception {
        FullNode full = s.fullNode();
        String wait = call("StateWaitMsg", "[{\"/\":\"" + UNKNOWN + "\"},5,-1,true]");
        String search = call("StateSearchMsg", "[[],{\"/\":\"" + UNKNOWN + "\"},-1,true]");
        String tooSure = call("StateWaitMsg", "[{\"/\":\"" + UNKNOWN + "\"},901,-1,true]");
        String notFound = "{\"code\":1,\"message\":\"failed to load message: ipld: could not find " + UNKNOWN + "\"}";
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            for (String[] c : new String[][] {{wait, notFound}, {search, notFound},
                    {tooSure, "{\"code\":1,\"message\":\"message confidence exceeds maximum: 901 \\u003e 900\"}"}}) {
                String overHttp = post(full, c[0]);
                assertThat(overHttp).contains("\"error\":" + c[1]);
                ws.send(c[0]);
                assertThat(ws.next(Duration.ofSeconds(10))).contains("\"error\":" + c[1]);
            }
        }
        assertThat(((FullNodeApiImpl) full.api()).waitingCalls()).isZero();
    }

    @Test
    void aWaitingHttpCallEndsWhenItsClientGoesAway(MinerSimulator s, MinerClient miner, FullNodeClient client)
            throws Exception {
        FullNode full = s.fullNode();
        FullNodeApiImpl api = (FullNodeApiImpl) full.api();
        String cid = pendingMessage(s, miner, client);
        String body = call("StateWaitMsg", "[{\"/\":\"" + cid + "\"},800,-1,true]");
        try (Socket socket = new Socket("127.0.0.1", full.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /rpc/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitCount(api::waitingCalls, 1);
        }
        awaitCount(api::waitingCalls, 0);
        // the node still answers, and a new wait for a landed message returns
        assertThat(client.fullNode().chainHead()).isNotNull();
    }

    @Test
    void waitingWebSocketCallsAreBoundedAndEndWhenTheConnectionCloses(MinerSimulator s, MinerClient miner,
            FullNodeClient client) throws Exception {
        FullNode full = s.fullNode();
        FullNodeApiImpl api = (FullNodeApiImpl) full.api();
        String cid = pendingMessage(s, miner, client);
        try (WsClient ws = WsClient.connect(HTTP, full.webSocketUri(), f -> { }, "Authorization",
                "Bearer " + full.adminToken())) {
            for (int i = 0; i < FullNodeApiImpl.MAX_WAITING; i++) {
                ws.send("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"Filecoin.StateWaitMsg\","
                        + "\"params\":[{\"/\":\"" + cid + "\"},800,-1,true]}");
            }
            awaitCount(api::waitingCalls, FullNodeApiImpl.MAX_WAITING);
            // one more, over HTTP: refused at once, in go-jsonrpc's form
            String refused = post(full, call("StateWaitMsg", "[{\"/\":\"" + cid + "\"},800,-1,true]"));
            assertThat(refused).contains("\"error\":{\"code\":1,\"message\":\"too many StateWaitMsg calls waiting ("
                    + FullNodeApiImpl.MAX_WAITING + "); try again later\"}");
        }
        awaitCount(api::waitingCalls, 0);
    }

    private static String post(FullNode full, String body) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(full.httpUri())
                .header("Authorization", "Bearer " + full.adminToken())
                .timeout(Duration.ofSeconds(30))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitCount(IntSupplier count, int want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count.getAsInt() != want && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count.getAsInt()).isEqualTo(want);
    }
}
