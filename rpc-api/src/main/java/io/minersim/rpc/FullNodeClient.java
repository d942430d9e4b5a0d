package io.minersim.rpc;

import com.googlecode.jsonrpc4j.IJsonRpcClient;
import com.googlecode.jsonrpc4j.JsonRpcHttpClient;
import com.googlecode.jsonrpc4j.ProxyUtil;
import java.net.URI;

/**
 * A typed JSON-RPC client of a Lotus full node (or minersim's simulated one) over plain HTTP POST, as
 * {@link MinerClient} is for the miner. Errors surface as {@link com.googlecode.jsonrpc4j.JsonRpcClientException}
 * with go-jsonrpc's code and message; {@code ChainNotify} needs WebSocket and fails here.
 *
 * <pre>{@code
 * FullNodeClient c = FullNodeClient.connect(URI.create("http://127.0.0.1:1234/rpc/v1"), token);
 * TipSet head = c.fullNode().chainHead();
 * }</pre>
 */
public final class FullNodeClient {
    private final JsonRpcHttpClient http;
    private final FullNodeApi fullNode;
    private final FullNodeApiV0 fullNodeV0;

    private FullNodeClient(JsonRpcHttpClient http) {
        this.http = http;
        this.fullNode = ProxyUtil.createClientProxy(FullNodeClient.class.getClassLoader(), FullNodeApi.class,
                (IJsonRpcClient) http);
        this.fullNodeV0 = ProxyUtil.createClientProxy(FullNodeClient.class.getClassLoader(), FullNodeApiV0.class,
                (IJsonRpcClient) http);
    }

    /**
     * A client of the endpoint at {@code rpcUrl} (e.g. {@code http://127.0.0.1:1234/rpc/v1}).
     *
     * @param token a JWT sent as {@code Authorization: Bearer <token>}; null or blank for none (read access)
     * @throws IllegalArgumentException if the URI is not an absolute http(s) URL
     */
    public static FullNodeClient connect(URI rpcUrl, String token) {
        return new FullNodeClient(RpcHttpClients.connect(rpcUrl, token));
    }

    /** The full node's methods. */
    public FullNodeApi fullNode() {
        return fullNode;
    }

    /**
     * The methods whose v0 signatures differ from v1's, for a client connected to {@code /rpc/v0} (on {@code /rpc/v1}
     * they fail as Lotus refuses them); the others are {@link #fullNode()}'s on both paths.
     */
    public FullNodeApiV0 fullNodeV0() {
        return fullNodeV0;
    }

    /** The underlying jsonrpc4j client, for timeouts and similar settings. */
    public JsonRpcHttpClient http() {
        return http;
    }
}
