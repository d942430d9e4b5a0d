package io.minersim.app.stats;

import io.minersim.app.http.JsonErrorPages;
import io.minersim.app.http.Listeners;
import io.minersim.app.web.WebHandler;
import io.minersim.app.web.WebMiner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The statistics API's own Jetty server (default {@code 127.0.0.1:2346}), with the web page at {@code /}. While it runs, the repo's
 * {@code stats-api} file holds its base URL, for {@code minersim stats show}.
 */
public final class StatsServer implements AutoCloseable {
    /** The file in the repo naming the running statistics server's URL. */
    public static final String API_FILE = "stats-api";

    private final Server server;
    private final ServerConnector connector;
    private final Path repo;
    private final WebHandler web;
    /** Stops the server (and removes {@code stats-api}) when the JVM is stopped by a signal. */
    private final Thread hook;
    private boolean closed;

    private StatsServer(Server server, ServerConnector connector, Path repo, WebHandler web) {
        this.server = server;
        this.web = web;
        this.connector = connector;
        this.repo = repo;
        this.hook = new Thread(this::stop, "minersim-stats-shutdown");
    }

    /**
     * Starts serving {@code service} on {@code host:port} (port 0 picks a free one) for callers with
     * one of {@code keys}; {@code repo}, if not null, gets the {@code stats-api} file.
     */
    public static StatsServer start(StatsService service, StatsKeys keys, long seed, String host, int port, Path repo)
            throws Exception {
        return start(service, keys, seed, host, port, repo, List.of());
    }

    /**
     * Starts serving {@code service} as {@link #start(StatsService, StatsKeys, long, String, int, Path)} does, and
     * the web page (see {@link WebHandler}) on the same port for {@code miners}' endpoints.
     */
    public static StatsServer start(StatsService service, StatsKeys keys, long seed, String host, int port, Path repo,
            List<WebMiner> miners) throws Exception {
        Listeners.withoutJmxProbe();
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName("minersim-stats");
        Server server = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        // Spacescope clients that join base path and endpoint with a slash too many ask for /v2//storage_provider/..:
        // Jetty refuses such an empty segment as ambiguous (400) unless told otherwise
        hc.setUriCompliance(UriCompliance.DEFAULT.with("minersim-stats",
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        ServerConnector connector = Listeners.likeGo(new ServerConnector(server, new HttpConnectionFactory(hc)));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        StatsHttpHandler handler = new StatsHttpHandler(service, keys, seed);
        WebHandler web = new WebHandler(miners, keys);
        server.setHandler(new Handler.Sequence(web, handler));
        server.setErrorHandler(new JsonErrorPages(StatsHttpHandler.JSON, handler::errorBody));
        server.setStopTimeout(2000);
        server.start();
        StatsServer s = new StatsServer(server, connector, repo, web);
        Runtime.getRuntime().addShutdownHook(s.hook);
        if (repo != null) {
            try {
                Files.writeString(repo.resolve(API_FILE), s.uri().toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                s.close();
                throw new UncheckedIOException("cannot write " + repo.resolve(API_FILE) + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:2346}. */
    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the hook runs stop() itself
        }
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            web.endStreams(); // the page's event streams never end by themselves: a graceful stop would wait on them
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the statistics server: " + e.getMessage(), e);
        } finally {
            if (repo != null) {
                try {
                    Files.deleteIfExists(repo.resolve(API_FILE));
                } catch (IOException e) {
                    // the server has stopped; a stale file only misleads the CLI, which reports it
                }
            }
        }
    }
}
