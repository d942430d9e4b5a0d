package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.RawWebSocket;
import io.minersim.app.testing.WsClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory defect: a WebSocket client that sent requests and never read made the server queue every answer
 * (6,000 answers of 8 KB cost the server 315 MB of RSS, 30,000 more 783 MB more, without end). What one connection may be
 * owed is now bounded: past it the server stops reading that client's requests until it reads its answers.
 */
class WebSocketBackpressureTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture();

    private static final int REQUESTS = 6000;
    private static final String TWELVE_KB = "x".repeat(12 * 1024);

    @Test
    void aClientThatSendsAndNeverReadsIsOwedABoundedAmount() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(f.server.port(), 4096, "")) {
            OutputStream out = ws.out;
            AtomicInteger sent = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; i <= REQUESTS; i++) {
                        out.write(RawWebSocket.frame(("{\"jsonrpc\":\"2.0\",\"id\":" + i
                                + ",\"method\":\"Filecoin.Echo\",\"params\":[\"" + TWELVE_KB + "\"]}")
                                .getBytes(StandardCharsets.UTF_8)));
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            }, "never-reading-writer");
            writer.setDaemon(true);
            writer.start();

            // the client reads nothing: the server's queue for it stays bounded, and it stops reading requests
            long most = 0;
            int stalledAt = -1;
            long deadline = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                most = Math.max(most, f.server.maxWebSocketOwedBytes());
                int now = sent.get();
                if (now == stalledAt && now > 0 && most > 0) {
                    break; // no request could be sent for 200 ms while owed answers: the server has stopped reading
                }
                stalledAt = now;
            }
            most = Math.max(most, f.server.maxWebSocketOwedBytes());
            System.out.printf("a client that never reads: %d of %d requests sent, at most %d bytes owed%n",
                    sent.get(), REQUESTS, most);
            assertThat(sent.get()).as("requests sent before TCP pushed back").isLessThan(REQUESTS);
            // the bound (1 MiB), plus the answers of calls running when it was passed
            assertThat(most).as("bytes owed to the client").isGreaterThan(0).isLessThan(2L << 20);

            // meanwhile another client is answered at once
            try (WsClient other = f.ws()) {
                other.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Echo\",\"params\":[\"hi\"]}");
                assertThat(other.next(Duration.ofSeconds(5)))
                        .isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"hi\"}\n");
            }

            // once the client reads, the server reads on: every request is answered
            int answers = 0;
            ws.socket.setSoTimeout(10_000);
            long end = System.nanoTime() + 20_000_000_000L;
            while (answers < REQUESTS && System.nanoTime() < end) {
                int op = ws.skipFrame();
                if (op < 0) {
                    break;
                }
                if (op == 1) {
                    answers++;
                }
            }
            assertThat(answers).isEqualTo(REQUESTS);
            assertThat(sent.get()).isEqualTo(REQUESTS);
            assertThat(f.server.maxWebSocketOwedBytes()).isZero();
        }
    }

    @Test
    void pingsAndPongsKeepAConnectionThatDemandsItsFramesReading() throws Exception {
        try (WsClient c = f.ws()) {
            c.socket.sendPing(ByteBuffer.wrap(new byte[] {1, 2})).join();
            c.socket.sendPong(ByteBuffer.wrap(new byte[] {3})).join();
            c.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.Echo\",\"params\":[\"after a ping\"]}");
            assertThat(c.next()).isEqualTo("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":\"after a ping\"}\n");
        }
    }
}
