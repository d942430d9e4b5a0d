package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.minersim.app.testing.WsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of malformed requests, seeded and so the same on every run, at both APIs: JSON-RPC bodies over HTTP
 * POST and as WebSocket frames (text and binary), raw HTTP requests Jetty's parser must refuse, and statistics
 * requests with broken paths, queries, keys and methods. Every answer must be JSON in the API's form (go-jsonrpc's
 * envelope, its batch quirks included, or Spacescope's), or one of the few plain answers Lotus's Go server gives;
 * none may be HTML or carry a Java class name, an exception or a stack trace; and both servers answer a plain
 * request afterwards.
 */
class HostileFuzzTest {
    @RegisterExtension
    static final HostileFixture f = new HostileFixture();

    private static final long SEED = 20_261_206L;
    private static final int HTTP_BODIES = 3000;
    private static final int WS_FRAMES = 2000;
    private static final int RAW_REQUESTS = 400;
    private static final int STATS_REQUESTS = 1000;

    /** go-jsonrpc's batch answers may lack values (a notification) or the closing bracket (a bad id). */
    private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_MISSING_VALUES)
            .build();

    private static final String[] METHODS = {"Filecoin.SectorsStatus", "Filecoin.SectorsList",
        "Filecoin.SectorsListInStates", "Filecoin.SectorsSummary", "Filecoin.SectorsUpdate",
        "Filecoin.SectorAddPieceToAny", "Filecoin.SectorNumReserve", "Filecoin.SectorSetSealDelay",
        "Filecoin.SectorReceive", "Filecoin.SectorsUnsealPiece", "Filecoin.AuthVerify", "Filecoin.AuthNew",
        "Filecoin.Version", "Filecoin.Closing", "Filecoin.ActorSectorSize", "Filecoin.SectorMarkForUpgrade",
        "Sim.Advance", "Sim.InjectFailure", "Sim.Restore", "Sim.SetClock", "Sim.Events", "rpc.discover",
        "xrpc.cancel", "xrpc.ch.close", "Filecoin.Nope", "", "filecoin.version"};

    /** Valid-looking parameter values to mutate; no push reader (its decoder waits 30 s for an upload). */
    private static final String[] VALUES = {"0", "1", "-1", "18446744073709551615", "18446744073709551616", "1.5",
        "1e999", "-0", "0e-99999999999", "1e99999999999", "true", "null", "\"\"", "\"Proving\"", "\"f01000\"",
        "\"\\ud800\"", "\"\\u0000\"", "[]", "{}", "[1,2,3]", "[\"Proving\",\"Faulty\"]", "{\"Type\":\"null\","
                + "\"Info\":\"1016\"}", "{\"Type\":\"http\",\"Info\":\"http://127.0.0.1:9/x\"}",
        "{\"Mode\":\"fast\"}", "{\"State\":\"PreCommit1\",\"Count\":0}", "[[[[[[[[[[]]]]]]]]]]",
        "\"eyJhbGciOiJub25lIn0.eyJBbGxvdyI6WyJhZG1pbiJdfQ.\"", "{\"Sectors\":[1],\"Deals\":null}",
        "9".repeat(400), "0." + "0".repeat(500) + "1"};

    private static final String[] IDS = {"1", "\"a\"", "null", "true", "{}", "[1]", "1e999", "[1e999]", "-0",
        "0.5", "\"\\u2028\"", "12345678901234567890123", "{\"b\":1,\"a\":2}"};

    private final Random rnd = new Random(SEED);

    private String pick(String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    /** A request-shaped JSON text, often broken. */
    private String request() {
        StringBuilder sb = new StringBuilder("{");
        List<String> fields = new ArrayList<>();
        if (rnd.nextInt(10) > 0) {
            fields.add("\"jsonrpc\":" + (rnd.nextInt(5) == 0 ? pick(VALUES) : "\"2.0\""));
        }
        if (rnd.nextInt(8) > 0) {
            fields.add((rnd.nextBoolean() ? "\"id\":" : "\"ID\":") + pick(IDS));
        }
        if (rnd.nextInt(10) > 0) {
            fields.add("\"method\":" + (rnd.nextInt(6) == 0 ? pick(VALUES) : "\"" + pick(METHODS) + "\""));
        }
        if (rnd.nextInt(5) > 0) {
            StringBuilder ps = new StringBuilder();
            if (rnd.nextInt(8) == 0) {
                ps.append(pick(VALUES));
            } else {
                ps.append('[');
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    ps.append(i > 0 ? "," : "").append(rnd.nextInt(4) == 0 ? pick(VALUES) : value(3));
                }
                ps.append(']');
            }
            fields.add("\"params\":" + ps);
        }
        if (rnd.nextInt(6) == 0) {
            fields.add("\"meta\":" + (rnd.nextBoolean() ? "{\"SpanContext\":\"x\"}" : pick(VALUES)));
        }
        if (rnd.nextInt(6) == 0) {
            fields.add("\"" + word() + "\":" + value(2));
        }
        java.util.Collections.shuffle(fields, rnd);
        sb.append(String.join(",", fields)).append('}');
        return sb.toString();
    }

    /** A random JSON value, nested at most {@code depth}. */
    private String value(int depth) {
        switch (depth <= 0 ? rnd.nextInt(4) : rnd.nextInt(6)) {
            case 0:
                return Long.toString(rnd.nextLong() >>> rnd.nextInt(64));
            case 1:
                return "\"" + word() + "\"";
            case 2:
                return pick(VALUES);
            case 3:
                return rnd.nextBoolean() ? "true" : "null";
            case 4: {
                StringBuilder sb = new StringBuilder("[");
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(value(depth - 1));
                }
                return sb.append(']').toString();
            }
            default: {
                StringBuilder sb = new StringBuilder("{");
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(word()).append("\":").append(value(depth - 1));
                }
                return sb.append('}').toString();
            }
        }
    }

    private String word() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ -é\\\"\t";
        int n = rnd.nextInt(12);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = letters.charAt(rnd.nextInt(letters.length()));
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c == '\t' ? "\\t" : String.valueOf(c));
        }
        return sb.toString();
    }

    /** Breaks a text: cuts, inserts, deletes or swaps bytes, or returns it whole. */
    private byte[] mutate(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int edits = rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> b[at] = (byte) "{}[],:\"\\0123456789.eE-+ntf".charAt(rnd.nextInt(26));
                case 3 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                default -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) "{}[],:\"\\ \u0000\t\n".charAt(rnd.nextInt(12));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    /** An HTTP body: a request, a batch, random bytes or a random JSON value, often mutated. */
    private byte[] body() {
        switch (rnd.nextInt(10)) {
            case 0: {
                byte[] b = new byte[rnd.nextInt(64)];
                rnd.nextBytes(b);
                return b;
            }
            case 1:
                return mutate(value(4));
            case 2:
            case 3: {
                StringBuilder sb = new StringBuilder("[");
                int n = rnd.nextInt(5);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(rnd.nextInt(4) == 0 ? value(1) : request());
                }
                String batch = sb.append(']').toString();
                return rnd.nextBoolean() ? batch.getBytes(StandardCharsets.UTF_8) : mutate(batch);
            }
            default: {
                String r = request();
                return rnd.nextInt(3) == 0 ? r.getBytes(StandardCharsets.UTF_8) : mutate(r);
            }
        }
    }

    /** Checks one go-jsonrpc response object. */
    private static void checkResponse(String what, JsonNode r) {
        assertThat(r.isObject()).as("%s: a response object: %s", what, r).isTrue();
        assertThat(r.path("jsonrpc").asText()).as(what).isEqualTo("2.0");
        if (r.has("error")) {
            assertThat(r.get("error").get("code").isInt()).as(what).isTrue();
            assertThat(r.get("error").get("message").isTextual()).as(what).isTrue();
        } else {
            assertThat(r.has("result")).as("%s: a result or an error: %s", what, r).isTrue();
        }
    }

    /** Checks an HTTP answer of the endpoint: one response, a batch (go-jsonrpc's quirks allowed), or nothing. */
    private static void checkEndpointAnswer(String what, int status, String body) throws Exception {
        Hostile.assertNoJavaText(what, body);
        assertThat(status).as(what).isIn(200, 400, 500);
        if (body.isEmpty()) {
            assertThat(status).as("%s: only a notification is answered with nothing", what).isEqualTo(200);
            return;
        }
        if (body.startsWith("[")) {
            JsonNode batch = LENIENT.readTree(body.endsWith("]") ? body : body + "]");
            for (JsonNode r : batch) {
                if (!r.isNull()) {
                    checkResponse(what, r);
                }
            }
            return;
        }
        checkResponse(what, Hostile.assertJson(what, body));
    }

    private static String show(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Test
    void malformedBodiesGetJsonErrorsOnlyAndTheServersLive() throws Exception {
        long t0 = System.nanoTime();
        URI rpc = f.node.httpUri();
        // 1. JSON-RPC bodies over HTTP POST, with and without a Content-Type
        for (int i = 0; i < HTTP_BODIES; i++) {
            byte[] body = body();
            HttpResponse<String> r = rnd.nextBoolean() ? Hostile.post(rpc, body)
                    : Hostile.post(rpc, body, "Content-Type", "application/json");
            checkEndpointAnswer("http #" + i + " " + show(body), r.statusCode(), r.body());
        }
        // 2. the same kinds of frames over one WebSocket; a probe after each lot proves the connection reads on
        List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WsClient ws = WsClient.connect(Hostile.HTTP, f.node.webSocketUri(), frames::add)) {
            for (int i = 0; i < WS_FRAMES; i++) {
                byte[] frame = body();
                if (rnd.nextInt(3) == 0) {
                    ws.socket.sendBinary(ByteBuffer.wrap(frame), true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    ws.send(new String(frame, StandardCharsets.UTF_8));
                }
                if (i % 100 == 99) {
                    String probe = "\"id\":\"probe" + i + "\"";
                    ws.send("{\"jsonrpc\":\"2.0\"," + probe + ",\"method\":\"Filecoin.Version\"}");
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (frames.stream().noneMatch(s -> s.contains(probe)) && System.nanoTime() < end) {
                        Thread.sleep(5);
                    }
                    assertThat(frames).as("the WebSocket answered probe %d", i).anyMatch(s -> s.contains(probe));
                }
            }
            ws.send("{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"Filecoin.Version\"}");
            long end = System.nanoTime() + 10_000_000_000L;
            while (frames.stream().noneMatch(s -> s.contains("\"id\":\"last\"")) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(frames).as("the WebSocket answered its last probe").anyMatch(s -> s.contains("\"id\":\"last\""));
        }
        for (String frame : frames) {
            checkResponse("websocket frame", Hostile.assertJson("websocket frame", frame));
        }
        // 3. raw HTTP requests with broken request lines and headers, on both ports
        for (int i = 0; i < RAW_REQUESTS; i++) {
            boolean toRpc = rnd.nextBoolean();
            String path = toRpc ? (rnd.nextInt(4) == 0 ? "/rpc/streams/v0/push/x" : "/rpc/v0")
                    : "/storage_provider/sector/total";
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (toRpc ? "" : "Authorization: Bearer " + HostileFixture.STATS_KEY + "\r\n")
                    + "Content-Length: 2\r\n\r\n{}";
            byte[] raw = mutate(head);
            String answer = Hostile.raw(toRpc ? f.rpcPort() : f.statsPort(), raw, Duration.ofMillis(300), true);
            Hostile.assertAnswers("raw #" + i + " " + show(raw), answer, toRpc);
        }
        // 4. the statistics API: broken paths, queries, keys and methods
        String[] paths = {"total", "fault", "sector_duration", "nope", "", "total/", "../total", "%00", "t%zzotal"};
        String[] queries = {"", "?state_date=2020-08-24", "?state_date=x", "?miner_id=f01000", "?miner_id=f0",
            "?state_date=9999-99-99", "?%zz", "?state_date=" + "9".repeat(300), "?miner_id=f0" + "1".repeat(400),
            "?a=b&a=c&state_date=2020-08-24&state_date=2020-08-25"};
        String[] keys = {"Bearer " + HostileFixture.STATS_KEY, "Bearer nope", "bearer " + HostileFixture.STATS_KEY,
            "", "Basic x"};
        for (int i = 0; i < STATS_REQUESTS; i++) {
            String target = "/storage_provider/sector/" + paths[rnd.nextInt(paths.length)]
                    + queries[rnd.nextInt(queries.length)];
            String method = new String[] {"GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}[rnd.nextInt(7)];
            HttpRequest.Builder b;
            try {
                b = HttpRequest.newBuilder(f.statsUri(target)).timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(body()));
            } catch (IllegalArgumentException badUri) {
                String answer = Hostile.raw(f.statsPort(), (method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), Duration.ofMillis(300));
                Hostile.assertJson("stats raw " + target, Hostile.bodyOf(answer));
                continue;
            }
            String key = keys[rnd.nextInt(keys.length)];
            if (!key.isEmpty()) {
                b.header("Authorization", key);
            }
            String what = "stats " + method + " " + target + " (" + key + ")";
            HttpResponse<String> r;
            try {
                r = Hostile.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new AssertionError(what + " got no answer", e);
            }
            JsonNode n = Hostile.assertJson(what, r.body());
            assertThat(n.get("request_id").asText()).as(what).matches("[0-9a-f-]{36}#\\d+");
            assertThat(n.get("code").isInt()).as(what).isTrue();
            assertThat(n.get("message").isTextual()).as(what).isTrue();
            assertThat(n.has("data")).as(what).isTrue();
            assertThat(r.statusCode() == 200 || n.get("code").asInt() != 0).as(what).isTrue();
        }
        // 5. both servers are alive and right
        HttpResponse<String> alive = Hostile.post(rpc, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"Filecoin.ActorAddress\","
                + "\"params\":[]}");
        assertThat(alive.body()).isEqualTo("{\"id\":7,\"jsonrpc\":\"2.0\",\"result\":\"f01000\"}\n");
        HttpResponse<String> stats = Hostile.HTTP.send(HttpRequest.newBuilder(f.statsUri("/storage_provider/sector/"
                + "total")).header("Authorization", "Bearer " + HostileFixture.STATS_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stats.statusCode()).isIn(200);
        System.out.printf("fuzz: %d HTTP bodies, %d WebSocket frames (%d answers), %d raw requests, %d statistics "
                + "requests in %.1f s%n", HTTP_BODIES, WS_FRAMES, frames.size(), RAW_REQUESTS, STATS_REQUESTS,
                (System.nanoTime() - t0) / 1e9);
    }
}
