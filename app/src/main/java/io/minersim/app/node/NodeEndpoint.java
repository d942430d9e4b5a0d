package io.minersim.app.node;

import io.minersim.app.api.TokenAuthority;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.rpc.JwtAuthority;
import io.minersim.app.rpc.RpcServer;
import io.minersim.rpc.Permission;
import java.net.URI;
import java.util.List;

/**
 * What a Lotus node's API endpoint is, whichever node it is (the miner's, the full node's): its listening JSON-RPC
 * server, the JWT secret its tokens are signed with (its repo's keystore, or a fresh one without a repo), and the
 * repo's {@code token} (0600, an admin token) and {@code api} (the listen multiaddr) files, written once the node is
 * ready and {@code api} removed when it stops, as {@code lotus} and {@code lotus-miner} keep them.
 */
public final class NodeEndpoint {
    private final RpcServer server;
    private final JwtAuthority auth;
    private final MinerRepo repo;
    private final String adminToken;
    private boolean closed;

    private NodeEndpoint(RpcServer server, JwtAuthority auth, MinerRepo repo) {
        this.server = server;
        this.auth = auth;
        this.repo = repo;
        this.adminToken = auth.token(Permission.ADMIN.cumulative());
    }

    /**
     * Writes the repo's {@code token} and {@code api} files (nothing without a repo): the node is ready. A node calls
     * it last in its start, since a client that sees {@code api} calls at once.
     */
    public void publish() {
        if (repo != null) {
            repo.writeToken(adminToken);
            repo.writeApi(server.multiaddr());
        }
    }

    /** The secret of a node's tokens: its repo's keystore key, or a fresh one when it has no repo. */
    public static JwtAuthority authority(MinerRepo repo) {
        return repo == null ? JwtAuthority.generate() : new JwtAuthority(repo.apiSecret());
    }

    /** {@code auth} as the API implementations see it (AuthNew, AuthVerify). */
    public static TokenAuthority tokens(JwtAuthority auth) {
        return new TokenAuthority() {
            @Override
            public String sign(List<String> allow) {
                return auth.sign(allow);
            }

            @Override
            public List<String> verify(String token) {
                return auth.verify(token);
            }
        };
    }

    /**
     * Starts the server {@code server} describes (its dispatcher, address and paths), behind {@code auth}; the repo's
     * files are written by {@link #publish()}.
     */
    public static NodeEndpoint start(RpcServer.Builder server, JwtAuthority auth, MinerRepo repo) throws Exception {
        return new NodeEndpoint(server.auth(auth).start(), auth, repo);
    }

    /** {@code http://host:port} and the first path served. */
    public URI httpUri() {
        return server.httpUri();
    }

    /** {@code ws://host:port} and the first path served. */
    public URI webSocketUri() {
        return server.webSocketUri();
    }

    public int port() {
        return server.port();
    }

    /** The listen multiaddr, as in the repo's {@code api} file. */
    public String multiaddr() {
        return server.multiaddr();
    }

    /** A token with all four permissions (the repo's {@code token}). */
    public String adminToken() {
        return adminToken;
    }

    /** A new token with Lotus's cumulative list up to {@code p}. */
    public String token(Permission p) {
        return auth.token(p.cumulative());
    }

    /** {@code <admin token>:<multiaddr>}: the value of {@code MINER_API_INFO} or {@code FULLNODE_API_INFO}. */
    public String apiInfo() {
        return adminToken + ":" + multiaddr();
    }

    /**
     * Stops the server, then runs {@code afterStop} (what the node stops once no call can reach it), then removes the
     * repo's {@code api} file, each even if the one before failed. Only the first call does anything.
     */
    public synchronized void close(Runnable afterStop) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            try {
                afterStop.run();
            } finally {
                if (repo != null) {
                    repo.removeApi();
                }
            }
        }
    }
}
