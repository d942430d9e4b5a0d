package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only applies to plain HTTP: bodies, batches, statuses, headers (wire-facts b.2, b.4, b.5, b.6). */
class RpcHttpTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture(Duration.ofSeconds(5), 1024, Duration.ofSeconds(30));

    private static final String ECHO1 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Echo\",\"params\":[\"a\"]}";
    private static final String ECHO2 = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.Echo\",\"params\":[\"b\"]}";

    @Test
    void responsesAreApplicationJsonWhateverTheRequestContentType() throws Exception {
        for (String ct : List.of("text/plain", "application/x-www-form-urlencoded", "application/octet-stream")) {
            HttpResponse<String> r = f.post(ECHO1, "Content-Type", ct);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"a\"}\n");
        }
        HttpResponse<String> r = f.post(ECHO1);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void emptyBodyIsInvalidRequest400() throws Exception {
        String invalid = "{\"error\":{\"code\":-32600,\"message\":\"Invalid request\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n";
        for (String body : List.of("", "  \n\t ")) {
            HttpResponse<String> r = f.post(body);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo(invalid);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        // the HTTP method is not checked: a GET with no body is an invalid request too
        HttpResponse<String> r = f.send("GET", "/rpc/v0", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(invalid);
    }

    @Test
    void invalidJsonIsParseError500() throws Exception {
        String parse = "{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n";
        for (String body : List.of("{", "{\"id\":1,", "nonsense", "[{]", "\"str\"", "42")) {
            HttpResponse<String> r = f.post(body);
            assertThat(r.statusCode()).as(body).isEqualTo(500);
            assertThat(r.body()).as(body).isEqualTo(parse);
        }
        // Go's decoder reads the first value only: this is a request without a method
        HttpResponse<String> first = f.post("{\"id\":1}}garbage");
        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(first.body()).isEqualTo("{\"error\":{\"code\":-32601,\"message\":\"method '' not found\"},"
                + "\"id\":1,\"jsonrpc\":\"2.0\"}\n");
        // a field of the wrong type is a decode error too; Go has decoded the id already and echoes it raw
        HttpResponse<String> r = f.post("{\"id\":7,\"method\":5}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":7,"
                + "\"jsonrpc\":\"2.0\"}\n");
    }

    @Test
    void dataAfterTheRequestIsIgnored() throws Exception {
        HttpResponse<String> r = f.post(ECHO1 + " trailing garbage");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"a\"}\n");
    }

    @Test
    void badIdTypesAreParseErrors() throws Exception {
        HttpResponse<String> r = f.post("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"Filecoin.Echo\",\"params\":[\"a\"]}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"failed to parse ID: invalid id "
                + "type: bool\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n");
        r = f.post("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"Filecoin.Echo\",\"params\":[\"a\"]}");
        assertThat(r.body()).contains("failed to parse ID: invalid id type: map[string]interface {}");
        r = f.post("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"Filecoin.Echo\",\"params\":[\"a\"]}");
        assertThat(r.body()).contains("failed to parse ID: invalid id type: []interface {}");
    }

    @Test
    void keysMatchCaseInsensitivelyAsInGo() throws Exception {
        HttpResponse<String> r = f.post("{\"JSONRPC\":\"2.0\",\"ID\":4,\"Method\":\"Filecoin.Echo\",\"Params\":[\"k\"]}");
        assertThat(r.body()).isEqualTo("{\"id\":4,\"jsonrpc\":\"2.0\",\"result\":\"k\"}\n");
    }

    @Test
    void bodiesOverTheLimitAreRefused() throws Exception {
        // this fixture's limit is 1024 bytes
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Echo\",\"params\":[\"" + "x".repeat(1100) + "\"]}";
        HttpResponse<String> r = f.post(big);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"request bigger than maximum 1024 "
                + "allowed\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n");
        String exact = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Echo\",\"params\":[\"\"]}";
        exact = exact.replace("[\"\"]", "[\"" + "y".repeat(1024 - exact.length()) + "\"]");
        assertThat(exact).hasSize(1024);
        assertThat(f.post(exact).statusCode()).isEqualTo(200);
    }

    @Test
    void batchesRunInOrderAndAreJoinedWithCommas() throws Exception {
        HttpResponse<String> r = f.post("[" + ECHO1 + "," + ECHO2 + "]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"a\"}\n,"
                + "{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":\"b\"}\n]");
    }

    @Test
    void aNotificationInABatchLeavesAnEmptySlot() throws Exception {
        // go-jsonrpc's quirk: the comma is written even though the notification wrote nothing
        String note = "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.Count\",\"params\":[]}";
        HttpResponse<String> r = f.post("[" + note + "," + ECHO2 + "]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[,{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":\"b\"}\n]");
        r = f.post(" [" + ECHO1 + "," + note + "] ");
        assertThat(r.body()).isEqualTo("[{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"a\"}\n,]");
    }

    @Test
    void errorsInsideABatchKeepStatus200() throws Exception {
        HttpResponse<String> r = f.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Nope\",\"params\":[]}]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"error\":{\"code\":-32601,\"message\":\"method 'Filecoin.Nope' not "
                + "found\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n]");
    }

    @Test
    void aBadIdStopsTheBatchWithoutClosingIt() throws Exception {
        HttpResponse<String> r = f.post("[" + ECHO1 + ",{\"id\":false,\"method\":\"Filecoin.Echo\",\"params\":[\"c\"]},"
                + ECHO2 + "]");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"a\"}\n,"
                + "{\"error\":{\"code\":-32700,\"message\":\"failed to parse ID: invalid id type: bool\"},"
                + "\"id\":null,\"jsonrpc\":\"2.0\"}\n");
    }

    @Test
    void emptyOrBrokenBatches() throws Exception {
        HttpResponse<String> r = f.post("[]");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32600,\"message\":\"Invalid request\"},\"id\":null,"
                + "\"jsonrpc\":\"2.0\"}\n");
        r = f.post("[1,2]");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("Parse error");
        r = f.post("[" + ECHO1 + ",]");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("Parse error");
    }

    @Test
    void javasDefaultH2cUpgradeIsRefusedAsGorillaWould() throws Exception {
        // go-jsonrpc sends anything with "Connection: upgrade" to the WebSocket upgrader
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(f.uri("/rpc/v0"))
                .POST(HttpRequest.BodyPublishers.ofString(ECHO1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("Bad Request\n");
        assertThat(r.headers().firstValue("Sec-WebSocket-Version")).hasValue("13");
    }

    @Test
    void rawBytesOfAWrongParamCountAnswer() throws Exception {
        // wire-facts b.4, byte for byte, headers included
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\",\"params\":[9]}";
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(raw).startsWith("HTTP/1.1 500 ");
            assertThat(raw).containsIgnoringCase("Content-Type: application/json\r\n");
            assertThat(raw).endsWith("\r\n\r\n{\"error\":{\"code\":-32602,\"message\":\"wrong param count (method "
                    + "'Filecoin.SectorsStatus'): 1 != 2\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
            RpcFixture.SEEN.add(raw);
        }
    }

    @Test
    void unknownPathsAre404AndTheMinerHasNoV1() throws Exception {
        HttpResponse<String> r = f.send("POST", "/rpc/v1", ECHO1);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
        assertThat(f.send("POST", "/rpc/v0/", ECHO1).statusCode()).isEqualTo(404);
    }
}
