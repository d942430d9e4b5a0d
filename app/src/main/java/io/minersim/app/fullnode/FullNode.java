package io.minersim.app.fullnode;

import io.minersim.app.node.NodeEndpoint;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.rpc.ErrorMapper;
import io.minersim.app.rpc.GoJson;
import io.minersim.app.rpc.JwtAuthority;
import io.minersim.app.rpc.OpenRpcDocument;
import io.minersim.app.rpc.RpcDispatcher;
import io.minersim.app.rpc.RpcError;
import io.minersim.app.rpc.RpcServer;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeApiV0;
import io.minersim.rpc.Permission;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.ChainClock;
import java.net.URI;
import java.util.List;

/**
 * The simulated Lotus full node of a run: {@link FullNodeApiImpl} over every miner of the world, behind the same
 * go-jsonrpc endpoint machinery as the miner's ({@code /rpc/v1} and {@code /rpc/v0}, HTTP and WebSocket, HS256 JWTs
 * with its own secret), with {@code token} and {@code api} files in its repo directory as {@code ~/.lotus} holds
 * them. Started by {@link #start}, stopped by {@link #close()}.
 */
public final class FullNode implements AutoCloseable {
    /** The full node's paths: v1 first (Lotus's current API), v0 as well. */
    public static final String V1 = "/rpc/v1";
    public static final String V0 = "/rpc/v0";
    /** Lotus's daemon listens on 1234. */
    public static final int DEFAULT_PORT = 1234;

    private final NodeEndpoint endpoint;
    private final ChainClock clock;
    private final FullNodeApiImpl api;

    private FullNode(NodeEndpoint endpoint, ChainClock clock, FullNodeApiImpl api) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.api = api;
    }

    /**
     * Starts the full node of {@code miners} (a world's, in order) on {@code host:port} (0: a free port).
     *
     * @param clock the chain clock the miners run on; the node hears each new head after them
     * @param repo the full node's repo directory (its keystore, token and api files), or null for none: then a
     *     fresh secret
     */
    public static FullNode start(List<Miner> miners, Profile profile, ChainClock clock, String host, int port,
            MinerRepo repo) throws Exception {
        JwtAuthority auth = NodeEndpoint.authority(repo);
        FullNodeApiImpl api = new FullNodeApiImpl(miners, profile, NodeEndpoint.tokens(auth),
                OpenRpcDocument.lazy("/io/minersim/app/full-openrpc.json", List.of(FullNodeApi.class)));
        RpcDispatcher v1 = RpcDispatcher.builder()
                .register(FullNodeApi.class, api)
                .objectMapper(GoJson.newObjectMapper())
                .errorMapper(errors())
                .build();
        // v0 is Lotus's wrapper of v1: v1's methods, some replaced by v0's signatures, and the *Limited forms
        RpcDispatcher v0 = RpcDispatcher.builder()
                .register(FullNodeApi.class, api)
                .registerOver(FullNodeApiV0.class, new FullNodeApiV0Impl(api))
                .objectMapper(GoJson.newObjectMapper())
                .errorMapper(errors())
                .build();
        NodeEndpoint endpoint = NodeEndpoint.start(RpcServer.builder(v1).host(host).port(port).paths(V1, V0)
                .dispatcher(V0, v0), auth, repo);
        clock.subscribe(api.headListener());
        endpoint.publish();
        return new FullNode(endpoint, clock, api);
    }

    /** Chain errors with their code; the core's and bad arguments as code 1; anything else a panic. */
    private static ErrorMapper errors() {
        ErrorMapper defaults = ErrorMapper.defaults();
        return (method, error) -> {
            if (error instanceof ChainException c) {
                return new RpcError(c.code(), c.getMessage());
            }
            if (error instanceof SealingException || error instanceof InvalidInputException
                    || error instanceof IllegalArgumentException) {
                return new RpcError(RpcError.HANDLER_ERROR, error.getMessage());
            }
            return defaults.toError(method, error);
        };
    }

    /** {@code http://host:port/rpc/v1}. */
    public URI httpUri() {
        return endpoint.httpUri();
    }

    /** {@code ws://host:port/rpc/v1}. */
    public URI webSocketUri() {
        return endpoint.webSocketUri();
    }

    public int port() {
        return endpoint.port();
    }

    /** The listen multiaddr, as in the repo's {@code api} file. */
    public String multiaddr() {
        return endpoint.multiaddr();
    }

    /** A token with all four permissions. */
    public String adminToken() {
        return endpoint.adminToken();
    }

    /** A new token with Lotus's cumulative list up to {@code p}. */
    public String token(Permission p) {
        return endpoint.token(p);
    }

    /** {@code <admin token>:<multiaddr>}, the value of {@code FULLNODE_API_INFO}. */
    public String fullNodeApiInfo() {
        return endpoint.apiInfo();
    }

    /** The API served (for in-process use). */
    public FullNodeApi api() {
        return api;
    }

    /** Stops hearing the clock, stops the endpoint and removes the repo's {@code api} file. */
    @Override
    public void close() {
        try {
            clock.unsubscribe(api.headListener());
        } finally {
            endpoint.close(() -> { });
        }
    }
}
