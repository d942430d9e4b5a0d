package io.minersim.app.rpc;

import io.minersim.app.http.JsonErrorPages;
import io.minersim.app.http.Listeners;
import io.minersim.app.http.RequestBodies;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The miner's API server as Lotus wires it ({@code node/rpc.go} MinerHandler): {@code /rpc/v0} (HTTP POST and
 * WebSocket), optionally {@code /rpc/streams/v0/push/{uuid}}, and Go's 404 for anything else, all
 * behind the JWT auth handler.
 */
public final class RpcServer implements AutoCloseable {
    /** The JSON-RPC path. The miner has only v0. */
    public static final String RPC_PATH = "/rpc/v0";
    /** What one WebSocket connection may be owed before its requests stop being read (see the builder). */
    public static final long DEFAULT_WEBSOCKET_OWED_BYTES = 1 << 20;
    /** go-jsonrpc's default ping interval. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);

    /** The HTTP connection idle timeout (Lotus's Go server has none). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** How long {@link #stop()} waits for running requests. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());

    private final Server server;
    private final ServerConnector connector;
    private final String host;
    private final ExecutorService calls;
    private final ScheduledExecutorService scheduler;
    private final Set<RpcWebSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final RpcHttpHandler httpHandler;
    private final String path;

    private RpcServer(Builder b) {
        this.host = b.host;
        this.path = b.paths.get(0);
        Listeners.withoutJmxProbe();
        QueuedThreadPool pool = new QueuedThreadPool(b.maxThreads, 4);
        pool.setName("minersim-rpc");
        this.server = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        hc.setSendDateHeader(true);
        hc.setRequestHeaderSize(1 << 20); // Go's http.DefaultMaxHeaderBytes
        this.connector = new ServerConnector(server, new HttpConnectionFactory(hc));
        connector.setHost(b.host);
        connector.setPort(b.port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        // on stop, Jetty gives connections a while to go idle (default 1 s); an idle keep-alive one then held the
        // stop that long, where Go's Shutdown closes idle connections at once. A connection busy with a call is
        // not timed out by this: it answers, then closes. And the listen backlog is Go's.
        Listeners.likeGo(connector);
        server.addConnector(connector);

        this.calls = callExecutor();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("minersim-rpc-ping"));

        long pingMillis = b.pingInterval.toMillis();
        long maxMessage = b.maxRequestSize;
        long maxOwed = b.webSocketOwedBytes;
        Map<String, RpcDispatcher> byPath = b.dispatchers();
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(b.webSocketIdleTimeout);
            container.setMaxTextMessageSize(maxMessage);
            container.setMaxBinaryMessageSize(maxMessage);
            for (String p : b.paths) {
                RpcDispatcher dispatcher = byPath.get(p);
                container.addMapping(p, (req, resp, cb) -> {
                    // go-jsonrpc: any origin; the requested sub-protocol header is echoed
                    resp.getHeaders().put("Access-Control-Allow-Origin", "*");
                    String proto = req.getHeaders().get(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL);
                    if (proto != null && !proto.isEmpty()) {
                        resp.setAcceptedSubProtocol(proto);
                    }
                    resp.setExtensions(List.of()); // no permessage-deflate: go-jsonrpc's gorilla upgrader offers none
                    return new RpcWebSocketSession(dispatcher, RpcAuthHandler.permissions(req), calls, scheduler,
                            pingMillis, sessions, maxOwed);
                });
            }
        });
        this.httpHandler = new RpcHttpHandler(byPath, b.maxRequestSize, b.bodyBudget);
        ws.setHandler(httpHandler);

        PathMappingsHandler routes = new PathMappingsHandler() {
            // Jetty 12.1 hands the matched handler a request whose context path is the matched prefix, which
            // fails outside a ContextHandler (as here, where the context path is null). Pass the request on as
            // it came, as Jetty 12.0 did: every handler behind the routes sees the whole path.
            @Override
            protected Request newPathSpecRequest(Request request, PathSpec pathSpec) {
                return request;
            }
        };
        for (String p : b.paths) {
            routes.addMapping(PathSpec.from(p), ws);
        }
        if (b.pushStreams != null) {
            routes.addMapping(new RegexPathSpec("^" + PushStreams.PATH_PREFIX.replace(".", "\\.") + "[^/]+$"),
                    b.pushStreams.handler());
        }
        b.extraHandlers.forEach((path, handler) -> routes.addMapping(PathSpec.from(path), handler));
        routes.addMapping(PathSpec.from("/"), new NotFound());
        server.setHandler(new RpcAuthHandler(b.authority, routes));
        server.setErrorHandler(errorPages());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
    }

    public static Builder builder(RpcDispatcher dispatcher) {
        return new Builder(dispatcher);
    }

    /** Server settings. */
    public static final class Builder {
        private final RpcDispatcher dispatcher;
        private String host = "127.0.0.1";
        private int port = 2345;
        private JwtAuthority authority;
        private boolean authoritySet;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private long maxRequestSize = GoJson.DEFAULT_MAX_REQUEST_SIZE;
        private long bodyBudget = Runtime.getRuntime().maxMemory() / 4;
        private long webSocketOwedBytes = DEFAULT_WEBSOCKET_OWED_BYTES;
        private Duration webSocketIdleTimeout = Duration.ofDays(3650);
        private int maxThreads = 200;
        private PushStreams pushStreams;
        private List<String> paths = List.of(RPC_PATH);
        private final Map<String, Handler> extraHandlers = new LinkedHashMap<>();
        private final Map<String, RpcDispatcher> pathDispatchers = new HashMap<>();

