package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcHttpClient;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** The jsonrpc4j HTTP client both typed clients ({@link MinerClient}, {@link FullNodeClient}) speak through. */
final class RpcHttpClients {
    private RpcHttpClients() {
    }

    /**
     * A client of {@code rpcUrl} sending {@code token} as a bearer token (none when null or blank), JSON content,
     * and request ids counting up from 1.
     *
     * @throws IllegalArgumentException if the URI is not an absolute http(s) URL
     */
    static JsonRpcHttpClient connect(URI rpcUrl, String token) {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        String scheme = rpcUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("the RPC URL must be http(s)://..., got " + rpcUrl);
        }
        Map<String, String> headers = token == null || token.isBlank()
                ? Map.of()
                : Map.of("Authorization", "Bearer " + token.strip());
        JsonRpcHttpClient http;
        try {
            http = new JsonRpcHttpClient(RpcJson.newObjectMapper(), rpcUrl.toURL(), headers);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad RPC URL " + rpcUrl, e);
        }
        http.setContentType("application/json");
        AtomicLong ids = new AtomicLong();
        http.setRequestIDGenerator(() -> Long.toString(ids.incrementAndGet()));
        return http;
    }
}
