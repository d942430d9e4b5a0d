package io.minersim.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.sealing.SealingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * {@code WorkerConnect}'s dial: what Lotus's {@code connectRemoteWorker} does with a worker's URL, step by step and
 * with Go's error texts: go-jsonrpc's scheme check, the dial (at once for {@code ws}/{@code wss}, on the first call
 * for {@code http}/{@code https}), then {@code Version} and its check against the worker API version 1.7.0. minersim
 * simulates its workers, so even a worker that passes every check is not added: the call is refused.
 */
final class WorkerDialer {
    private static final String PREFIX = "connecting remote storage failed: ";
    /** Lotus's {@code WorkerAPIVersion0}. */
    private static final long WORKER_API_VERSION = (1 << 16) | (7 << 8);
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<Integer, String> STATUS_TEXT = Map.of(400, "Bad Request", 401, "Unauthorized", 403, "Forbidden", 404,
            "Not Found", 405, "Method Not Allowed", 502, "Bad Gateway", 503, "Service Unavailable", 504,
            "Gateway Timeout");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerDialer() {
    }

    /** Always throws: the error Lotus gives for the URL, or minersim's refusal of a worker that answered. */
    static void connect(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url);
        } catch (URISyntaxException e) {
            throw fail("creating jsonrpc client: parse " + GoQuote.quote(url) + ": invalid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean webSocket = scheme.equals("ws") || scheme.equals("wss");
        if (!webSocket && !scheme.equals("http") && !scheme.equals("https")) {
            throw fail("creating jsonrpc client: unknown url scheme '" + (uri.getScheme() == null ? ""
                    : uri.getScheme()) + "'");
        }
        String dialError = dial(uri, scheme.endsWith("s") ? 443 : 80);
        if (dialError != null) {
            throw fail(webSocket ? "creating jsonrpc client: cannot dial address " + url + " for " + dialError
                    : "RPC client error: sendRequest failed: Post " + GoQuote.quote(url) + ": " + dialError);
        }
        URI http = URI.create((scheme.endsWith("s") ? "https" : "http") + url.substring(scheme.length()));
        JsonNode answer = version(http, url);
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw fail(error.path("message").asText());
        }
        long v = answer.path("result").path("APIVersion").asLong(0);
        if ((v >>> 8) != (WORKER_API_VERSION >>> 8)) {
            throw fail("unsupported worker api version: " + semver(v) + " (expected " + semver(WORKER_API_VERSION)
                    + ")");
        }
        throw fail("minersim simulates its workers and connects to no remote worker (" + url + " answers as worker"
                + " API " + semver(v) + ")");
    }

    /** Go's dial error for the URL's host and port, or null once a TCP connection is made (and closed). */
    private static String dial(URI uri, int defaultPort) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        InetAddress address;
        try {
            address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "dial tcp: lookup " + host + ": no such host";
        }
        String target = (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress()) + ":" + port;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) DIAL_TIMEOUT.toMillis());
            return null;
        } catch (ConnectException e) {
            return "dial tcp " + target + ": connect: connection refused";
        } catch (NoRouteToHostException e) {
            return "dial tcp " + target + ": connect: no route to host";
        } catch (SocketTimeoutException e) {
            return "dial tcp " + target + ": i/o timeout";
        } catch (IOException e) {
            return "dial tcp " + target + ": connect: network is unreachable";
        }
    }

    /** go-jsonrpc's {@code Filecoin.Version} call over HTTP, its failures in its words. */
    private static JsonNode version(URI http, String url) {
        HttpRequest request = HttpRequest.newBuilder(http).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.Version\",\"params\":[],\"id\":1}"))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(DIAL_TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw fail("RPC client error: sendRequest failed: Post " + GoQuote.quote(url) + ": EOF");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("context canceled");
        }
        int status = response.statusCode();
        String statusText = status + " " + STATUS_TEXT.getOrDefault(status, "status code " + status);
        if (status > 400 && status != 500) {
            throw fail("RPC client error: sendRequest failed: request failed, http status " + statusText);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw fail("RPC client error: sendRequest failed: http status " + statusText
                    + " unmarshaling response: invalid character");
        }
    }

    private static String semver(long v) {
        return ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    private static SealingException fail(String message) {
        return new SealingException(PREFIX + message);
    }
}
