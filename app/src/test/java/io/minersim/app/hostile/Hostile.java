package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** What the hostile-client tests share: raw HTTP, the JSON-only check, CPU time. */
final class Hostile {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What no answer may carry: markup, Java names, stack frames. */
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "<html|<body|<title|java\\.|javax\\.|jakarta\\.|org\\.eclipse|com\\.fasterxml|io\\.minersim"
                    + "|Exception|\\bat [a-z]+\\.[\\w.$]+\\(|\\.java:\\d+", Pattern.CASE_INSENSITIVE);

    private Hostile() {
    }

    /** A POST of raw bytes; the answer's status and body. */
    static HttpResponse<String> post(URI uri, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
        return post(uri, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** One raw HTTP exchange: writes {@code request}, reads until the server closes or goes quiet. */
    static String raw(int port, byte[] request, Duration quiet) throws IOException {
        return raw(port, request, quiet, false);
    }

    /**
     * One raw HTTP exchange; with {@code halfClose} the client then shuts its output, so that a request cut short
     * is answered (or the connection closed) at once rather than after the server's wait for more.
     */
    static String raw(int port, byte[] request, Duration quiet, boolean halfClose) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout((int) quiet.toMillis());
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // the server may answer and close before reading everything: read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try {
                int n;
                while (System.nanoTime() < deadline && (n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // quiet: the answer is complete
            } catch (IOException e) {
                // reset after the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static String raw(int port, String request) throws IOException {
        return raw(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofMillis(1500));
    }

    /** The body of a raw HTTP/1.1 answer (Content-Length or chunked). */
    static String bodyOf(String raw) {
        int at = raw.indexOf("\r\n\r\n");
        assertThat(at).as("an HTTP answer: %s", raw).isPositive();
        String head = raw.substring(0, at).toLowerCase(java.util.Locale.ROOT);
        String body = raw.substring(at + 4);
        if (head.contains("transfer-encoding: chunked")) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (i < body.length()) {
                int eol = body.indexOf("\r\n", i);
                int n = Integer.parseInt(body.substring(i, eol).trim(), 16);
                if (n == 0) {
                    break;
                }
                sb.append(body, eol + 2, eol + 2 + n);
                i = eol + 2 + n + 2;
            }
            return sb.toString();
        }
        return body;
    }

    /** Asserts an answer carries no markup, Java name or stack trace. */
    static void assertNoJavaText(String what, String text) {
        assertThat(JAVA_TEXT.matcher(text).find()).as("%s carries Java text or markup: %s", what,
                text.length() > 600 ? text.substring(0, 600) + "…" : text).isFalse();
    }

    /** Asserts a body is one JSON value (go-jsonrpc ends it with a newline) without Java text; returns it. */
    static JsonNode assertJson(String what, String body) {
        assertNoJavaText(what, body);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + " is not JSON: " + (body.length() > 600 ? body.substring(0, 600)
                    : body), e);
        }
    }

    /** Asserts a go-jsonrpc error envelope; returns its error object. */
    static JsonNode assertRpcError(String what, String body) {
        JsonNode n = assertJson(what, body);
        assertThat(n.has("error")).as("%s is a JSON-RPC error: %s", what, body).isTrue();
        assertThat(n.get("error").get("code").isInt()).isTrue();
        assertThat(n.get("error").get("message").isTextual()).isTrue();
        return n.get("error");
    }

    /** Go's net/http, gorilla/websocket and Lotus's push endpoint answer these in plain text (wire-facts b, d.2). */
    private static final Pattern GO_TEXTS = Pattern.compile("404 page not found\\n|Bad Request\\n|Method Not Allowed\\n"
            + "|unsupported method\\n|parsing reader uuid: [^\\n]*\\n");

    /**
     * Checks every HTTP answer in {@code raw} (a connection may carry several): no Java text anywhere; each body is
     * JSON in the API's envelope (go-jsonrpc's on the endpoint, Spacescope's on the statistics API), or, on the
     * endpoint, one of the plain answers Lotus's Go server gives (an empty 401, Go's 404 and upgrade refusals). An
     * accepted upgrade (101) has no body. Returns how many answers there were.
     */
    static int assertAnswers(String what, String raw, boolean rpc) {
        assertNoJavaText(what, raw);
        int count = 0;
        int at = 0;
        while (raw.startsWith("HTTP/1.1 ", at)) {
            int head = raw.indexOf("\r\n\r\n", at);
            assertThat(head).as("%s: a whole answer: %s", what, raw).isPositive();
            String headers = raw.substring(at, head).toLowerCase(java.util.Locale.ROOT);
            int len = 0;
            for (String line : headers.split("\r\n")) {
                if (line.startsWith("content-length:")) {
                    len = Integer.parseInt(line.substring(15).trim());
                }
            }
            int status = Integer.parseInt(raw.substring(at + 9, at + 12));
            String body = raw.substring(head + 4, Math.min(raw.length(), head + 4 + len));
            at = head + 4 + len;
            count++;
            if (status == 101 || (rpc && (GO_TEXTS.matcher(body).matches() || (status == 401 && body.isEmpty())))) {
                continue;
            }
            assertThat(headers).as(what).contains("content-type: application/json");
            JsonNode n = assertJson(what, body);
            if (rpc) {
                assertThat(n.get("jsonrpc").asText()).as(what).isEqualTo("2.0");
                if (status >= 400) {
                    assertThat(n.get("error").get("code").isInt()).as(what).isTrue();
                }
            } else {
                assertThat(n.get("request_id").asText()).as(what).matches("[0-9a-f-]{36}#\\d+");
                assertThat(n.get("code").isInt()).as(what).isTrue();
                assertThat(n.has("data")).as(what).isTrue();
            }
        }
        return count;
    }

    /** The CPU time this process has used, in seconds. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
