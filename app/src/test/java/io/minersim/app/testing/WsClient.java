package io.minersim.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A java.net.http WebSocket for tests that queues every text frame it receives, counts pings and
 * records how the connection closed. Shared by the transport and the contract tests.
 */
public final class WsClient implements AutoCloseable {
    public final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    public final AtomicInteger pings = new AtomicInteger();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    public WebSocket socket;
    private final Consumer<String> observer;

    /** A client not yet connected: build its socket with {@link #listener()}. */
    public WsClient(Consumer<String> observer) {
        this.observer = observer;
    }

    public WsClient() {
        this(frame -> { });
    }

    /** Connects to {@code uri}; {@code headers} alternate names and values. */
    public static WsClient connect(HttpClient http, URI uri, Consumer<String> observer, String... headers)
            throws Exception {
        WsClient c = new WsClient(observer);
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.socket = b.buildAsync(uri, c.listener()).get(10, TimeUnit.SECONDS);
        return c;
    }

    public WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String f = partial.toString();
                    partial.setLength(0);
                    observer.accept(f);
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

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(String text) {
        socket.sendBinary(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    /** The next frame, or null after the timeout. */
    public String next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String next() throws InterruptedException {
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
