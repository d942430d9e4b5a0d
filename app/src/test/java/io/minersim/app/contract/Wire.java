package io.minersim.app.contract;

import io.minersim.app.testing.WsClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal raw-JSON client for a running {@link MinerNode}: one request over plain HTTP POST or over a WebSocket
 * frame, the answer parsed. Copied in spirit from the rpc package's Transport, but aimed at a real node.
 */
abstract class Wire {
    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: Java's default h2c upgrade attempt is not what a Lotus client sends. */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What came back: the HTTP status (0 over WebSocket), the raw body and its parse. */
    record Answer(int status, String body, JsonNode json) {
        boolean isError() {
            return json != null && json.has("error");
        }

        int code() {
            return json.path("error").path("code").asInt(Integer.MIN_VALUE);
        }

        String message() {
            return json.path("error").path("message").asText(null);
        }

        JsonNode result() {
            return json.get("result");
        }

        @Override
        public String toString() {
            return (status == 0 ? "" : status + " ") + body;
        }
    }

    abstract String name();

    abstract boolean isHttp();

    /** Sends one request with {@code token} (null: no Authorization header) and waits for its answer. */
    abstract Answer call(MinerNode node, String token, String request) throws Exception;

    @Override
    public String toString() {
        return name();
    }

    static List<Wire> both() {
        return List.of(new Http(), new Ws());
    }

    static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static final class Http extends Wire {
        @Override
        String name() {
            return "http";
        }

        @Override
        boolean isHttp() {
            return true;
        }

        @Override
        Answer call(MinerNode node, String token, String request) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(node.httpUri()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), parse(r.body()));
        }
    }

    static final class Ws extends Wire {
        @Override
        String name() {
            return "websocket";
        }

        @Override
        boolean isHttp() {
            return false;
        }

        @Override
        Answer call(MinerNode node, String token, String request) throws Exception {
            try (WsClient s = token == null ? WsClient.connect(HTTP, node.webSocketUri(), f -> { })
                    : WsClient.connect(HTTP, node.webSocketUri(), f -> { }, "Authorization", "Bearer " + token)) {
                JsonNode sent = JSON.readTree(request);
                s.send(request);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (true) {
                    long left = deadline - System.nanoTime();
                    String frame = left <= 0 ? null : s.frames.poll(left, TimeUnit.NANOSECONDS);
                    if (frame == null) {
                        throw new AssertionError("no answer over WebSocket to " + request);
                    }
                    JsonNode json = parse(frame);
                    if (json != null && json.has("method")) {
                        continue; // a channel notification (xrpc.ch.*), not the answer
                    }
                    if (json != null && json.path("id").equals(sent.path("id"))) {
                        return new Answer(0, frame, json);
                    }
                }
            }
        }
    }
}
