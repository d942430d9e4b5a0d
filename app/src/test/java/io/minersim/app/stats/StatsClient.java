package io.minersim.app.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A test's HTTP client for the statistics API. */
final class StatsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    /** An answer: status, raw body and the parsed JSON. */
    record Answer(int status, String body, JsonNode json) {
        int code() {
            return json.get("code").asInt();
        }

        String message() {
            return json.get("message").asText();
        }

        JsonNode data() {
            return json.get("data");
        }
    }

    StatsClient(URI base) {
        this.base = base;
    }

    Answer get(String pathAndQuery, String authorization) {
        return send("GET", pathAndQuery, authorization);
    }

    /** A GET written by hand on a socket, for targets {@link HttpClient} refuses to send. */
    Answer raw(String target, String authorization) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            String req = "GET " + target + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            String body = all.substring(all.indexOf("\r\n\r\n") + 4);
            return new Answer(status, body, JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer send(String method, String pathAndQuery, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
