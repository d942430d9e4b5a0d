package io.minersim.app.rpc;

import io.minersim.app.testing.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** wire-facts c.3 and b.5: where the token comes from and what a bad one gets, over HTTP and on the upgrade. */
class RpcAuthTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture();

    static List<Transport> transports() {
        return Transport.both();
    }

    private static final String REMOVE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorRemove\",\"params\":[3]}";

    /** The HTTP status of a POST, or of the WebSocket upgrade (101 when it succeeded, then REMOVE is sent). */
    private static Answer attempt(Transport t, String query, String... headers) throws Exception {
        if (t.isHttp()) {
            var r = f.send("POST", "/rpc/v0" + query, REMOVE, headers);
            return new Answer(r.statusCode(), r.body());
        }
        var b = f.http.newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        WsClient c = new WsClient(RpcFixture.SEEN::add);
        try {
            c.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + f.server.port() + "/rpc/v0" + query),
                    c.listener()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return new Answer(h.getResponse().statusCode(), String.valueOf(h.getResponse().body()));
            }
            throw e;
        }
        try (c) {
            c.send(REMOVE);
            return new Answer(101, c.next());
        }
    }

    record Answer(int status, String body) {
    }

    private static int ok(Transport t) {
        return t.isHttp() ? 200 : 101;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void bearerTokenGrantsItsPermissions(Transport t) throws Exception {
        Answer a = attempt(t, "", "Authorization", "Bearer " + f.token(RpcFixture.ALL));
        assertThat(a.status()).isEqualTo(ok(t));
        assertThat(a.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":null}\n");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void queryTokenWorksLikeABearerToken(Transport t) throws Exception {
        Answer a = attempt(t, "?token=" + f.token(RpcFixture.ALL));
        assertThat(a.status()).isEqualTo(ok(t));
        assertThat(a.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":null}\n");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void noTokenMeansRead(Transport t) throws Exception {
        Answer a = attempt(t, "");
        assertThat(a.status()).isEqualTo(ok(t));
        assertThat(a.body()).isEqualTo("{\"error\":{\"code\":1,\"message\":\"missing permission to invoke "
                + "'SectorRemove' (need 'admin')\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void badSignatureIs401WithAnEmptyBody(Transport t) throws Exception {
        String forged = new JwtAuthority(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}).sign(RpcFixture.ALL);
        Answer a = attempt(t, "", "Authorization", "Bearer " + forged);
        assertThat(a.status()).isEqualTo(401);
        if (t.isHttp()) {
            assertThat(a.body()).isEmpty();
        }
        assertThat(attempt(t, "?token=" + forged).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void malformedTokenIs401(Transport t) throws Exception {
        assertThat(attempt(t, "", "Authorization", "Bearer not-a-jwt").status()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void headerWithoutTheExactBearerPrefixIs401(Transport t) throws Exception {
        String tok = f.token(RpcFixture.ALL);
        assertThat(attempt(t, "", "Authorization", "bearer " + tok).status()).isEqualTo(401);
        assertThat(attempt(t, "", "Authorization", "Basic " + tok).status()).isEqualTo(401);
        assertThat(attempt(t, "", "Authorization", tok).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theHeaderWinsOverTheQuery(Transport t) throws Exception {
        // a good header with a bad query token: the query is not looked at
        Answer a = attempt(t, "?token=garbage", "Authorization", "Bearer " + f.token(RpcFixture.ALL));
        assertThat(a.status()).isEqualTo(ok(t));
    }

    @Test
    void everyRouteIsBehindTheAuthHandler() throws Exception {
        var r = f.send("GET", "/nothing-here", null, "Authorization", "Basic x");
        assertThat(r.statusCode()).isEqualTo(401);
        r = f.send("GET", "/nothing-here", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
        r = f.send("POST", "/rpc/streams/v0/push/x", "", "Authorization", "Bearer bad.bad.bad");
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
