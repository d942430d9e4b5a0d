package io.minersim.app.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
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
            try (Socket s = Socket.open(node.webSocketUri(), token)) {
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

    /** One WebSocket connection that queues every text frame it receives. */
    static final class Socket implements AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket socket;

        static Socket open(URI uri, String token) throws Exception {
            Socket s = new Socket();
            WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            s.socket = b.buildAsync(uri, s.listener()).get(10, TimeUnit.SECONDS);
            return s;
        }

        private WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        frames.add(partial.toString());
                        partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    closed.complete(-1);
                }
            };
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }
}
