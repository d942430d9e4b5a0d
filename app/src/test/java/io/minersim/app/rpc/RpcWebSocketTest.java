package io.minersim.app.rpc;

import io.minersim.app.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only applies to WebSocket connections (wire-facts b.7). */
class RpcWebSocketTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture(Duration.ofMillis(200), GoJson.DEFAULT_MAX_REQUEST_SIZE, Duration.ofSeconds(30));

    private static String call(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    @Test
    void framesThatDoNotDecodeAreDroppedSilently() throws Exception {
        try (WsClient c = f.ws()) {
            for (String bad : new String[] {"{", "nonsense", "[" + call(1, "Filecoin.Echo", "[\"a\"]") + "]",
                    call("true", "Filecoin.Echo", "[\"a\"]"), call(1, "Filecoin.Echo", "[\"a\"]") + " x",
                    "{\"id\":1,\"method\":5}", "{\"id\":1,\"result\":\"a response\"}"}) {
                c.send(bad);
            }
            assertThat(c.next(Duration.ofMillis(500))).isNull();
            c.send(call(2, "Filecoin.Echo", "[\"still alive\"]"));
            assertThat(c.next()).isEqualTo("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":\"still alive\"}\n");
        }
    }

    @Test
    void permessageDeflateIsNotNegotiatedAsGoJsonrpcNegotiatesNone() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            java.util.List<String> head = new java.util.ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            assertThat(head.get(0)).isEqualTo("HTTP/1.1 101 Switching Protocols");
            assertThat(head).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-extensions"));
        }
    }

    @Test
    void binaryFramesAreAcceptedToo() throws Exception {
        try (WsClient c = f.ws()) {
            c.sendBinary(call(1, "Filecoin.Echo", "[\"bin\"]"));
            assertThat(c.next()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"bin\"}\n");
        }
    }

    @Test
    void callsRunConcurrentlyAndAnswerByIdOutOfOrder() throws Exception {
        try (WsClient c = f.ws()) {
            c.send(call(1, "Filecoin.Sleep", "[700]"));
            c.send(call("\"two\"", "Filecoin.Echo", "[\"fast\"]"));
            assertThat(c.next()).isEqualTo("{\"id\":\"two\",\"jsonrpc\":\"2.0\",\"result\":\"fast\"}\n");
            assertThat(c.next()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":700}\n");
        }
    }

    @Test
    void xrpcCancelInterruptsARunningCall() throws Exception {
        try (WsClient c = f.ws()) {
            long t0 = System.nanoTime();
            c.send(call(5, "Filecoin.Sleep", "[30000]"));
            Thread.sleep(200);
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"xrpc.cancel\",\"params\":[5]}");
            assertThat(c.next()).isEqualTo("{\"error\":{\"code\":1,\"message\":\"context canceled\"},\"id\":5,"
                    + "\"jsonrpc\":\"2.0\"}\n");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            // cancelling a finished or unknown call is a no-op
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"xrpc.cancel\",\"params\":[5]}");
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"xrpc.cancel\",\"params\":[]}");
            c.send(call(6, "Filecoin.Echo", "[\"ok\"]"));
            assertThat(c.next()).isEqualTo("{\"id\":6,\"jsonrpc\":\"2.0\",\"result\":\"ok\"}\n");
        }
    }

    @Test
    void theServerPings() throws Exception {
        try (WsClient c = f.ws()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (c.pings.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(c.pings.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aChannelIsAnsweredWithItsIdAndClosedWhenItsValueCompletes() throws Exception {
        try (WsClient c = f.ws()) {
            c.send(call(1, "Filecoin.Closing", "[]"));
            String first = c.next();
            assertThat(first).matches("\\{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":[0-9]+\\}\n");
            String chId = first.replaceAll(".*\"result\":([0-9]+).*\n", "$1");
            // no value is ever sent
            assertThat(c.next(Duration.ofMillis(300))).isNull();
            // channel ids count per connection from 1
            c.send(call(2, "Filecoin.Closing", "[]"));
            assertThat(c.next()).isEqualTo("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":" + (Long.parseLong(chId) + 1)
                    + "}\n");
        }
    }

    @Test
    void theRequestedSubProtocolIsEchoed() throws Exception {
        WsClient c = new WsClient(RpcFixture.SEEN::add);
        c.socket = f.http.newWebSocketBuilder().subprotocols("jsonrpc")
                .buildAsync(URI.create("ws://127.0.0.1:" + f.server.port() + "/rpc/v0"), c.listener())
                .get(10, TimeUnit.SECONDS);
        try (c) {
            assertThat(c.socket.getSubprotocol()).isEqualTo("jsonrpc");
        }
    }

    @Test
    void channelsAreClosedWhenTheServerStops() throws Exception {
        try (RpcFixture own = new RpcFixture().start()) {
            WsClient c = own.ws();
            c.send(call(1, "Filecoin.Closing", "[]"));
            assertThat(c.next()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":1}\n");
            own.server.stop();
            assertThat(c.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"xrpc.ch.close\",\"params\":[1]}\n");
            assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        }
    }

    @Test
    void aCompletedChannelValueSendsXrpcChClose() throws Exception {
        try (RpcFixture own = new RpcFixture().start(); WsClient c = own.ws()) {
            c.send(call(1, "Filecoin.Closing", "[]"));
            assertThat(c.next()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":1}\n");
            own.impl.closing.complete(null);
            assertThat(c.next()).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"xrpc.ch.close\",\"params\":[1]}\n");
        }
    }

    @Test
    void closingTheConnectionCancelsRunningCalls() throws Exception {
        WsClient c = f.ws();
        c.send(call(1, "Filecoin.Sleep", "[30000]"));
        Thread.sleep(200);
        assertThat(f.server.openWebSockets()).isPositive();
        c.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (f.server.openWebSockets() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(f.server.openWebSockets()).isZero();
    }
}
