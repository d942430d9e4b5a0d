package io.minersim.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare JSON-RPC caller: one plain HTTP/1.1 POST per call, exactly the request a non-Go client
 * would send, and the raw {@code result} node back, so that what is validated is the served JSON
 * and not something a typed client re-encoded.
 */
final class RawRpc {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI uri;
    private final String token;
    private final AtomicLong ids = new AtomicLong();

    RawRpc(URI uri, String token) {
        this.uri = uri;
        this.token = token;
    }

    /** A JSON-RPC error answer, or a transport failure. */
    static final class RpcCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RpcCallException(String message) {
            super(message);
        }
    }

    /** The whole response envelope of {@code method(params...)}; params may be Java values or JsonNodes. */
    JsonNode envelope(String method, Object... params) {
        ObjectNode req = NODES.objectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", ids.incrementAndGet());
        req.put("method", method);
        ArrayNode array = req.putArray("params");
        for (Object p : params) {
            array.add(p instanceof JsonNode n ? n : JSON.valueToTree(p));
        }
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new RpcCallException(method + ": transport failure: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcCallException(method + ": interrupted");
        }
    }

    /** The {@code result} of a successful call ({@code NullNode} for a Go method returning only error). */
    JsonNode result(String method, Object... params) {
        JsonNode env = envelope(method, params);
        if (env.has("error")) {
            throw new RpcCallException(method + " failed: " + env.get("error"));
        }
        if (!env.has("result")) {
            throw new RpcCallException(method + ": response has neither result nor error: " + env);
        }
        return env.get("result");
    }

    /** The HTTP status of a call of {@code method} without params (e.g. 401 for a token another key signed). */
    int envelopeStatus(String method) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                            + method + "\",\"params\":[]}")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new RpcCallException(method + ": transport failure: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcCallException(method + ": interrupted");
        }
    }
}
