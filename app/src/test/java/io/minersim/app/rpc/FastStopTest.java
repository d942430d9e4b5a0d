package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.node.MinerNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the server is prompt, as Go's {@code http.Server.Shutdown} is: idle keep-alive connections are
 * closed at once (Jetty's graceful stop used to leave them a second), while a call in flight still gets its
 * answer before its connection closes.
 */
class FastStopTest {
    private static final String VERSION = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Version\",\"params\":[]}";

    @Test
    void anIdleKeepAliveConnectionDoesNotDelayTheStop() throws Exception {
        RpcFixture f = new RpcFixture().start();
        try (Socket idle = new Socket("127.0.0.1", f.server.port())) {
            idle.setSoTimeout(5_000);
            post(idle, VERSION);
            assertThat(readResponse(idle.getInputStream())).contains("\"result\"");

            long t0 = System.nanoTime();
            f.close();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(stopMillis).as("stop with an idle keep-alive connection open (was about 1000 ms)")
                    .isLessThan(300);
            assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void aNodeWithAnIdleKeepAliveConnectionClosesPromptly() throws Exception {
        MinerNode node = MinerNode.builder().manualClock(true).listen("127.0.0.1", 0).start();
        try (Socket idle = new Socket("127.0.0.1", node.port())) {
            idle.setSoTimeout(5_000);
            post(idle, VERSION);
            assertThat(readResponse(idle.getInputStream())).contains("\"result\"");

            long t0 = System.nanoTime();
            node.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(300);
            assertThat(node.awaitStop(0, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCallInFlightStillGetsItsAnswer() throws Exception {
        RpcFixture f = new RpcFixture().start();
        try (Socket idle = new Socket("127.0.0.1", f.server.port());
                Socket busy = new Socket("127.0.0.1", f.server.port())) {
            idle.setSoTimeout(5_000);
            busy.setSoTimeout(5_000);
            post(idle, VERSION);
            readResponse(idle.getInputStream());
            int before = f.impl.sleepsStarted();
            post(busy, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"Filecoin.Sleep\",\"params\":[400]}");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (f.impl.sleepsStarted() == before && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(f.impl.sleepsStarted()).as("the call is running").isGreaterThan(before);

            long t0 = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(f::close);
            String answer = readResponse(busy.getInputStream());
            long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            stop.get(10, TimeUnit.SECONDS);

            assertThat(answer).endsWith("{\"id\":7,\"jsonrpc\":\"2.0\",\"result\":400}\n");
            assertThat(answeredMillis).isLessThan(2_000);
            assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        }
    }

    private static void post(Socket s, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    /** One HTTP/1.1 response with a Content-Length, read to its end; headers and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