        private Builder(RpcDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        }

        /** The listen address (default 127.0.0.1, Lotus's default). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 2345); 0 picks a free one, see {@link RpcServer#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The token verifier. Required: pass null explicitly to serve without auth (every permission). */
        public Builder auth(JwtAuthority authority) {
            this.authority = authority;
            this.authoritySet = true;
            return this;
        }

        /** How often to ping WebSocket clients (default 5 s; zero disables). */
        public Builder pingInterval(Duration d) {
            this.pingInterval = Objects.requireNonNull(d, "pingInterval");
            return this;
        }

        /** The HTTP body limit, also the WebSocket message limit (default 100 MiB). */
        public Builder maxRequestSize(long bytes) {
            this.maxRequestSize = bytes;
            return this;
        }

        /**
         * How many bytes of request bodies may be held at once, by every HTTP request being read together
         * (default a quarter of the heap; never less than one body of the maximum size). A body that would pass it
         * is refused.
         */
        public Builder bodyBudget(long bytes) {
            this.bodyBudget = bytes;
            return this;
        }

        /**
         * How many bytes of answers one WebSocket connection may be owed (queued, not yet written to a client that
         * does not read) before its next request is read (default 1 MiB).
         */
        public Builder webSocketOwedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("webSocketOwedBytes must be positive");
            }
            this.webSocketOwedBytes = bytes;
            return this;
        }

        /**
         * The JSON-RPC paths, each served over HTTP and WebSocket (default {@code /rpc/v0}, the miner's only one; a
         * full node serves {@code /rpc/v1} and {@code /rpc/v0}). The first is the one {@link RpcServer#httpUri()}
         * names.
         */
        public Builder paths(String... paths) {
            if (paths.length == 0) {
                throw new IllegalArgumentException("at least one path");
            }
            for (String p : paths) {
                if (p == null || !p.startsWith("/")) {
                    throw new IllegalArgumentException("a path starts with /: " + p);
                }
            }
            this.paths = List.of(paths);
            return this;
        }

        /** Serves another exact path on the same listener, behind the same auth handler (lotus-miner's metrics). */
        public Builder handler(String path, Handler handler) {
            extraHandlers.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Serves {@code path} (one of {@link #paths}) with its own dispatcher instead of the server's: another version
         * of the API on the same port and auth (Lotus's full node serves v0 through a wrapper of v1).
         */
        public Builder dispatcher(String path, RpcDispatcher pathDispatcher) {
            this.pathDispatchers.put(Objects.requireNonNull(path, "path"),
                    Objects.requireNonNull(pathDispatcher, "dispatcher"));
            return this;
        }

        /** Each path's dispatcher, in path order. */
        private Map<String, RpcDispatcher> dispatchers() {
            Map<String, RpcDispatcher> out = new LinkedHashMap<>();
            for (String p : paths) {
                out.put(p, pathDispatchers.getOrDefault(p, dispatcher));
            }
            return out;
        }

        /** Serves the push endpoint of {@code streams} (register its decoder with the dispatcher too). */
        public Builder pushStreams(PushStreams streams) {
            this.pushStreams = streams;
            return this;
        }

        /** Builds and starts the server. */
        public RpcServer start() throws Exception {
            if (!authoritySet) {
                throw new IllegalStateException("auth(...) not set: pass a JwtAuthority, or null for no auth");
            }
            if (maxRequestSize <= 0 || maxRequestSize >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxRequestSize must be positive and below 2 GiB");
            }
            if (!paths.containsAll(pathDispatchers.keySet())) {
                throw new IllegalArgumentException("a dispatcher for a path not served: " + pathDispatchers.keySet());
            }
            RpcServer s = new RpcServer(this);
            try {
                s.server.start();
            } catch (Exception e) {
                s.stop();
                throw e;
            }
            return s;
        }
    }

    /** The actual port (useful after {@code port(0)}). */
    public int port() {
        return connector.getLocalPort();
    }

    public String host() {
        return host;
    }

    /** {@code http://host:port/rpc/v0} (the first path served). */
    public URI httpUri() {
        return URI.create("http://" + hostForUri() + ":" + port() + path);
    }

    /** {@code ws://host:port/rpc/v0} (the first path served). */
    public URI webSocketUri() {
        return URI.create("ws://" + hostForUri() + ":" + port() + path);
    }

    private String hostForUri() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Lotus's {@code api} file content for this server, e.g. {@code /ip4/127.0.0.1/tcp/2345/http}. */
    public String multiaddr() {
        return (host.contains(":") ? "/ip6/" : "/ip4/") + host + "/tcp/" + port() + "/http";
    }

    /** How many bytes of HTTP request bodies being read the server holds now. */
    long bufferedBodyBytes() {
        return httpHandler.bufferedBytes();
    }

    /** The most bytes of answers any open WebSocket connection is owed now. */
    long maxWebSocketOwedBytes() {
        long max = 0;
        for (RpcWebSocketSession s : sessions) {
            max = Math.max(max, s.owedBytes());
        }
        return max;
    }

    /** How many WebSocket connections are open. */
    public int openWebSockets() {
        return sessions.size();
    }

    /**
     * Stops: WebSocket clients get {@code xrpc.ch.close} for their open channels and a normal close, then Jetty
     * stops (waiting up to the stop timeout for running requests) and the executors end.
     */
    public void stop() {
        for (RpcWebSocketSession s : List.copyOf(sessions)) {
            try {
                s.shutdown();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a websocket: " + e.getMessage());
            }
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping the RPC server: " + e.getMessage());
        }
        scheduler.shutdownNow();
        calls.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    /** WebSocket calls run on a pool of up to 64 threads, shut down on stop. */
    private static ExecutorService callExecutor() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(4, 64, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemon("minersim-rpc-call"), new ThreadPoolExecutor.CallerRunsPolicy());
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * What Jetty answers itself (a request its parser refuses, an upgrade it cannot make, a handler that threw):
     * go-jsonrpc's error envelope, -32600 for the client's error, -32603 for the server's.
     */
    private static JsonErrorPages errorPages() {
        return new JsonErrorPages("application/json", (request, status, message) -> Envelopes.error(null,
                status < 500 || status == 505 ? RpcError.INVALID_REQUEST : RpcError.INTERNAL_ERROR, message));
    }

    /** Go's {@code http.NotFound}. */
    private static final class NotFound extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            RequestBodies.discard(request, response);
            HttpReplies.text(response, callback, 404, "404 page not found");
            return true;
        }
    }
}
