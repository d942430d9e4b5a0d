package io.minersim.app.rpc;

import io.minersim.app.testing.WsClient;

import java.time.Duration;
import java.util.List;

/** One way of sending a JSON-RPC request to the fixture's server: plain HTTP POST or a WebSocket frame. */
abstract class Transport {
    /** What came back: the HTTP status (0 over WebSocket) and the body, null when nothing came. */
    record Answer(int status, String body) {
    }

    abstract String name();

    abstract boolean isHttp();

    /** Sends one request with the given permissions (null: no token); waits for the answer if one is expected. */
    abstract Answer call(RpcFixture f, List<String> perms, String json, boolean expectAnswer) throws Exception;

    @Override
    public String toString() {
        return name();
    }

    static List<Transport> both() {
        return List.of(new Http(), new Ws());
    }

    static final class Http extends Transport {
        @Override
        String name() {
            return "http";
        }

        @Override
        boolean isHttp() {
            return true;
        }

        @Override
        Answer call(RpcFixture f, List<String> perms, String json, boolean expectAnswer) throws Exception {
            var r = perms == null ? f.post(json, "Content-Type", "application/json")
                    : f.post(json, "Content-Type", "application/json", "Authorization", "Bearer " + f.token(perms));
            return new Answer(r.statusCode(), r.body().isEmpty() ? null : r.body());
        }
    }

    static final class Ws extends Transport {
        @Override
        String name() {
            return "websocket";
        }

        @Override
        boolean isHttp() {
            return false;
        }

        @Override
        Answer call(RpcFixture f, List<String> perms, String json, boolean expectAnswer) throws Exception {
            try (WsClient c = perms == null ? f.ws() : f.ws("Authorization", "Bearer " + f.token(perms))) {
                c.send(json);
                String frame = c.next(expectAnswer ? Duration.ofSeconds(10) : Duration.ofMillis(400));
                return new Answer(0, frame);
            }
        }
    }
}
