package io.minersim.app.rpc;

import io.minersim.app.testing.WsClient;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server on a free port with the test API, auth and the push endpoint, plus HTTP and WebSocket clients.
 *
 * <p>A JUnit 5 extension for a test class's shared server: {@code @RegisterExtension static final RpcFixture f =
 * new RpcFixture();} starts the server before the class's tests and, after them, stops it and checks that no
 * response seen leaked a Java name. Outside a class's lifecycle, {@code new RpcFixture().start()} gives a
 * server to close oneself.
 */
final class RpcFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    static final List<String> ALL = List.of("read", "write", "sign", "admin");

    final JwtAuthority jwt = new JwtAuthority(new byte[32]);
    final TestApiImpl impl = new TestApiImpl(jwt);
    final PushStreams push;
    final RpcDispatcher dispatcher;
    /** The running server; null until {@link #start()}. */
    RpcServer server;
    /** HTTP/1.1: Java's default h2c upgrade attempt is refused by go-jsonrpc (see RpcHttpTest). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every response body seen, to check that none leaks a Java name. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private final Duration ping;
    private final long maxRequestSize;

    /** Pings every 5 s, go-jsonrpc's request size limit, push uploads awaited 30 s. */
    RpcFixture() {
        this(Duration.ofSeconds(5), GoJson.DEFAULT_MAX_REQUEST_SIZE, Duration.ofSeconds(30));
    }

    RpcFixture(Duration ping, long maxRequestSize, Duration pushTimeout) {
        this.ping = ping;
        this.maxRequestSize = maxRequestSize;
        push = new PushStreams(pushTimeout);
        dispatcher = RpcDispatcher.builder().register(TestApi.class, impl)
                .paramDecoder(InputStream.class, push.decoder()).build();
    }

    /** Starts the server (once); returns this. */
    RpcFixture start() throws Exception {
        if (server == null) {
            server = RpcServer.builder(dispatcher).host("127.0.0.1").port(0).auth(jwt).pingInterval(ping)
                    .maxRequestSize(maxRequestSize).pushStreams(push).start();
        }
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
        NoJavaNames.check();
    }

    String token(List<String> perms) {
        return jwt.sign(perms);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A POST to /rpc/v0; {@code headers} alternate names and values. */
    HttpResponse<String> post(String body, String... headers) throws Exception {
        return send("POST", "/rpc/v0", body, headers);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        SEEN.add(r.body());
        return r;
    }

    WsClient ws(String... headers) throws Exception {
        return WsClient.connect(http, URI.create("ws://127.0.0.1:" + server.port() + "/rpc/v0"), SEEN::add, headers);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
