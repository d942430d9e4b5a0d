package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Part of the heap defect: a body larger than the limit was buffered whole (the limit plus one byte) before it was
 * refused. It is now refused while it streams in: at once when its Content-Length is over the limit, as soon as
 * its bytes pass it otherwise; and the bodies being read share one budget of buffered bytes.
 */
class BodyLimitTest {
    private static final int LIMIT = 1 << 20;
    private static final String TOO_BIG = "{\"error\":{\"code\":-32700,\"message\":\"request bigger than maximum "
            + LIMIT + " allowed\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n";

    private static String readAnswer(Socket s, Duration within) throws IOException {
        s.setSoTimeout((int) within.toMillis());
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[4096];
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            int head = got.indexOf("\r\n\r\n");
            if (head > 0 && got.toString().endsWith("\n") && got.length() > head + 4) {
                break;
            }
        }
        return got.toString();
    }

    private static Socket open(RpcServer server, String head) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** A request for Filecoin.Echo exactly {@code size} bytes long. */
    private static byte[] echoOfSize(int size) {
        String pre = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Echo\",\"params\":[\"";
        String post = "\"]}";
        return (pre + "x".repeat(size - pre.length() - post.length()) + post).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeAByteOfItIsSent() throws Exception {
        try (RpcFixture f = new RpcFixture(Duration.ofSeconds(5), LIMIT, Duration.ofSeconds(30)).start();
                Socket s = open(f.server, "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nContent-Length: " + (200L << 20)
                        + "\r\n\r\n")) {
            long t0 = System.nanoTime();
            String answer = readAnswer(s, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\n" + TOO_BIG);
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
            assertThat(f.server.bufferedBodyBytes()).isZero();
        }
    }

    @Test
    void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        try (RpcFixture f = new RpcFixture(Duration.ofSeconds(5), LIMIT, Duration.ofSeconds(30)).start();
                Socket s = open(f.server, "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")) {
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < LIMIT / chunk.length + 1; i++) { // the limit plus one chunk, never the end
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            String answer = readAnswer(s, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\n" + TOO_BIG);
            assertThat(f.server.bufferedBodyBytes()).isZero();
        }
    }

    @Test
    void theBodiesBeingReadShareOneBudget() throws Exception {
        RpcFixture f = new RpcFixture(Duration.ofSeconds(5), LIMIT, Duration.ofSeconds(30));
        RpcServer server = RpcServer.builder(f.dispatcher).host("127.0.0.1").port(0).auth(null)
                .maxRequestSize(LIMIT).bodyBudget(3 * LIMIT).start();
        List<Socket> held = new ArrayList<>();
        try {
            byte[] body = echoOfSize(LIMIT);
            for (int i = 0; i < 3; i++) { // three bodies of the limit, 900 KiB of each sent: the budget is held
                Socket s = open(server, "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nContent-Length: " + LIMIT + "\r\n\r\n");
                s.getOutputStream().write(body, 0, 900 * 1024);
                held.add(s);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.bufferedBodyBytes() < 3L * 900 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            // what arrived, in segments grown by doubling: 1008 KiB each, less than a segment past 900 KiB
            assertThat(server.bufferedBodyBytes()).isBetween(3L * 900 * 1024, 3L * LIMIT);
            try (Socket fourth = open(server, "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nContent-Length: " + LIMIT
                    + "\r\n\r\n")) {
                fourth.getOutputStream().write(body, 0, 64 * 1024);
                assertThat(readAnswer(fourth, Duration.ofSeconds(5))).startsWith("HTTP/1.1 500 ")
                        .endsWith("\r\n\r\n{\"error\":{\"code\":-32700,\"message\":\"reading request: the server is "
                                + "reading " + 3 * LIMIT + " bytes of requests already; try again\"},\"id\":null,"
                                + "\"jsonrpc\":\"2.0\"}\n");
            }
            for (Socket s : held) { // the three finish their bodies and are answered
                s.getOutputStream().write(body, 900 * 1024, LIMIT - 900 * 1024);
                assertThat(readAnswer(s, Duration.ofSeconds(10))).startsWith("HTTP/1.1 200 ");
            }
            assertThat(server.bufferedBodyBytes()).isZero();
        } finally {
            for (Socket s : held) {
                s.close();
            }
            server.stop();
        }
    }
}
