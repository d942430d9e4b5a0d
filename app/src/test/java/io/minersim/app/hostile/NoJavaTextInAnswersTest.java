package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java-text defect: an id such as {@code 1e99999999999} got Jetty's HTML error page naming
 * {@code java.lang.NumberFormatException}, and every failure Jetty answers itself (its parser's 400s, 414, 431,
 * 505, a WebSocket upgrade it cannot make) was an HTML page. Now every such answer, on both servers, is JSON in the
 * API's envelope: go-jsonrpc's error on the endpoint, Spacescope's on the statistics API. The plain-text answers
 * Lotus itself gives (Go's "404 page not found", gorilla's refusals of a broken upgrade, an empty 401) stay
 * byte for byte, and carry no Java text either.
 */
class NoJavaTextInAnswersTest {
    @RegisterExtension
    static final HostileFixture f = new HostileFixture();

    /** Requests Jetty's parser or upgrade refuses, or that once reached a Java exception. */
    static List<String> brokenRequests(String path) {
        String big = "a".repeat(1_100_000);
        return List.of(
                "GARBAGE\r\n\r\n",
                "GET " + path + " HTTP/9.9\r\nHost: x\r\n\r\n",
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "GET " + path + " HTTP/1.1\r\nHost: x\r\nX: \u0001\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: x\r\nX: " + big + "\r\n\r\n",
                "GET " + path + "?" + big + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\n\r\n",
                "GET http://elsewhere" + path + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET %zz HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n",
                "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n\r\n",
                "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                "BREW " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    private static void check(int port, String request, boolean rpc) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        String raw = Hostile.raw(port, bytes, Duration.ofMillis(250));
        if (raw.isEmpty()) {
            // nothing within the short quiet time: a loaded machine, not yet an unanswered request; ask once more,
            // waiting longer (a server that never answers still fails below)
            raw = Hostile.raw(port, bytes, Duration.ofSeconds(5));
        }
        String what = (rpc ? "endpoint: " : "statistics: ") + request.substring(0, Math.min(80, request.length()));
        assertThat(Hostile.assertAnswers(what, raw, rpc)).as("%s got an answer: %s", what, raw).isPositive();
    }

    @Test
    void jettysOwnFailuresAreJsonOnTheEndpoint() throws Exception {
        for (String path : List.of("/rpc/v0", "/rpc/v1", "/rpc/streams/v0/push/x")) {
            for (String request : brokenRequests(path)) {
                check(f.rpcPort(), request, true);
            }
        }
    }

    @Test
    void jettysOwnFailuresAreJsonOnTheStatisticsApi() throws Exception {
        for (String path : List.of("/storage_provider/sector/total", "/nowhere")) {
            for (String request : brokenRequests(path)) {
                check(f.statsPort(), request, false);
            }
        }
        String raw = Hostile.raw(f.statsPort(), "GET /storage_provider/sector/total HTTP/1.1\r\nHost: x\r\nX: \u0001"
                + "\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400 ");
        assertThat(Hostile.bodyOf(raw)).matches("\\{\"request_id\":\"[0-9a-f-]{36}#\\d+\",\"code\":40000,"
                + "\"message\":\"Bad Request: Illegal character CNTL=0x1\",\"data\":null}");
    }

    @Test
    void anIdWithAHugeExponentIsAGoParseError() throws Exception {
        for (String id : List.of("1e99999999999", "-1e99999999999", "0e-99999999999", "1e-99999999999",
                "123456789e999999999999999999999", "[1e400]", "{\"a\":-1e400}")) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"Filecoin.SectorsSummary\"}";
            String raw = Hostile.raw(f.rpcPort(), ("POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(500));
            Hostile.assertNoJavaText(id, raw);
            JsonNode n = Hostile.assertJson(id, Hostile.bodyOf(raw));
            assertThat(n.get("jsonrpc").asText()).isEqualTo("2.0");
        }
    }

    @Test
    void theEndpointsGoTextsStayAsLotusAnswers() throws Exception {
        String raw = Hostile.raw(f.rpcPort(), "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 404 ").endsWith("\r\n\r\n404 page not found\n");
        raw = Hostile.raw(f.rpcPort(), "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer forged\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        assertThat(raw).startsWith("HTTP/1.1 401 ").endsWith("\r\n\r\n");
    }
}
