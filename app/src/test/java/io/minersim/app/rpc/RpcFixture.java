package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A server on a free port with the test API, auth and the push endpoint, plus HTTP and WebSocket clients. */
final class RpcFixture implements AutoCloseable {
    static final List<String> ALL = List.of("read", "write", "sign", "admin");

    final JwtAuthority jwt = new JwtAuthority(new byte[32]);
    final TestApiImpl impl = new TestApiImpl(jwt);
    final PushStreams push;
    final RpcDispatcher dispatcher;
    final RpcServer server;
    /** HTTP/1.1: Java's default h2c upgrade attempt is refused by go-jsonrpc (see RpcHttpTest). */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every response body seen, to check that none leaks a Java name. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    RpcFixture() throws Exception {
        this(Duration.ofSeconds(5), RpcJson.DEFAULT_MAX_REQUEST_SIZE, Duration.ofSeconds(30));
    }

    RpcFixture(Duration ping, long maxRequestSize, Duration pushTimeout) throws Exception {
        push = new PushStreams(pushTimeout);
        dispatcher = RpcDispatcher.builder().register(TestApi.class, impl)
                .paramDecoder(InputStream.class, push.decoder()).build();
        server = RpcServer.builder(dispatcher).host("127.0.0.1").port(0).auth(jwt).pingInterval(ping)
                .maxRequestSize(maxRequestSize).pushStreams(push).start();
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
        return WsClient.connect(http, URI.create("ws://127.0.0.1:" + server.port() + "/rpc/v0"), headers);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A java.net.http WebSocket that queues every text frame it receives. */
    static final class WsClient implements AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final AtomicInteger pings = new AtomicInteger();
        final java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        WebSocket socket;

        static WsClient connect(HttpClient http, URI uri, String... headers) throws Exception {
            WsClient c = new WsClient();
            WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            c.socket = b.buildAsync(uri, c.listener()).get(10, TimeUnit.SECONDS);
            return c;
        }

        WebSocket.Listener listener() {
            return new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String f = partial.toString();
                        partial.setLength(0);
                        SEEN.add(f);
                        frames.add(f);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
                    pings.incrementAndGet();
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    closed.complete(-1);
                }
            };
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void sendBinary(String text) {
            socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
        }

        /** The next frame, or null after the timeout. */
        String next(Duration timeout) throws InterruptedException {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        String next() throws InterruptedException {
            String f = next(Duration.ofSeconds(10));
            assertThat(f).as("a frame from the server").isNotNull();
            return f;
        }

        @Override
        public void close() {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }
}
